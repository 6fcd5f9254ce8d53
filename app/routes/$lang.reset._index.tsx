import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { requestPasswordReset } from "~/modules/auth/commands.server";
import { Honeypot } from "~/modules/auth/Honeypot";
import { isBot, metaOf, tooMany } from "~/modules/auth/http.server";
import { resetRequestSchema } from "~/modules/auth/schemas.server";
import { getDb } from "~/modules/core/db.server";
import { invalidReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:reset.title");

export function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await readForm(request);
  const p = parseForm(form, resetRequestSchema, tFor(params));
  if (!p.ok) return invalidReply(p.errors, p.values);
  // the same answer for a bot, an unknown account and a real one
  if (isBot(form)) return { sent: true };
  const res = await requestPasswordReset(
    await getDb(),
    { login: p.data.login, lang },
    metaOf(request, context),
  );
  if (!res.ok) return tooMany(lang, res.limited, p.values);
  return { sent: true };
}

export default function ResetRequest() {
  const { t } = useTranslation("auth");
  const lang = useLang();
  const res = useActionData<ActionReply<{ sent: boolean }>>();
  const e = res?.errors ?? {};
  return (
    <div className="auth-page">
      <h1>{t("reset.title")}</h1>
      {res?.sent ? (
        <Alert tone="success">{t("reset.sent")}</Alert>
      ) : (
        <>
          <p>{t("reset.intro")}</p>
          {e._form ? <Alert tone="error">{e._form.join(" ")}</Alert> : null}
          <Form method="post" className="stack" noValidate>
            <Honeypot />
            <Field
              label={t("fields.email")}
              name="login"
              type="email"
              autoComplete="email"
              required
              defaultValue={res?.values?.login}
              errors={e.login}
            />
            <Button>{t("reset.submit")}</Button>
          </Form>
        </>
      )}
      <h2>{t("reset.phoneTitle")}</h2>
      <p>
        {t("reset.phoneIntro")} <Link to={`/${lang}/reset/code`}>{t("reset.haveCode")}</Link>
      </p>
    </div>
  );
}
