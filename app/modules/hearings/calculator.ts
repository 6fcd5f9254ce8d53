/**
 * The household bill calculator (pure: the same code runs in the loader and in the browser).
 * For each service with a line for the population it picks the line that fits the household:
 * metered water (per m³) when m³ a month is given, else per person, per household, or per m².
 */
import { changeRatio, type Unit } from "./catalog";

export interface CalcLine {
  id: number;
  service: string;
  category: string;
  unit: string;
  currentPrice: number; // tyiyn
  proposedPrice: number; // tyiyn
}
export interface CalcInput {
  hh: number; // people in the household
  m3: number; // cubic metres a month (metered water); 0 = not metered
  m2: number; // area where a unit needs it
}
export interface CalcRow {
  lineId: number;
  service: string;
  unit: string;
  quantity: number;
  current: number;
  proposed: number;
  difference: number;
  ratio: number | null;
}
export interface CalcResult {
  rows: CalcRow[];
  current: number;
  proposed: number;
  difference: number;
  ratio: number | null;
}

export const CALC_DEFAULTS: CalcInput = { hh: 4, m3: 0, m2: 0 };

/** The fields of the calculator form (query parameters of the hearing page). */
export type CalcField = "hh" | "m3" | "m2";

/**
 * The accepted range of each field: people a whole number, m³ and m² decimals. Values outside are
 * refused with the range (never clamped: a household of 1,000 is not silently one of 30).
 */
export const CALC_LIMITS: Record<CalcField, { min: number; max: number; whole: boolean }> = {
  hh: { min: 1, max: 30, whole: true },
  m3: { min: 0, max: 1000, whole: false },
  m2: { min: 0, max: 100000, whole: false },
};

/** A refused calculator value: the locale key (hearings namespace) and the range for the message. */
export interface CalcFieldError {
  field: CalcField;
  key: "calc.errors.notNumber" | "calc.errors.notWhole" | "calc.errors.range";
  min: number;
  max: number;
}

/** The calculator form read: the numbers to use, what was typed, and what was refused. */
export interface CalcParse {
  /** Valid values, the defaults where a field was empty or refused. */
  input: CalcInput;
  /** What was typed, to show again in the fields (empty string when absent). */
  raw: Record<CalcField, string>;
  errors: CalcFieldError[];
}

/**
 * Parses one typed quantity: a decimal comma or point ("2,5" = "2.5" = 2.5), spaces (also no-break
 * and thin spaces) ignored; nothing else. Returns null when it is not a plain non-negative number.
 */
export function parseQuantity(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d+(?:[.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(",", "."));
}

/**
 * Reads the calculator's fields from the query string (the no-JS form, a shared link) or from the
 * live form in the browser: the same function on both sides, so both give the same answer.
 * Empty fields take the defaults; letters, a fraction of a person and values out of range are
 * refused with their range ({@link CALC_LIMITS}) and the defaults are used for the bill.
 */
export function parseCalcForm(params: URLSearchParams): CalcParse {
  const input: CalcInput = { ...CALC_DEFAULTS };
  const raw = { hh: "", m3: "", m2: "" } as Record<CalcField, string>;
  const errors: CalcFieldError[] = [];
  for (const field of ["hh", "m3", "m2"] as const) {
    const text = (params.get(field) ?? "").slice(0, 40);
    raw[field] = text;
    if (text.trim() === "") continue;
    const { min, max, whole } = CALC_LIMITS[field];
    const n = parseQuantity(text);
    if (n === null) errors.push({ field, key: "calc.errors.notNumber", min, max });
    else if (whole && !Number.isInteger(n))
      errors.push({ field, key: "calc.errors.notWhole", min, max });
    else if (n < min || n > max) errors.push({ field, key: "calc.errors.range", min, max });
    else input[field] = n;
  }
  return { input, raw, errors };
}

/**
 * Read hh, m3, m2 from query parameters, the refused values replaced by the defaults (see
 * {@link parseCalcForm} for the errors to show).
 */
export function parseCalcInput(params: URLSearchParams): CalcInput {
  return parseCalcForm(params).input;
}

function quantityFor(unit: Unit, input: CalcInput): number {
  switch (unit) {
    case "person_month":
      return input.hh;
    case "m3":
      return input.m3;
    case "household_month":
      return 1;
    case "m2":
      return input.m2;
    case "tonne":
      return 0;
  }
}

const PREFERENCE: Unit[] = ["m3", "person_month", "household_month", "m2"];

export function calculateBill(lines: CalcLine[], input: CalcInput): CalcResult {
  const population = lines.filter((l) => l.category === "population");
  const services = [...new Set(population.map((l) => l.service))];
  const rows: CalcRow[] = [];
  for (const service of services) {
    const candidates = population.filter((l) => l.service === service);
    let chosen: CalcLine | undefined;
    for (const unit of PREFERENCE) {
      if (unit === "m3" && input.m3 <= 0) continue;
      if (unit === "m2" && input.m2 <= 0) continue;
      chosen = candidates.find((l) => l.unit === unit);
      if (chosen) break;
    }
    if (!chosen) continue;
    const quantity = quantityFor(chosen.unit as Unit, input);
    const current = Math.round(chosen.currentPrice * quantity);
    const proposed = Math.round(chosen.proposedPrice * quantity);
    rows.push({
      lineId: chosen.id,
      service,
      unit: chosen.unit,
      quantity,
      current,
      proposed,
      difference: proposed - current,
      ratio: changeRatio(current, proposed),
    });
  }
  const current = rows.reduce((s, r) => s + r.current, 0);
  const proposed = rows.reduce((s, r) => s + r.proposed, 0);
  return {
    rows,
    current,
    proposed,
    difference: proposed - current,
    ratio: changeRatio(current, proposed),
  };
}

/**
 * Which inputs the calculator should ask for, given the lines: `m3`/`m2` when a population line
 * is priced per m³ / m²; `m3Only` when some service has population lines only per m³ (then the
 * bill needs the m³ a month, and the form asks for it first instead of saying there is no tariff).
 */
export function calcNeeds(lines: CalcLine[]): { m3: boolean; m2: boolean; m3Only: boolean } {
  const pop = lines.filter((l) => l.category === "population");
  const services = [...new Set(pop.map((l) => l.service))];
  return {
    m3: pop.some((l) => l.unit === "m3"),
    m2: pop.some((l) => l.unit === "m2"),
    m3Only: services.some((s) => pop.filter((l) => l.service === s).every((l) => l.unit === "m3")),
  };
}
