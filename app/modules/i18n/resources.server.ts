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
/** "lang/ns1+ns2…" → the served file: its JSON text and its URL with the content hash */
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
    }
    out[lang] = bundle;
  }
  cache = out;
  return out;
}

export function bundleFor(lang: Lang): ResourceLanguage {
  return loadResources()[lang];
}

/** The one file holding `lang`'s namespaces `names` ({ namespace: texts }), made once. */
function fileOf(lang: Lang, names: string[]): { json: string; url: string } | null {
  const all = loadResources()[lang];
  const sorted = [...new Set(names)].sort();
  if (!sorted.length || sorted.some((ns) => !(ns in all))) return null;
  const key = `${lang}/${sorted.join("+")}`;
  let f = files.get(key);
  if (!f) {
    const json = JSON.stringify(Object.fromEntries(sorted.map((ns) => [ns, all[ns]])));
    const hash = createHash("sha256").update(json).digest("base64url").slice(0, 12);
    f = { json, url: `/locales/${key}.${hash}.json` };
    files.set(key, f);
  }
  return f;
}

/**
 * For the root data: `lang`'s namespaces `names` (all when null), each mapped to the URL of the
 * one hashed file that holds them all (one request per page, ADR 0062). The page carries these
 * instead of the texts.
 */
export function namespaceRefs(lang: Lang, names: string[] | null): NamespaceRefs {
  const all = loadResources()[lang];
  const list = (names ?? Object.keys(all)).filter((ns) => ns in all);
  const f = fileOf(lang, list);
  return f ? Object.fromEntries(list.map((ns) => [ns, f.url])) : {};
}

/**
 * The file behind a URL made by `namespaceRefs`: `lang` and `file`
 * ("common+participation.<hash>.json"), or null when there is no such file (an unknown namespace,
 * or another hash: an old page after a deploy).
 */
export function translationFile(lang: string, file: string): string | null {
  const m = /^([a-z]+(?:\+[a-z]+)*)\.([\w-]{12})\.json$/.exec(file);
  if (!m || (lang !== "ky" && lang !== "ru")) return null;
  const f = fileOf(lang, m[1].split("+"));
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
