import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { AuthForm, LoginField } from "~/modules/auth/AuthForm";
import { badCredentials, signIn } from "~/modules/auth/commands.server";
import { redirectIfSignedIn } from "~/modules/auth/guards.server";
import { isBot, metaOf, redirectWithSession, safeRedirect } from "~/modules/auth/http.server";
import { loginSchema } from "~/modules/auth/schemas.server";
import { getDb } from "~/modules/core/db.server";
import { invalidReply, refusal, refusalReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:login.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request, requireLang(params));
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = tFor(params);
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), `/${lang}`);
  const parsed = parseForm(form, loginSchema, t);
  if (!parsed.ok) return invalidReply(parsed.errors, parsed.values);
  // a bot gets the same answer as a wrong password
  if (isBot(form)) return refusalReply(lang, badCredentials(), parsed.values);
  try {
    const { session } = await signIn(await getDb(), parsed.data, metaOf(request, context));
    return redirectWithSession(redirectTo, session);
  } catch (e) {
    return refusal(e, lang, undefined, parsed.values);
  }
}

export default function Login() {
  const { t, i18n } = useTranslation("auth");
  const lang = i18n.language;
  const result = useActionData<ActionReply>();
  const [params] = useSearchParams();
  const e = result?.errors ?? {};
  const v = result?.values ?? {};
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <AuthForm
      title={t("login.title")}
      notice={
        params.get("registered") === "1" && !result ? (
          <Alert tone="success">{t("login.registered")}</Alert>
        ) : null
      }
      formErrors={e._form}
      redirectTo={redirectTo}
      after={
        <>
          <p>
            <Link to={`/${lang}/reset`}>{t("login.forgot")}</Link>
          </p>
          <p>
            {t("login.noAccount")}{" "}
            <Link
              to={`/${lang}/register${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}
            >
              {t("register.title")}
            </Link>
          </p>
        </>
      }
    >
      <LoginField value={v.login} errors={e.login} />
      <Field
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={e.password}
      />
      <Button>{t("login.submit")}</Button>
    </AuthForm>
  );
}
