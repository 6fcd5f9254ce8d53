/**
 * Guards for loaders and actions. They throw: a redirect to sign-in for anonymous visitors, a 403
 * with a localized message for a signed-in person without the permission.
 */
import { redirect } from "@remix-run/node";
import { getDb } from "../core/db.server";
import { env } from "../core/env.server";
import { langFromPath, DEFAULT_LANG } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { can, type Action, type MunicipalityResource } from "./permissions";
import {
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  validateSessionToken,
  type SessionUser,
  type ValidatedSession,
} from "./session.server";

const cache = new WeakMap<Request, Promise<ValidatedSession | null>>();

/** The signed-in person for this request (validated once per request), or null. */
export function getSession(request: Request): Promise<ValidatedSession | null> {
  let p = cache.get(request);
  if (!p) {
    const token = readCookie(request, SESSION_COOKIE);
    p = token ? getDb().then((db) => validateSessionToken(db, token)) : Promise.resolve(null);
    cache.set(request, p);
  }
  return p;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** A Set-Cookie that renews the sliding session, when the loader wants to pass it on. */
export async function refreshedSessionCookie(request: Request): Promise<string | null> {
  const s = await getSession(request);
  const token = readCookie(request, SESSION_COOKIE);
  return s && token ? sessionCookie(token, s.session.expiresAt, env().secureCookies) : null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const lang = langFromPath(url.pathname) ?? DEFAULT_LANG;
    throw redirect(`/${lang}/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export function forbidden(request: Request, messageKey = "errors.forbidden"): Response {
  const lang = langFromPath(new URL(request.url).pathname) ?? DEFAULT_LANG;
  const t = getFixedT(lang);
  return new Response(t(messageKey), { status: 403, statusText: "Forbidden" });
}

export async function requirePermission(
  request: Request,
  action: Action,
  resource?: MunicipalityResource,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, action, resource)) throw forbidden(request);
  return user;
}

/**
 * For the sign-in and registration pages: a signed-in person has nothing to do there, so it
 * throws a redirect to `/{lang}/account`; otherwise resolves.
 */
export async function redirectIfSignedIn(request: Request, lang: string): Promise<void> {
  if (await getUser(request)) throw redirect(`/${lang}/account`);
}
