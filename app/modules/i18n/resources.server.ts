import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResourceLanguage } from "i18next";
import { LANGS, type Lang } from "./config";
import { createI18n } from "./instance";
import { putBundle, type NamespaceRefs } from "./store";

/**
 * Every namespace of both languages, read once from locales/{ky,ru}/*.json (the project root is the
 * working directory of every npm script). The client receives only its language's bundle from the
 * root loader.
 */
let cache: Record<Lang, ResourceLanguage> | undefined;
/** "lang/ns" → the served file: its JSON text and its URL with the content hash */
const files = new Map<string, { json: string; url: string }>();

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
      const ns = file.replace(/\.json$/, "");
      bundle[ns] = JSON.parse(readFileSync(join(dir, file), "utf8"));
      putBundle(lang, ns, bundle[ns]);
      const json = JSON.stringify(bundle[ns]);
      const hash = createHash("sha256").update(json).digest("base64url").slice(0, 12);
      files.set(`${lang}/${ns}`, { json, url: `/locales/${lang}/${ns}.${hash}.json` });
    }
    out[lang] = bundle;
  }
  cache = out;
  return out;
}

export function bundleFor(lang: Lang): ResourceLanguage {
  return loadResources()[lang];
}

/**
 * The URLs of `lang`'s namespaces `names` (all when null), for the root data: the page carries
 * these instead of the texts (ADR 0062).
 */
export function namespaceRefs(lang: Lang, names: string[] | null): NamespaceRefs {
  const all = loadResources()[lang];
  const out: NamespaceRefs = {};
  for (const ns of names ?? Object.keys(all)) {
    const f = files.get(`${lang}/${ns}`);
    if (f) out[ns] = f.url;
  }
  return out;
}

/**
 * The file behind a URL made by `namespaceRefs`: `lang` and `file` ("participation.<hash>.json"),
 * or null when no such file exists (another hash: an old page after a deploy).
 */
export function translationFile(lang: string, file: string): string | null {
  loadResources();
  const m = /^([a-z]+)\.([\w-]{12})\.json$/.exec(file);
  const f = m ? files.get(`${lang}/${m[1]}`) : undefined;
  return f && f.url === `/locales/${lang}/${file}` ? f.json : null;
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
