import { isLang, type Lang } from "./config";
import { getFixedT } from "./resources.server";

/** The language of a `$lang` route; a 404 for anything else. */
export function requireLang(params: { lang?: string }): Lang {
  if (!isLang(params.lang)) throw new Response("Not found", { status: 404 });
  return params.lang;
}

/** A server-side `t` for this request's language. */
export function tFor(params: { lang?: string }, ns?: string) {
  return getFixedT(requireLang(params), ns);
}
