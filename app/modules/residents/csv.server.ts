/**
 * The resident list: ПИН, birth date, village — one row per person, from a CSV or an Excel file
 * (read by `registry-file.server.ts`), an optional header row. Every row is checked: 14 digits,
 * the birth date inside the ПИН agrees with the birth date column, the village is one of the
 * municipality's.
 */
import { parseCalendarDate } from "../format/time";
import { normalizeSearch } from "../format/search";
import { birthDateFromPin } from "./hash.server";
import { csvRows, villageNameMatches, type RegistryTableRow } from "./registry-file.server";

export interface CsvRow {
  line: number;
  pin: string;
  birthDate: string; // yyyy-mm-dd
  villageId: number;
}
export interface CsvError {
  line: number;
  reason: "columns" | "pin" | "birthDate" | "birthDateMismatch" | "village";
}

/** "15.03.1990", "15/03/1990" or "1990-03-15" → "1990-03-15"; null if not a real date. */
export function parseBirthDate(input: string): string | null {
  return parseCalendarDate(input);
}

/**
 * Check the rows of a resident list (from `readRegistryFile` or `csvRows`): an optional header
 * first (a first row whose first cell does not start with a digit), then `ПИН, birth date, village`
 * per row. Every row is checked — 14 digits, the birth date inside the ПИН agrees with the column,
 * the village is one of the municipality's (folded by `normalizeSearch`; a "?" from Windows-1251
 * stands for ң, ө or ү) — and keeps its line number in the errors.
 */
export function checkRegistryRows(
  table: RegistryTableRow[],
  villages: { id: number; names: string[] }[],
): { rows: CsvRow[]; errors: CsvError[]; total: number } {
  const known: { folded: string; id: number }[] = [];
  for (const v of villages)
    for (const n of v.names) known.push({ folded: normalizeSearch(n), id: v.id });
  const rows: CsvRow[] = [];
  const errors: CsvError[] = [];
  let total = 0;
  table.forEach(({ line, cells }, i) => {
    if (cells.every((c) => !c.trim())) return;
    if (i === 0 && !/^\d/.test(cells[0] ?? "")) return; // header
    total++;
    if (cells.length < 3) return errors.push({ line, reason: "columns" });
    const [pin, bd, village] = cells.map((c) => c.trim());
    const fromPin = birthDateFromPin(pin);
    if (!/^\d{14}$/.test(pin) || !fromPin) return errors.push({ line, reason: "pin" });
    const birthDate = parseBirthDate(bd);
    if (!birthDate) return errors.push({ line, reason: "birthDate" });
    if (birthDate !== fromPin) return errors.push({ line, reason: "birthDateMismatch" });
    const typed = normalizeSearch(village);
    const villageId = known.find((k) => villageNameMatches(typed, k.folded))?.id;
    if (!villageId) return errors.push({ line, reason: "village" });
    rows.push({ line, pin, birthDate, villageId });
  });
  return { rows, errors, total };
}

/** CSV text (already decoded) → checked rows; see `checkRegistryRows`. */
export function parseRegistryCsv(
  text: string,
  villages: { id: number; names: string[] }[],
): { rows: CsvRow[]; errors: CsvError[]; total: number } {
  return checkRegistryRows(csvRows(text), villages);
}
