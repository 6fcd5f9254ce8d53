/**
 * The common namespace of both languages, bundled with the page code (≈ 4 KB), for the one case
 * the root loader's bundle is missing: the error page when the root loader itself failed. With it
 * the 500 page is in Kyrgyz or Russian, never raw keys, also without JavaScript.
 */
import type { ResourceLanguage } from "i18next";
import kyCommon from "#locales/ky/common.json";
import ruCommon from "#locales/ru/common.json";
import type { Lang } from "./config";

/** `{ common }` for `lang`, from the bundled locale files. */
export function fallbackBundle(lang: Lang): ResourceLanguage {
  return { common: lang === "ru" ? ruCommon : kyCommon };
}
