import i18next, { type i18n, type Resource, type ResourceLanguage } from "i18next";
import { DEFAULT_NS, type Lang } from "./config";

/**
 * A fresh i18next instance for one language and its bundle; initialised synchronously
 * (initAsync: false) so the server render and the client hydration see the same strings.
 */
export function createI18n(lang: Lang, bundle: ResourceLanguage): i18n {
  const instance = i18next.createInstance();
  const resources: Resource = { [lang]: bundle };
  void instance.init({
    lng: lang,
    fallbackLng: false,
    resources,
    ns: Object.keys(bundle),
    defaultNS: DEFAULT_NS,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    // a key missing from the bundle is reported in the browser's console (tests fail on it)
    parseMissingKeyHandler: (key: string, defaultValue?: string) => {
      if (defaultValue !== undefined) return defaultValue;
      if (typeof window !== "undefined") console.error(`missing i18n key: ${key}`);
      return key;
    },
  });
  return instance;
}
