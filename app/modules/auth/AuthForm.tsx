/**
 * The frame of the sign-in and registration forms: the page title, an optional notice, the
 * form-wide refusal, and a POST form (works without JavaScript) with the honeypot and the page to
 * return to afterwards; and the login field both ask for in the same words.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Field } from "~/components/ui";
import { Honeypot } from "./Honeypot";

export function AuthForm({
  title,
  notice,
  formErrors,
  redirectTo,
  children,
  after,
}: {
  title: string;
  /** shown above the form (e.g. "registered, now sign in") */
  notice?: ReactNode;
  /** the refusal of the whole form (`errors._form`) */
  formErrors?: string[];
  /** where to go after success (kept through the POST) */
  redirectTo: string;
  /** the fields and the submit button */
  children: ReactNode;
  /** the links below the form */
  after: ReactNode;
}) {
  return (
    <div className="auth-page">
      <h1>{title}</h1>
      {notice}
      {formErrors ? <Alert tone="error">{formErrors.join(" ")}</Alert> : null}
      <Form method="post" className="stack" noValidate>
        <Honeypot />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {children}
      </Form>
      {after}
    </div>
  );
}

/** The login (phone or e-mail) field, with what was typed and its errors. */
export function LoginField({ value, errors }: { value?: string; errors?: string[] }) {
  const { t } = useTranslation("auth");
  return (
    <Field
      label={t("fields.login")}
      hint={t("fields.loginHint")}
      name="login"
      autoComplete="username"
      required
      defaultValue={value}
      errors={errors}
    />
  );
}

/**
 * The new-password field (reset by link, reset by code, change on the account page): the
 * password rules as its hint, `autoComplete="new-password"`. `name` is the form field it posts.
 */
export function NewPasswordField({ name, errors }: { name: string; errors?: string[] }) {
  const { t } = useTranslation("auth");
  return (
    <Field
      label={t("fields.newPassword")}
      hint={t("fields.passwordHint")}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      errors={errors}
    />
  );
}
