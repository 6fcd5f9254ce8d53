/** Small helpers the account routes share: client address, honeypot, 429 answers, redirects. */
import { data, redirect } from "@remix-run/node";
import { clientIp } from "../audit/audit.server";
import { env } from "../core/env.server";
import { DEFAULT_LANG, langFromPath, type Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import type { LimitState } from "../ratelimit/ratelimit.server";
import { sessionCookie } from "./session.server";

export function metaOf(request: Request, context?: { ip?: string }) {
  return {
    ip: clientIp(request, context),
    userAgent: request.headers.get("user-agent"),
  };
}

export const HONEYPOT = "website";
/** A filled honeypot field: a bot. */
export function isBot(form: FormData): boolean {
  const v = form.get(HONEYPOT);
  return typeof v === "string" && v.trim() !== "";
}

export function langOf(request: Request): Lang {
  return langFromPath(new URL(request.url).pathname) ?? DEFAULT_LANG;
}

/** A 429 with Retry-After and a localized message for the form. */
export function tooMany(lang: Lang, state: LimitState, values: Record<string, string> = {}) {
  const t = getFixedT(lang, "auth");
  const minutes = Math.max(1, Math.ceil(state.retryAfter / 60));
  return data(
    { errors: { _form: [t("errors.tooMany", { count: minutes })] }, values },
    { status: 429, headers: { "Retry-After": String(state.retryAfter) } },
  );
}

/** Only a path on this site (never "//evil" or "https://…"). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string) {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.includes("\\"))
    return fallback;
  return to;
}

export function redirectWithSession(to: string, session: { token: string; expiresAt: string }) {
  return redirect(to, {
    headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, env().secureCookies) },
  });
}
