import type { MetaDescriptor } from "@remix-run/node";
import type { i18n as I18n, ResourceLanguage, TOptions } from "i18next";
import { DEFAULT_LANG, isLang, langFromPath } from "./config";
import { fallbackBundle } from "./fallback";
import { createI18n } from "./instance";
import { instanceFor, type NamespaceRefs } from "./store";

interface RootLike {
  lang?: string;
  i18n?: NamespaceRefs;
}
interface MatchLike {
  id: string;
  data?: unknown;
}

const instances = new WeakMap<object, I18n>();

const fallbacks = new Map<string, ResourceLanguage>();

/**
 * A `t` for meta functions, built from the root loader's bundle; when the root loader failed (an
 * error page), from the bundled common namespace of the language of `pathname`.
 */
export function metaT(matches: readonly MatchLike[], pathname?: string) {
  const root = matches.find((m) => m.id === "root")?.data as RootLike | undefined;
  const lang = isLang(root?.lang)
    ? root.lang
    : ((pathname ? langFromPath(pathname) : null) ?? DEFAULT_LANG);
  // one shared instance per language and namespace files, or the language's fallback
  let inst = isLang(lang) && root?.i18n ? instanceFor(lang, root.i18n) : null;
  if (!inst) {
    let bundle = fallbacks.get(lang);
    if (!bundle) {
      bundle = fallbackBundle(lang);
      fallbacks.set(lang, bundle);
    }
    inst = instances.get(bundle) ?? null;
    if (!inst) {
      inst = createI18n(lang, bundle);
      instances.set(bundle, inst);
    }
  }
  return inst.t.bind(inst);
}

/** `<title>` "Page · Жыйын" and a description, localized. */
export function pageMeta(
  matches: readonly MatchLike[],
  titleKey: string,
  opts: TOptions & { description?: string } = {},
): MetaDescriptor[] {
  const t = metaT(matches);
  const title = `${t(titleKey, opts) as string} · ${t("common:layout.portalName")}`;
  const out: MetaDescriptor[] = [{ title }];
  if (opts.description) out.push({ name: "description", content: opts.description });
  return out;
}

/** A title from text already translated (e.g. a hearing's own title). */
export function titleMeta(matches: readonly MatchLike[], text: string): MetaDescriptor[] {
  const t = metaT(matches);
  return [{ title: `${text} · ${t("common:layout.portalName")}` }];
}
