import { NewPasswordField } from "~/modules/auth/AuthForm";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { resetPasswordWithCode } from "~/modules/auth/commands.server";
import { Honeypot } from "~/modules/auth/Honeypot";
import { isBot, metaOf, redirectWithSession, tooMany } from "~/modules/auth/http.server";
import { resetCodeSchema } from "~/modules/auth/schemas.server";
import { getDb } from "~/modules/core/db.server";
import { DomainError } from "~/modules/core/errors";
import { invalidReply, refusalReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:reset.codeTitle");

export function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = tFor(params);
  const form = await readForm(request);
  const p = parseForm(form, resetCodeSchema, t);
  if (!p.ok) return invalidReply(p.errors, p.values);
  const invalid = () => refusalReply(lang, new DomainError("auth:errors.codeInvalid"), p.values);
  if (isBot(form)) return invalid();
  const res = await resetPasswordWithCode(await getDb(), p.data, metaOf(request, context));
  if (res.ok) return redirectWithSession(`/${lang}/account?reset=1`, res.session);
  if (res.limited) return tooMany(lang, res.limited, p.values);
  return invalid();
}

export default function ResetWithCode() {
  const { t } = useTranslation("auth");
  const res = useActionData<ActionReply>();
  const e = res?.errors ?? {};
  const v = res?.values ?? {};
  return (
    <div className="auth-page">
      <h1>{t("reset.codeTitle")}</h1>
      <p>{t("reset.codeIntro")}</p>
      {e._form ? <Alert tone="error">{e._form.join(" ")}</Alert> : null}
      <Form method="post" className="stack" noValidate>
        <Honeypot />
        <Field
          label={t("fields.phone")}
          name="phone"
          type="tel"
          autoComplete="tel"
          placeholder="+996 700 123 456"
          required
          defaultValue={v.phone}
          errors={e.phone}
        />
        <Field
          label={t("fields.code")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          defaultValue={v.code}
          errors={e.code}
        />
        <NewPasswordField name="password" errors={e.password} />
        <Button>{t("reset.save")}</Button>
      </Form>
    </div>
  );
}
