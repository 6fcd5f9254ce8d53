/**
 * Translation bundles by language and namespace, kept once per process (ADR 0062). A page's root
 * data names its namespaces only by URL (`NamespaceRefs`: namespace → the immutable file
 * `/locales/<lang>/<ns1>+<ns2>….<hash>.json` holding them); the texts are not in the page. On the server the store holds every
 * bundle (filled by `loadResources`); in the browser `loadNamespaces` fetches the missing ones
 * (entry.client before hydration, the root's clientLoader before a navigation renders).
 */
import type { i18n, ResourceLanguage } from "i18next";
import type { Lang } from "./config";
import { createI18n } from "./instance";

/** namespace → URL of the hashed JSON file that holds it (one file may hold several) */
export type NamespaceRefs = Record<string, string>;

const bundles = new Map<string, ResourceLanguage[string]>();

/** Keeps one namespace's texts for `lang`. */
export function putBundle(lang: string, ns: string, data: ResourceLanguage[string]): void {
  bundles.set(`${lang}/${ns}`, data);
}

/** The bundle of the namespaces named in `refs`, or null when one of them is not loaded. */
export function bundleOf(lang: string, refs: NamespaceRefs): ResourceLanguage | null {
  const out: ResourceLanguage = {};
  for (const ns of Object.keys(refs)) {
    const b = bundles.get(`${lang}/${ns}`);
    if (!b) return null;
    out[ns] = b;
  }
  return out;
}

/**
 * Fetches the namespaces of `refs` not yet in the store (browser). Throws when a file cannot be
 * loaded (the navigation then shows the error page, in the bundled common texts).
 */
export async function loadNamespaces(lang: string, refs: NamespaceRefs): Promise<void> {
  const urls = new Set(
    Object.entries(refs)
      .filter(([ns]) => !bundles.has(`${lang}/${ns}`))
      .map(([, url]) => url),
  );
  await Promise.all(
    [...urls].map(async (url) => {
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`translations ${url}: ${res.status}`);
      // one file holds several namespaces: { namespace: texts }
      const file = (await res.json()) as Record<string, ResourceLanguage[string]>;
      for (const [ns, data] of Object.entries(file)) putBundle(lang, ns, data);
    }),
  );
}

const instances = new Map<string, i18n>();

/**
 * One i18next instance per language and set of namespace files, made once and shared (its
 * language never changes, so concurrent renders may use it), or null when a file is not loaded.
 */
export function instanceFor(lang: Lang, refs: NamespaceRefs): i18n | null {
  const key = `${lang} ${Object.values(refs).join(" ")}`;
  let inst = instances.get(key);
  if (!inst) {
    const bundle = bundleOf(lang, refs);
    if (!bundle) return null;
    inst = createI18n(lang, bundle);
    if (instances.size >= 200) instances.clear();
    instances.set(key, inst);
  }
  return inst;
}
