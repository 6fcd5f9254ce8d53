/** Small helpers the account routes share: client address, honeypot, 429 answers, redirects. */
import { redirect } from "@remix-run/node";
import { clientIp } from "../audit/audit.server";
import { env } from "../core/env.server";
import { refusalReply } from "../core/reply.server";
import { tooManyError } from "./commands.server";
import { DEFAULT_LANG, langFromPath, type Lang } from "../i18n/config";
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

/** A 429 with Retry-After and a localized message for the form (an `ActionRefusal`). */
export function tooMany(lang: Lang, state: LimitState, values: Record<string, string> = {}) {
  return refusalReply(lang, tooManyError(state), values);
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
