/**
 * Refusals of malformed requests, before any command runs: a localized `Response` to throw from a
 * loader or action (Remix shows it in the root error boundary with its status), or JSON
 * `{ error: { code, message } }` for the API under /api/. The language comes from the path
 * ("/ky/…", "/ru/…"), else Accept-Language, else Kyrgyz.
 */
import { DEFAULT_LANG, langFromAcceptLanguage, langFromPath, type Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";

/** The language a refusal of this request is written in. */
export function requestLang(request: Request): Lang {
  let path = "/";
  try {
    path = new URL(request.url).pathname;
  } catch {
    /* a URL Remix accepted always parses; keep the default otherwise */
  }
  return (
    langFromPath(path) ??
    langFromAcceptLanguage(request.headers.get("accept-language")) ??
    DEFAULT_LANG
  );
}

/**
 * A localized refusal to throw: `key` is "namespace:path" (e.g. "common:errors.notAForm"), `status`
 * the HTTP status (400, 404, 413, 415 …). Plain text for pages, JSON for /api/ paths.
 */
export function refusalResponse(
  request: Request,
  key: string,
  status: number,
  params: Record<string, string | number> = {},
): Response {
  const lang = requestLang(request);
  const message = getFixedT(lang)(key, params) as string;
  const isApi = (() => {
    try {
      return new URL(request.url).pathname.startsWith("/api/");
    } catch {
      return false;
    }
  })();
  if (isApi) return Response.json({ error: { code: key, message } }, { status });
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
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
  const message = t(key, params) as string;
  if (pathname.startsWith("/api/"))
    return {
      status,
      contentType: "application/json; charset=utf-8",
      body: JSON.stringify({ error: { code: key, message } }),
    };
  const title =
    status === 404 ? t("common:errors.notFoundTitle") : t("common:errors.badRequestTitle");
  const portal = t("common:layout.portalName");
  const body =
    `<!DOCTYPE html><html lang="${lang}" dir="ltr"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(`${title} · ${portal}`)}</title></head><body>` +
    `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
    `<p><a href="/${lang}">${escapeHtml(t("common:errors.backHome"))}</a></p></main></body></html>`;
  return { status, contentType: "text/html; charset=utf-8", body };
}
