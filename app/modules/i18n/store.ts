/**
 * Translation bundles by language and namespace, kept once per process (ADR 0062). A page's root
 * data names its namespaces only by URL (`NamespaceRefs`: namespace → `/locales/<lang>/<ns>.<hash>.json`,
 * immutable); the texts themselves are not in the page. On the server the store holds every
 * bundle (filled by `loadResources`); in the browser `loadNamespaces` fetches the missing ones
 * (entry.client before hydration, the root's clientLoader before a navigation renders).
 */
import type { ResourceLanguage } from "i18next";

/** namespace → URL of its hashed JSON file */
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
  await Promise.all(
    Object.entries(refs)
      .filter(([ns]) => !bundles.has(`${lang}/${ns}`))
      .map(async ([ns, url]) => {
        const res = await fetch(url, { credentials: "same-origin" });
        if (!res.ok) throw new Error(`translations ${url}: ${res.status}`);
        putBundle(lang, ns, (await res.json()) as ResourceLanguage[string]);
      }),
  );
}
