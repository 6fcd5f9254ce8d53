/**
 * The resident-list CSV: ПИН, birth date, village — one row per person, comma, semicolon or tab
 * separated, an optional header line. Every row is checked: 14 digits, the birth date inside the
 * ПИН agrees with the birth date column, the village is one of the municipality's.
 */
import { parseCalendarDate } from "../format/time";
import { normalizeSearch } from "../format/search";
import { birthDateFromPin } from "./hash.server";

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

function splitLine(line: string): string[] {
  const delim = line.includes(";") ? ";" : line.includes("\t") ? "\t" : ",";
  return line.split(delim).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
}

export function parseRegistryCsv(
  text: string,
  villages: { id: number; names: string[] }[],
): { rows: CsvRow[]; errors: CsvError[]; total: number } {
  const byName = new Map<string, number>();
  for (const v of villages) for (const n of v.names) byName.set(normalizeSearch(n), v.id);
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const rows: CsvRow[] = [];
  const errors: CsvError[] = [];
  let total = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    const cells = splitLine(raw);
    if (i === 0 && !/^\d/.test(cells[0] ?? "")) return; // header
    total++;
    if (cells.length < 3) return errors.push({ line, reason: "columns" });
    const [pin, bd, village] = cells;
    const fromPin = birthDateFromPin(pin);
    if (!/^\d{14}$/.test(pin) || !fromPin) return errors.push({ line, reason: "pin" });
    const birthDate = parseBirthDate(bd);
    if (!birthDate) return errors.push({ line, reason: "birthDate" });
    if (birthDate !== fromPin) return errors.push({ line, reason: "birthDateMismatch" });
    const villageId = byName.get(normalizeSearch(village));
    if (!villageId) return errors.push({ line, reason: "village" });
    rows.push({ line, pin, birthDate, villageId });
  });
  return { rows, errors, total };
}
