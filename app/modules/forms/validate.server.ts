/**
 * Server-side form validation with zod. Schemas put i18n keys in their messages
 * (e.g. `z.string().min(10, "auth:errors.passwordTooShort")`); `parseForm` translates them for the
 * request's language and keeps what the person typed, so the form can be shown again.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string>;

export type ParseResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** The submitted text fields, as typed (files and passwords left out). */
export function formValues(
  form: FormData,
  omit: string[] = ["password", "newPassword", "currentPassword"],
): FormValues {
  const out: FormValues = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || omit.includes(k)) continue;
    out[k] = k in out ? `${out[k]}\n${v}` : v;
  }
  return out;
}

function translate(t: TFunction, message: string): string {
  // a message that looks like "ns:key.path" is a key; anything else is zod's own
  if (/^[a-z]+:[\w.]+$/i.test(message)) return t(message) as string;
  return t("common:errors.invalidForm") as string;
}

export function parseForm<S extends z.ZodType>(
  form: FormData | Record<string, unknown>,
  schema: S,
  t: TFunction,
): ParseResult<z.infer<S>> {
  const input = form instanceof FormData ? Object.fromEntries(form.entries()) : form;
  const values =
    form instanceof FormData
      ? formValues(form)
      : (Object.fromEntries(
          Object.entries(form).filter(([, v]) => typeof v === "string"),
        ) as FormValues);
  const res = schema.safeParse(input);
  if (res.success) return { ok: true, data: res.data, values };
  const errors: FieldErrors = {};
  for (const issue of res.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (errors[key] ??= []).push(translate(t, issue.message));
  }
  return { ok: false, errors, values };
}
