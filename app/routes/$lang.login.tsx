import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { signIn } from "~/modules/auth/commands.server";
import { getUser } from "~/modules/auth/guards.server";
import { Honeypot } from "~/modules/auth/Honeypot";
import {
  isBot,
  metaOf,
  redirectWithSession,
  safeRedirect,
  tooMany,
} from "~/modules/auth/http.server";
import { loginSchema } from "~/modules/auth/schemas.server";
import { getDb } from "~/modules/core/db.server";
import { parseForm, type FieldErrors, type FormValues } from "~/modules/forms/validate.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:login.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  if (await getUser(request)) throw redirect(`/${lang}/account`);
  return null;
}

type ActionData = { errors: FieldErrors; values: FormValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = tFor(params);
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), `/${lang}`);
  const parsed = parseForm(form, loginSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const invalid = () =>
    data(
      { errors: { _form: [t("auth:errors.badCredentials")] }, values: parsed.values },
      { status: 400 },
    );
  // a bot gets the same answer as a wrong password
  if (isBot(form)) return invalid();
  const res = await signIn(await getDb(), parsed.data, metaOf(request, context));
  if (res.ok) return redirectWithSession(redirectTo, res.session);
  if (res.reason === "limited") return tooMany(lang, res.limited, parsed.values);
  return invalid();
}

export default function Login() {
  const { t, i18n } = useTranslation("auth");
  const lang = i18n.language;
  const result = useActionData<ActionData>();
  const [params] = useSearchParams();
  const e = result?.errors ?? {};
  const v = result?.values ?? {};
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <div className="auth-page">
      <h1>{t("login.title")}</h1>
      {params.get("registered") === "1" && !result ? (
        <Alert tone="success">{t("login.registered")}</Alert>
      ) : null}
      {e._form ? <Alert tone="error">{e._form.join(" ")}</Alert> : null}
      <Form method="post" className="stack" noValidate>
        <Honeypot />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("fields.login")}
          hint={t("fields.loginHint")}
          name="login"
          autoComplete="username"
          required
          defaultValue={v.login}
          errors={e.login}
        />
        <Field
          label={t("fields.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={e.password}
        />
        <Button>{t("login.submit")}</Button>
      </Form>
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
    </div>
  );
}
