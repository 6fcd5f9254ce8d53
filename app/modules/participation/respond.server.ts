/** Turning a participation refusal into a localized reply that keeps what the person typed. */
import { data } from "@remix-run/node";
import type { FieldErrors, FormValues } from "../forms/validate.server";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { isDomainError } from "../core/errors";
import { ParticipationError } from "./context.server";

export interface ActionFailure {
  ok: false;
  intent: string;
  errors: FieldErrors;
  values: FormValues;
}

export function failure(intent: string, errors: FieldErrors, values: FormValues, status = 400) {
  return data<ActionFailure>({ ok: false, intent, errors, values }, { status });
}

/** Run a command; a ParticipationError becomes a 4xx with its localized message. */
export async function attempt<T>(
  lang: Lang,
  intent: string,
  values: FormValues,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof failure> }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof ParticipationError) {
      const t = getFixedT(lang, "participation");
      return {
        ok: false,
        response: failure(intent, { [e.field]: [t(e.key)] }, values, e.status),
      };
    }
    if (isDomainError(e)) {
      const t = getFixedT(lang, "participation");
      return {
        ok: false,
        response: failure(intent, { [e.field]: [t(e.key, e.params)] }, values, e.status),
      };
    }
    throw e;
  }
}

/** A JSON error for the API, localized. */
export function apiError(lang: Lang, key: string, status: number) {
  const t = getFixedT(lang, "participation");
  return Response.json({ error: { code: key, message: t(key) } }, { status });
}
