/**
 * The tariff register's rules, pure (no database): when an entry is in force, which entry a later
 * one closes, the default effective date, and the comparison figures among municipalities.
 * Dates are Asia/Bishkek calendar dates "yyyy-mm-dd" (compared as text); prices integer tyiyn.
 * See ADR 0041 and docs/hearings.md ("The tariff register").
 */
import { parseCalendarDate } from "../format/time";

/** The fields of a register entry the rules read. */
export interface EntryCore {
  id: number;
  municipalityId: number;
  service: string;
  category: string;
  unit: string;
  price: number;
  validFrom: string;
  /** a known last day entered by hand, else null */
  validTo: string | null;
  correctsId: number | null;
}

/** An entry with its derived period: `until` is the last day in force (null: open-ended). */
export type Period<E extends EntryCore> = E & {
  until: string | null;
  /** the entry that replaced this one (a later tariff, or a correction), if any */
  closedBy: number | null;
  /** true when a correction replaced this entry: it never counts as in force */
  corrected: boolean;
};

/** The key under which one tariff follows another: municipality, service, category, unit. */
export const tariffKey = (e: {
  municipalityId: number;
  service: string;
  category: string;
  unit: string;
}): string => `${e.municipalityId}\u0000${e.service}\u0000${e.category}\u0000${e.unit}`;

/** A yyyy-mm-dd date moved by whole days. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * True for a real calendar date "yyyy-mm-dd" from 1991 (the register starts with independence) to
 * 2100 (no 30 February). The day itself is checked by the one date parser, `parseCalendarDate`
 * (format/time); only the register's narrower shape and floor are added here.
 */
export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  return parseCalendarDate(v) === v && Number(v.slice(0, 4)) >= 1991;
}

/**
 * The default effective date of an approved tariff: the first day of the month after `today`
 * (a Bishkek calendar date), e.g. 2026-11-30 → 2026-12-01, 2026-12-15 → 2027-01-01.
 */
export function firstOfNextMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * Every entry with its period. Per key, entries not replaced by a correction follow each other
 * by `validFrom` (then id): each ends the day before the next one starts, or on its own `validTo`
 * if earlier. A corrected entry keeps its dates for the history but is never in force.
 */
export function derivePeriods<E extends EntryCore>(entries: E[]): Period<E>[] {
  const correctedBy = new Map<number, number>();
  for (const e of entries) if (e.correctsId != null) correctedBy.set(e.correctsId, e.id);
  const byKey = new Map<string, E[]>();
  for (const e of entries) {
    if (correctedBy.has(e.id)) continue;
    const k = tariffKey(e);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const out = new Map<number, Period<E>>();
  for (const list of byKey.values()) {
    list.sort((a, b) =>
      a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.id - b.id,
    );
    list.forEach((e, i) => {
      const next = list[i + 1];
      let until = e.validTo;
      if (next) {
        const dayBefore = shiftDate(next.validFrom, -1);
        if (until == null || dayBefore < until) until = dayBefore;
      }
      out.set(e.id, { ...e, until, closedBy: next?.id ?? null, corrected: false });
    });
  }
  for (const e of entries)
    if (correctedBy.has(e.id))
      out.set(e.id, { ...e, until: e.validTo, closedBy: correctedBy.get(e.id)!, corrected: true });
  return entries.map((e) => out.get(e.id)!);
}

/** True when the entry is in force on the date (not corrected, started, not ended). */
export function inForceOn<E extends EntryCore>(p: Period<E>, date: string): boolean {
  return !p.corrected && p.validFrom <= date && (p.until == null || date <= p.until);
}

/** count, median, lowest and highest of prices (tyiyn); null figures when there are none. */
export interface Spread {
  count: number;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** The spread of a list of prices; the median of an even count is the mean of the middle two. */
export function spread(prices: number[]): Spread {
  const s = [...prices].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { count: 0, median: null, min: null, max: null };
  const median = n % 2 ? s[(n - 1) / 2] : Math.round((s[n / 2 - 1] + s[n / 2]) / 2);
  return { count: n, median, min: s[0], max: s[n - 1] };
}

/** Where a proposed price stands against a spread. */
export type Standing =
  "none" | "below" | "lowest" | "belowMedian" | "median" | "aboveMedian" | "highest" | "above";

/** Below/above the whole range, at its ends, or on which side of the median. */
export function standing(price: number, s: Spread): Standing {
  if (s.count === 0 || s.median == null || s.min == null || s.max == null) return "none";
  if (price < s.min) return "below";
  if (price > s.max) return "above";
  if (price === s.min && s.min !== s.max) return "lowest";
  if (price === s.max && s.min !== s.max) return "highest";
  if (price === s.median) return "median";
  return price < s.median ? "belowMedian" : "aboveMedian";
}
