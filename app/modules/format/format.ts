/**
 * Dates, times and money as council documents write them (../shared/glossary.md):
 * - numeric dates dd.MM.yyyy in both languages (ICU's numeric ky-KG date is year-day-month);
 * - long dates "2025-ж., 15-март" / "15 марта 2025 г.";
 * - money in сом, two decimals, a no-break space between thousands, "сом" as a word.
 * Everything is shown in Asia/Bishkek.
 */
import { bishkekParts, TIME_ZONE, toDate, type Instant } from "./time";

export type Lang = "ky" | "ru";
const INTL: Record<Lang, string> = { ky: "ky-KG", ru: "ru-KG" };
const NBSP = "\u00A0";
const pad = (n: number) => String(n).padStart(2, "0");

export function formatDate(v: Instant, lang: Lang, style: "numeric" | "long" = "numeric"): string {
  if (style === "numeric") {
    const p = bishkekParts(v);
    return `${pad(p.day)}.${pad(p.month)}.${p.year}`;
  }
  return new Intl.DateTimeFormat(INTL[lang], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  }).format(toDate(v));
}

export function formatTime(v: Instant): string {
  const p = bishkekParts(v);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function formatDateTime(
  v: Instant,
  lang: Lang,
  style: "numeric" | "long" = "numeric",
): string {
  return `${formatDate(v, lang, style)}, ${formatTime(v)}`;
}

/** 123456 tyiyn → "1 234,56" (no-break space between thousands, decimal comma). */
export function formatAmount(tyiyn: number, decimals = 2): string {
  const negative = tyiyn < 0;
  const abs = Math.abs(Math.round(tyiyn));
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const frac = decimals === 0 ? "" : `,${pad(cents)}`;
  return `${negative ? "−" : ""}${grouped}${frac}`;
}

/** 123456 tyiyn → "1 234,56 сом" (the word is the same in ky and ru). */
export function formatMoney(tyiyn: number, _lang?: Lang, opts: { decimals?: number } = {}): string {
  return `${formatAmount(tyiyn, opts.decimals ?? 2)}${NBSP}сом`;
}

/** 0.2534 → "+25,3 %"; signs shown, decimal comma, a no-break space before %. */
export function formatPercent(
  ratio: number,
  opts: { signed?: boolean; digits?: number } = {},
): string {
  const digits = opts.digits ?? 1;
  const value = Math.round(ratio * 100 * 10 ** digits) / 10 ** digits;
  const sign = opts.signed && value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${Math.abs(value).toFixed(digits).replace(".", ",")}${NBSP}%`;
}

/** A span of years as council documents write it: "2026" for one year, "2026–2028" for several. */
export function formatYearRange(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/**
 * The largest amount of money any form or command accepts: 10 000 000 000 сом (10^12 tyiyn). It is
 * far above any tariff price or municipal programme budget (a whole city's yearly budget is of
 * the order of 10^10 сом), far below Number.MAX_SAFE_INTEGER (whole tyiyn stay exact in JavaScript) and
 * below the `bigint` columns' limit on PostgreSQL (9.2 × 10^18; issue 11 review: 10^17 сом was a
 * 500 there and 10^19 on SQLite). Refusals name it: `common:errors.moneyRange` with `max`.
 */
export const MAX_MONEY_TYIYN = 1_000_000_000_000;

/** True when `tyiyn` is a whole number of tyiyn from 0 to MAX_MONEY_TYIYN (commands check it). */
export function isMoneyInRange(tyiyn: number): boolean {
  return Number.isSafeInteger(tyiyn) && tyiyn >= 0 && tyiyn <= MAX_MONEY_TYIYN;
}

/** The interpolation values of `common:errors.moneyRange`: `{ max: "10 000 000 000" }`. */
export function moneyRangeParams(): { max: string } {
  return { max: formatAmount(MAX_MONEY_TYIYN, 0) };
}

/**
 * Reads "1 234,5" / "1234.50" / "20" as whole tyiyn: `{ tyiyn }`, or `{ error: "format" }` when it
 * is not a non-negative amount with at most two decimals, `{ error: "range" }` above
 * MAX_MONEY_TYIYN (checked on the digits before any conversion, so nothing is rounded).
 */
export function readMoney(input: string): { tyiyn: number } | { error: "format" | "range" } {
  const s = input.replace(/[\s\u00A0\u202F]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return { error: "format" };
  const [w0, f = ""] = s.split(".");
  const w = w0.replace(/^0+(?=\d)/, "");
  if (w.length > String(MAX_MONEY_TYIYN / 100).length) return { error: "range" };
  const tyiyn = Number(w) * 100 + Number(f.padEnd(2, "0"));
  return isMoneyInRange(tyiyn) ? { tyiyn } : { error: "range" };
}

/** Parse "1 234,5" / "1234.50" / "20" into tyiyn; null when it is not a non-negative amount or
 * is above MAX_MONEY_TYIYN (use `readMoney` to tell the two apart). */
export function parseMoney(input: string): number | null {
  const r = readMoney(input);
  return "tyiyn" in r ? r.tyiyn : null;
}
