import { DEFAULT_LANG, isLang, type Lang } from "./config";
import { getFixedT } from "./resources.server";

/** The language of a `$lang` route; a 404 for anything else. */
export function requireLang(params: { lang?: string }): Lang {
  if (!isLang(params.lang))
    throw new Response(getFixedT(DEFAULT_LANG)("errors.notFoundText"), {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return params.lang;
}

/** A server-side `t` for this request's language. */
export function tFor(params: { lang?: string }, ns?: string) {
  return getFixedT(requireLang(params), ns);
}
