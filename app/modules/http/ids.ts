/**
 * Record ids as both databases accept them. Ids are PostgreSQL `integer` columns (and SQLite
 * integers): 1 … 2^31 − 1. PostgreSQL answers a larger number with an error, so every id that comes
 * from outside (a path parameter, a form field, a cursor) is parsed here, once.
 */

/** The largest id either database stores (PostgreSQL `integer`: 2^31 − 1). */
export const MAX_ID = 2_147_483_647;

/**
 * The id in `value` (a decimal string of digits, or a number), or null when it is not a whole
 * number in 1 … 2^31 − 1. "12" → 12; "012" → 12; "1e3", "-1", "1.5", "", "2147483648" → null.
 */
export function toId(value: unknown): number | null {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 1 && value <= MAX_ID ? value : null;
  if (typeof value !== "string" || !/^\d{1,12}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/** A whole number for a page or count parameter, clamped to `min` … `max`; `fallback` if absent or not a number. */
export function toCount(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === "string" && /^-?\d{1,12}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(Math.max(n, min), max);
}
