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

/**
 * One zod issue as a sentence in the request's language. A message that looks like "ns:key.path"
 * is a key (a custom issue's `params` are its interpolation values). A text that is too long or too
 * short without a key of its own gets `common:errors.tooLong` / `tooShort` naming the limit, on
 * every form (issue 11 review: a 10,000-character reason got only "check the form"). Anything
 * else is zod's own English: the generic `common:errors.invalidForm`.
 */
export function issueMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  const message = issue.message;
  if (/^[a-z]+:[\w.]+$/i.test(message)) {
    const params = issue.code === "custom" ? (issue.params ?? {}) : {};
    return t(message, params) as string;
  }
  if (issue.code === "too_big" && issue.origin === "string")
    return t("common:errors.tooLong", { count: Number(issue.maximum) }) as string;
  if (issue.code === "too_small" && issue.origin === "string")
    return t("common:errors.tooShort", { count: Number(issue.minimum) }) as string;
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
    (errors[key] ??= []).push(issueMessage(t, issue));
  }
  return { ok: false, errors, values };
}
