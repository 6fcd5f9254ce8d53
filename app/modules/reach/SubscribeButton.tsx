/**
 * "Follow this municipality" on the municipality page. A plain form post (works without
 * JavaScript) to /{lang}/m/{slug}/subscribe; visitors are sent to sign in first.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/hooks";

export function SubscribeButton({ slug, subscribed }: { slug: string; subscribed: boolean }) {
  const { t } = useTranslation("reach");
  const lang = useLang();
  return (
    <Form
      noValidate
      method="post"
      action={`/${lang}/m/${slug}/subscribe`}
      reloadDocument
      className="reach-subscribe"
    >
      <input type="hidden" name="intent" value={subscribed ? "unsubscribe" : "subscribe"} />
      <button type="submit" className={`btn ${subscribed ? "btn-secondary" : "btn-primary"}`}>
        {subscribed ? t("subscribe.unfollow") : t("subscribe.follow")}
      </button>
      <p className="field-hint">{subscribed ? t("subscribe.following") : t("subscribe.hint")}</p>
    </Form>
  );
}
