import type { MetaDescriptor } from "@remix-run/node";
import type { i18n as I18n, ResourceLanguage, TOptions } from "i18next";
import { DEFAULT_LANG, isLang } from "./config";
import { createI18n } from "./instance";

interface RootLike {
  lang?: string;
  i18n?: ResourceLanguage;
}
interface MatchLike {
  id: string;
  data?: unknown;
}

const instances = new WeakMap<ResourceLanguage, I18n>();

/** A `t` for meta functions, built from the root loader's bundle. */
export function metaT(matches: readonly MatchLike[]) {
  const root = matches.find((m) => m.id === "root")?.data as RootLike | undefined;
  const lang = isLang(root?.lang) ? root.lang : DEFAULT_LANG;
  const bundle = root?.i18n ?? {};
  let inst = instances.get(bundle);
  if (!inst) {
    inst = createI18n(lang, bundle);
    instances.set(bundle, inst);
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
