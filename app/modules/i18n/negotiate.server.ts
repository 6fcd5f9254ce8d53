import { readCookie } from "../core/cookies.server";
import { DEFAULT_LANG, isLang, LANG_COOKIE, langFromAcceptLanguage, type Lang } from "./config";

/** The visitor's language when the URL does not name one: cookie, then Accept-Language, else ky. */
export function preferredLang(request: Request): Lang {
  const cookie = readCookie(request, LANG_COOKIE);
  if (isLang(cookie)) return cookie;
  return langFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LANG;
}

export function langCookie(lang: Lang): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
