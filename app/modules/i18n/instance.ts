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
  return withKeptTexts(instance);
}

type FixedT = ReturnType<i18n["getFixedT"]>;
const MAX_KEPT = 5000;

/**
 * The instance's texts are fixed once it is made (one language, one bundle, never changed), so a
 * text asked again with the same key and the same plain options (numbers, strings: `count`,
 * interpolated values) is the same string. i18next rebuilds its options for every call (a copy of
 * all its settings per `t`, ≈ 10 % of a page's render in the profile, docs/performance.md); the
 * `t` functions handed out by `getFixedT` (what `useTranslation` uses) keep the strings they made,
 * at most 5,000 per function, and ask i18next only for new ones.
 */
function withKeptTexts(instance: i18n): i18n {
  type Untyped = (...a: unknown[]) => unknown;
  const original = instance.getFixedT.bind(instance) as unknown as Untyped;
  const fixed = new Map<string, FixedT>();
  instance.getFixedT = ((...args: unknown[]) => {
    const [lng, ns, keyPrefix, fixedOpts] = args;
    // react-i18next passes { scopeNs: [namespaces] }; a selector key prefix is not kept
    if (typeof keyPrefix === "function") return original(...args);
    const id = JSON.stringify([lng ?? null, ns ?? null, keyPrefix ?? null, fixedOpts ?? null]);
    let t = fixed.get(id);
    if (!t) {
      const inner = original(lng, ns, keyPrefix, fixedOpts) as Untyped & Record<string, unknown>;
      const texts = new Map<string, string>();
      const kept = (key: unknown, opts?: unknown, ...rest: unknown[]) => {
        const id = typeof key === "string" && rest.length === 0 ? textId(key, opts) : null;
        if (id === null) return inner(key, opts, ...rest);
        let text = texts.get(id);
        if (text === undefined) {
          const made = inner(key, opts);
          if (typeof made !== "string") return made;
          if (texts.size >= MAX_KEPT) texts.clear();
          texts.set(id, (text = made));
        }
        return text;
      };
      t = Object.assign(kept, {
        lng: inner.lng,
        lngs: inner.lngs,
        ns: inner.ns,
        keyPrefix: inner.keyPrefix,
      }) as unknown as FixedT;
      fixed.set(id, t);
    }
    return t;
  }) as unknown as i18n["getFixedT"];
  return instance;
}

/** A cache id for `t(key, opts)` when `opts` is absent or flat with plain values, else null. */
function textId(key: string, opts: unknown): string | null {
  if (opts === undefined) return key;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts)) return null;
  let id = key;
  for (const [k, v] of Object.entries(opts)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      id += `\u0000${k}=${String(v)}`;
    else if (v !== undefined) return null;
  }
  return id;
}
