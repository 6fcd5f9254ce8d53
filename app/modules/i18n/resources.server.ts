import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResourceLanguage } from "i18next";
import { LANGS, type Lang } from "./config";
import { createI18n } from "./instance";

/**
 * Every namespace of both languages, read once from locales/{ky,ru}/*.json (the project root is the
 * working directory of every npm script). The client receives only its language's bundle from the
 * root loader.
 */
let cache: Record<Lang, ResourceLanguage> | undefined;

export function localesDir(): string {
  return join(process.cwd(), "locales");
}

export function loadResources(): Record<Lang, ResourceLanguage> {
  if (cache) return cache;
  const out = {} as Record<Lang, ResourceLanguage>;
  for (const lang of LANGS) {
    const dir = join(localesDir(), lang);
    const bundle: ResourceLanguage = {};
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      bundle[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, file), "utf8"));
    }
    out[lang] = bundle;
  }
  cache = out;
  return out;
}

export function bundleFor(lang: Lang): ResourceLanguage {
  return loadResources()[lang];
}

const fixed = new Map<Lang, ReturnType<typeof createI18n>>();
/** A server-side `t` for one language (mail, PDFs, API messages). */
export function getFixedT(lang: Lang, ns?: string) {
  let inst = fixed.get(lang);
  if (!inst) {
    inst = createI18n(lang, bundleFor(lang));
    fixed.set(lang, inst);
  }
  return inst.getFixedT(lang, ns);
}
