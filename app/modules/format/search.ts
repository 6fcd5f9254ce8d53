/**
 * The one search normaliser, used for municipalities, villages and hearings (and for the stored
 * `hearings.search_text`, and for village names in resident lists). It folds what people type on
 * phones and keyboards without Kyrgyz letters:
 * - case, and ё → е;
 * - ң, ӊ (U+04CA, en with tail, common on council sites) and н alike; ө and о alike; ү and у alike
 *   (a Russian keyboard has no Kyrgyz letters, so «ысык-кол» must find «Ысык-Көл»);
 * - hyphen, the Unicode hyphens and dashes (‐ ‑ ‒ – — ―), the minus sign and white space are one
 *   separator, so «Ак Булуң», «Ак-Булуң» and «Ак–Булуң» are the same.
 * @returns the folded text: lower case, single spaces as the only separator, trimmed
 */
export function normalizeSearch(input: string): string {
  return input
    .normalize("NFC")
    .toLowerCase()
    .replace(/[ңӊ]/g, "н")
    .replace(/ө/g, "о")
    .replace(/ү/g, "у")
    .replace(/ё/g, "е")
    .replace(/[\s\-\u2010-\u2015\u2212]+/g, " ")
    .trim();
}

/** Whether `haystack` contains `query` once both are folded (an empty query matches everything). */
export function matchesSearch(haystack: string, query: string): boolean {
  const q = normalizeSearch(query);
  return q === "" || normalizeSearch(haystack).includes(q);
}
