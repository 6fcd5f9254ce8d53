/**
 * The one place a `DomainError` becomes an HTTP answer (see docs/decisions/0005-one-way-to-refuse.md):
 *
 * - a page action answers `ActionReply`: `{ ok: false, intent?, errors, values }` with the
 *   refusal's status, the message localized at its field and what the person typed kept
 *   (`refusalReply`, or `attempt` around a command);
 * - a loader throws a localized text `Response` with the status (403/404/409 …), which the root
 *   error boundary shows (`refusalPage`, `notFound`, `forbiddenPage`, `orRefusalPage`);
 * - the API answers JSON `{ error: { code, message } }` with the status (`apiRefusal`);
 * - a request refused before any command runs (bad id, body not a form, too large) gets either,
 *   by its path (`refusalFor`), and server.js's own refusals a small page (`plainRefusal`).
 *
 * Anything that is not a DomainError is rethrown untouched (a programming error stays a 500).
 */
import { data } from "@remix-run/node";
import type { FieldErrors, FormValues } from "../forms/validate.server";
import { DEFAULT_LANG, langFromAcceptLanguage, langFromPath, type Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { DomainError, isDomainError, type RefusalStatus } from "./errors";

/** A refused page action: the localized problems per field and the typed values, status kept. */
export interface ActionRefusal {
  ok: false;
  /** which form of the page was sent (pages with several forms) */
  intent?: string;
  errors: FieldErrors;
  values: FormValues;
}

/**
 * What every page action answers. `T` is the success payload of the route (e.g. `{ sent: true }`);
 * `done` names the form that succeeded when a page has several, `anchor` the form (its id) that
 * shows the success notice where the no-JS reply opens. A refusal always has `ok: false`; a
 * success may leave `ok` out.
 */
export type ActionReply<T extends object = object> =
  | ({
      ok?: true;
      intent?: string;
      done?: string;
      anchor?: string;
      errors?: undefined;
      values?: undefined;
    } & T)
  | (ActionRefusal & { [K in Exclude<keyof T, keyof ActionRefusal>]?: undefined });

/** The request's language from its path ("/ky/…", "/ru/…"), the default otherwise. */
export function langOfRequest(request: Request): Lang {
  return langFromPath(new URL(request.url).pathname) ?? DEFAULT_LANG;
}

function message(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const p: Record<string, string | number> = { ...params };
  // an instant passed as "date" is shown as its day (the messages say "not before {{date}}")
  if (typeof p.date === "string" && /^\d{4}-\d{2}-\d{2}T/.test(p.date))
    p.date = new Date(p.date).toISOString().slice(0, 10);
  return getFixedT(lang)(key, p) as string;
}

/** The localized text of a refusal (its key and params), for messages outside forms. */
export function refusalText(lang: Lang, e: DomainError): string {
  return message(lang, e.key, e.params);
}

/** A refusal as localized field errors: each problem at its field, or the one message at `field`. */
export function refusalErrors(lang: Lang, e: DomainError): FieldErrors {
  if (e.problems.length) {
    const out: FieldErrors = {};
    for (const x of e.problems) (out[x.field] ??= []).push(message(lang, x.key, x.params));
    return out;
  }
  return { [e.field]: [refusalText(lang, e)] };
}

/** A page action's refusal reply: `{ ok: false, intent, errors, values }` with the error's status. */
export function refusalReply(
  lang: Lang,
  e: DomainError,
  values: FormValues = {},
  intent?: string,
  init: { headers?: HeadersInit } = {},
) {
  const headers = new Headers(init.headers);
  if (e.retryAfter !== undefined) headers.set("Retry-After", String(e.retryAfter));
  return data<ActionRefusal>(
    {
      ok: false,
      ...(intent !== undefined ? { intent } : {}),
      errors: refusalErrors(lang, e),
      values,
    },
    { status: e.status, headers },
  );
}

/** Input that failed the form schema: 400 with the localized field errors and the typed values. */
export function invalidReply(
  errors: FieldErrors,
  values: FormValues = {},
  intent?: string,
  status: RefusalStatus = 400,
) {
  return data<ActionRefusal>(
    { ok: false, ...(intent !== undefined ? { intent } : {}), errors, values },
    { status },
  );
}

/**
 * In a page action's catch: a DomainError becomes its refusal reply, anything else is rethrown.
 * `try { await cmd(…) } catch (e) { return refusal(e, lang, intent, values) }`
 */
export function refusal(e: unknown, lang: Lang, intent: string | undefined, values: FormValues) {
  if (!isDomainError(e)) throw e;
  return refusalReply(lang, e, values, intent);
}

/**
 * Run a command for a page action: its value, or the refusal reply to return as it is.
 * Errors that are not DomainErrors propagate.
 */
export async function attempt<T>(
  lang: Lang,
  intent: string | undefined,
  values: FormValues,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof refusalReply> }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, response: refusal(e, lang, intent, values) };
  }
}

/** A loader's refusal: a localized plain-text Response with the error's status, to be thrown. */
export function refusalPage(lang: Lang, e: DomainError): Response {
  return new Response(refusalText(lang, e), {
    status: e.status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** 404 with a localized text (default: the common "page not found" text), to be thrown. */
export function notFound(lang: Lang, key = "common:errors.notFoundText"): Response {
  return refusalPage(lang, new DomainError(key, {}, 404));
}

/** 403 with a localized text (default: the common "no permission" text), to be thrown. */
export function forbiddenPage(lang: Lang, key = "common:errors.forbidden"): Response {
  return refusalPage(lang, new DomainError(key, {}, 403));
}

/** Run a loader's command or query; a DomainError is thrown as its localized page. */
export async function orRefusalPage<T>(lang: Lang, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isDomainError(e)) throw refusalPage(lang, e);
    throw e;
  }
}

/** An API refusal: JSON `{ error: { code, message } }` (code = the key) with the status. */
export function apiRefusal(lang: Lang, e: DomainError): Response {
  const headers: Record<string, string> = {};
  if (e.retryAfter !== undefined) headers["Retry-After"] = String(e.retryAfter);
  return Response.json(
    { error: { code: e.key, message: refusalText(lang, e) } },
    { status: e.status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

/** The language of an API request: `?lang=ky|ru`, else Accept-Language, else Kyrgyz. */
export function apiLangOf(request: Request): Lang {
  return apiLangFrom(
    new URL(request.url).searchParams.get("lang"),
    request.headers.get("accept-language"),
  );
}

/** {@link apiLangOf} from the query's `lang` and the Accept-Language header (each may be absent). */
export function apiLangFrom(queryLang: string | null, acceptLanguage: string | null): Lang {
  if (queryLang === "ky" || queryLang === "ru") return queryLang;
  return langFromAcceptLanguage(acceptLanguage) ?? "ky";
}

/**
 * Run an API loader: its Response, or the JSON refusal of a DomainError it throws, localized in
 * the request's API language. `extraHeaders` (e.g. CORS) are added to refusals.
 */
export async function apiReply(
  request: Request,
  fn: (lang: Lang) => Promise<Response>,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const lang = apiLangOf(request);
  try {
    return await fn(lang);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const r = apiRefusal(lang, e);
    for (const [k, v] of Object.entries(extraHeaders)) r.headers.set(k, v);
    return r;
  }
}

const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

function pathOf(request: Request): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return "/"; // a URL Remix accepted always parses
  }
}

/** The language a refusal of `request` is written in: its path, else Accept-Language, else ky. */
export function requestLang(request: Request): Lang {
  return (
    langFromPath(pathOf(request)) ??
    langFromAcceptLanguage(request.headers.get("accept-language")) ??
    DEFAULT_LANG
  );
}

/**
 * A refusal of `request` to throw from any loader or action, before or instead of a command
 * (a bad id, a body that is no form, one too large): the API's JSON `{ error: { code, message } }`
 * under /api/ (`apiRefusal`, in the API's language), else the localized page (`refusalPage`).
 */
export function refusalFor(request: Request, e: DomainError): Response {
  if (isApiPath(pathOf(request))) return apiRefusal(apiLangOf(request), e);
  return refusalPage(requestLang(request), e);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A refusal server.js sends itself, before Remix runs (body too large, not a form, bad URL): a
 * small HTML page in the language of `pathname` ("/ky/…", "/ru/…", else Accept-Language, else ky),
 * or JSON `{ error: { code, message } }` for /api/ paths. No JavaScript needed to read it.
 *
 * @returns status, content type and body to send as they are
 */
export function plainRefusal(
  pathname: string,
  acceptLanguage: string | undefined,
  key: string,
  status: number,
  params: Record<string, string | number> = {},
): { status: number; contentType: string; body: string } {
  const lang =
    langFromPath(pathname) ?? langFromAcceptLanguage(acceptLanguage ?? null) ?? DEFAULT_LANG;
  const t = getFixedT(lang);
  const text = t(key, params) as string;
  if (isApiPath(pathname))
    return {
      status,
      contentType: "application/json; charset=utf-8",
      body: JSON.stringify({ error: { code: key, message: text } }),
    };
  const title =
    status === 404 ? t("common:errors.notFoundTitle") : t("common:errors.badRequestTitle");
  const portal = t("common:layout.portalName");
  const body =
    `<!DOCTYPE html><html lang="${lang}" dir="ltr"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(`${title} · ${portal}`)}</title></head><body>` +
    `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
    `<p><a href="/${lang}">${escapeHtml(t("common:errors.backHome"))}</a></p></main></body></html>`;
  return { status, contentType: "text/html; charset=utf-8", body };
}
