/**
 * Search normaliser. Council sites often type ӊ (U+04CA, en with tail) for ң (U+04A3): both are
 * folded to ң (and Ӊ U+04C9 / Ң U+04A2 likewise), case is folded, ё → е, and white space collapsed,
 * so a search for either spelling finds both.
 */
export function normalizeSearch(input: string): string {
  return input
    .normalize("NFC")
    .replace(/[\u04C9\u04CA]/g, "ң")
    .replace(/\u04A2/g, "ң")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\s+/g, " ")
    .trim();
}

export function matchesSearch(haystack: string, query: string): boolean {
  const q = normalizeSearch(query);
  return q === "" || normalizeSearch(haystack).includes(q);
}
