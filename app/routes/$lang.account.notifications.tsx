import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert, Button, SelectField } from "~/components/ui";
import { requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { DomainError } from "~/modules/core/errors";
import { invalidReply, refusalReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { pageMeta } from "~/modules/i18n/meta";
import { getFixedT } from "~/modules/i18n/resources.server";
import { requireLang } from "~/modules/i18n/route.server";
import { subscribe, unsubscribeMunicipality, updatePrefs } from "~/modules/reach/commands.server";
import { municipalityPath } from "~/modules/reach/links";
import { getPrefsView } from "~/modules/reach/queries.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "reach:settings.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  return { prefs: await getPrefsView(await getDb(), user.id, lang) };
}

const flag = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");
const prefsSchema = z.object({
  intent: z.literal("prefs"),
  newHearings: flag,
  results: flag,
  protocols: flag,
  answers: flag,
  reminders: flag,
  delivery: z.enum(["immediate", "daily", "none"], { message: "reach:errors.delivery" }),
});
const subSchema = z.object({
  intent: z.enum(["subscribe", "unsubscribe"]),
  municipalityId: z.coerce
    .number({ message: "reach:errors.municipality" })
    .int("reach:errors.municipality")
    .positive("reach:errors.municipality"),
});

export async function action({ params, request }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const db = await getDb();
  const t = getFixedT(lang);
  const form = await readForm(request);
  if (form.get("intent") === "prefs") {
    const res = parseForm(form, prefsSchema, t);
    if (!res.ok) return invalidReply(res.errors, res.values);
    await updatePrefs(db, user.id, res.data);
    return { ok: true as const, saved: "prefs" as const };
  }
  const res = parseForm(form, subSchema, t);
  if (!res.ok) return invalidReply(res.errors, res.values);
  const ok =
    res.data.intent === "subscribe"
      ? await subscribe(db, user.id, res.data.municipalityId)
      : (await unsubscribeMunicipality(db, user.id, res.data.municipalityId), true);
  if (!ok) {
    return refusalReply(
      lang,
      new DomainError("reach:errors.municipality", {}, 400, "municipalityId"),
      res.values,
    );
  }
  return { ok: true as const, saved: "subscriptions" as const };
}

const KINDS = ["newHearings", "results", "protocols", "answers", "reminders"] as const;

export default function NotificationSettings() {
  const { prefs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("reach");
  const lang = i18n.language as "ky" | "ru";
  const errors: Record<string, string[] | undefined> = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : null;
  const subscribedIds = new Set(prefs.subscriptions.map((s) => s.municipalityId));
  const others = prefs.municipalities.filter((m) => !subscribedIds.has(m.id));
  return (
    <>
      <h1>{t("settings.title")}</h1>
      {result?.ok ? <Alert tone="success">{t("settings.saved")}</Alert> : null}
      {result && !result.ok ? <Alert tone="error">{t("settings.fix")}</Alert> : null}

      <section aria-labelledby="reach-subs-heading">
        <h2 id="reach-subs-heading">{t("settings.subscriptions")}</h2>
        {prefs.subscriptions.length === 0 ? (
          <p className="muted">{t("settings.noSubscriptions")}</p>
        ) : (
          <ul className="reach-subs">
            {prefs.subscriptions.map((s) => (
              <li key={s.municipalityId}>
                <Link to={municipalityPath(lang, s.slug)}>{s.name}</Link>
                <Form method="post" className="reach-inline-form">
                  <input type="hidden" name="intent" value="unsubscribe" />
                  <input type="hidden" name="municipalityId" value={s.municipalityId} />
                  <Button variant="secondary">{t("subscribe.unfollow")}</Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {others.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="subscribe" />
            <SelectField
              label={t("settings.addSubscription")}
              name="municipalityId"
              defaultValue={values?.municipalityId ?? ""}
              errors={errors.municipalityId}
            >
              <option value="">{t("settings.choose")}</option>
              {others.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <Button>{t("subscribe.follow")}</Button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="reach-prefs-heading">
        <h2 id="reach-prefs-heading">{t("settings.prefs")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="prefs" />
          <fieldset className="reach-fieldset">
            <legend>{t("settings.kinds")}</legend>
            {KINDS.map((k) => (
              <div key={k} className="reach-check">
                <input
                  type="checkbox"
                  id={`pref-${k}`}
                  name={k}
                  defaultChecked={values ? values[k] === "on" : prefs[k]}
                />
                <label htmlFor={`pref-${k}`}>{t(`settings.kind.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset
            className="reach-fieldset"
            aria-describedby={errors.delivery ? "delivery-error" : undefined}
          >
            <legend>{t("settings.delivery")}</legend>
            {!prefs.hasEmail ? <p className="field-hint">{t("settings.noEmail")}</p> : null}
            {(["immediate", "daily", "none"] as const).map((d) => (
              <div key={d} className="reach-check">
                <input
                  type="radio"
                  id={`delivery-${d}`}
                  name="delivery"
                  value={d}
                  defaultChecked={(values?.delivery ?? prefs.delivery) === d}
                />
                <label htmlFor={`delivery-${d}`}>{t(`settings.deliveryMode.${d}`)}</label>
              </div>
            ))}
            {errors.delivery ? (
              <p id="delivery-error" className="field-error" role="alert">
                {errors.delivery.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Button>{t("settings.save")}</Button>
        </Form>
      </section>
    </>
  );
}
