/**
 * Time in Asia/Bishkek. Kyrgyzstan keeps UTC+6 all year (no daylight saving since 2005), so a
 * local wall-clock time converts to an instant with a fixed offset, whatever the server's zone.
 * Formatting goes through Intl with timeZone "Asia/Bishkek".
 */
export const TIME_ZONE = "Asia/Bishkek";
export const BISHKEK_OFFSET = "+06:00";
const OFFSET_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Instant = Date | string;
export const toDate = (v: Instant): Date => (typeof v === "string" ? new Date(v) : v);

/** The sane range of every date a person enters (birth dates to far-future schedules). */
export const DATE_RANGE = { minYear: 1900, maxYear: 2100 } as const;

/**
 * The one parser of calendar dates typed into any form or command (schedule, meeting held,
 * resolution date, birth date, invitations): "2026-03-15" (the <input type="date"> value) or
 * "15.03.2026" → "2026-03-15", only when the day exists in the calendar (no 30 February) and the
 * year lies in DATE_RANGE (no 9999); otherwise null, which callers turn into a localized message
 * at the field. Pure calendar arithmetic, no time zone involved.
 */
export function parseCalendarDate(input: string): string | null {
  const s = input.trim();
  let r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (r) [y, mo, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else {
    r = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
    if (!r) return null;
    [d, mo, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  }
  if (y < DATE_RANGE.minYear || y > DATE_RANGE.maxYear || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

/**
 * "2026-03-15" + "14:30" (Bishkek wall clock) → the instant. The date goes through
 * parseCalendarDate (real day, sane year). Returns null on malformed or impossible input.
 */
export function fromBishkekLocal(date: string, time = "00:00"): Date | null {
  // the <input type="date"> form only here: "15.03.2025" is a birth-date spelling, not a schedule
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date.trim()) ? parseCalendarDate(date) : null;
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  if (!day || !t) return null;
  const [y, mo, d] = day.split("-").map(Number);
  const [h, mi, s] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS);
}

/** A deadline "until 15 March" means 23:59:59 on 15 March in Asia/Bishkek. */
export function endOfBishkekDay(date: string): Date | null {
  const start = fromBishkekLocal(date, "23:59:59");
  return start ? new Date(start.getTime() + 999) : null;
}

export function startOfBishkekDay(date: string): Date | null {
  return fromBishkekLocal(date, "00:00");
}

export interface BishkekParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function bishkekParts(v: Instant): BishkekParts {
  const d = new Date(toDate(v).getTime() + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "2026-03-15": the Bishkek calendar date of an instant (for <input type="date">). */
export function toBishkekDateInput(v: Instant): string {
  const p = bishkekParts(v);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "14:30": the Bishkek wall-clock time of an instant (for <input type="time">). */
export function toBishkekTimeInput(v: Instant): string {
  const p = bishkekParts(v);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Whole Bishkek calendar days from a to b (b later → positive). */
export function bishkekDaysBetween(a: Instant, b: Instant): number {
  const da = fromBishkekLocal(toBishkekDateInput(a))!.getTime();
  const db = fromBishkekLocal(toBishkekDateInput(b))!.getTime();
  return Math.round((db - da) / DAY_MS);
}

export function addDays(v: Instant, days: number): Date {
  return new Date(toDate(v).getTime() + days * DAY_MS);
}

/** ISO 8601 with the Bishkek offset: "2026-03-15T14:30:00+06:00" (the API's form). */
export function toIsoBishkek(v: Instant): string {
  const p = bishkekParts(v);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${BISHKEK_OFFSET}`;
}

/** The one stored form of an instant in both databases: ISO 8601 UTC text. */
export function toDbInstant(v: Instant): string {
  return toDate(v).toISOString();
}
