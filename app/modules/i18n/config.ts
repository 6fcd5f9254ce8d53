import type { Lang } from "../format/format";

export type { Lang };
export const LANGS = ["ky", "ru"] as const satisfies readonly Lang[];
export const DEFAULT_LANG: Lang = "ky";
export const LANG_COOKIE = "lang";
export const DEFAULT_NS = "common";

export function isLang(value: unknown): value is Lang {
  return value === "ky" || value === "ru";
}

/** "/ru/m/tyup?x=1" → "ru"; null when the first segment is not a language. */
export function langFromPath(pathname: string): Lang | null {
  const first = pathname.split("/")[1];
  return isLang(first) ? first : null;
}

/** The same page in another language: "/ky/m/x?q=1" → "/ru/m/x?q=1". */
export function switchLangPath(pathname: string, search: string, to: Lang): string {
  const parts = pathname.split("/");
  if (isLang(parts[1])) parts[1] = to;
  else parts.splice(1, 0, to);
  const path = parts.join("/").replace(/\/$/, "") || `/${to}`;
  return path + search;
}

/** Pick a language from an Accept-Language header (q-values honoured); null if none fits. */
export function langFromAcceptLanguage(header: string | null): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLang(base)) return base;
  }
  return null;
}
