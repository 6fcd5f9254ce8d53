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
const LIMITS = { hh: 30, m3: 1000, m2: 100000 };

function num(v: string | null | undefined, max: number): number | null {
  if (v == null || v.trim() === "") return null;
  const n = Number(v.replace(",", "."));
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.min(n, max);
}

/** Read hh, m3, m2 from query parameters (bad values fall back to the defaults). */
export function parseCalcInput(params: URLSearchParams): CalcInput {
  const hh = num(params.get("hh"), LIMITS.hh);
  return {
    hh: hh === null ? CALC_DEFAULTS.hh : Math.round(hh),
    m3: num(params.get("m3"), LIMITS.m3) ?? 0,
    m2: num(params.get("m2"), LIMITS.m2) ?? 0,
  };
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

/** Which inputs the calculator should ask for, given the lines. */
export function calcNeeds(lines: CalcLine[]): { m3: boolean; m2: boolean } {
  const pop = lines.filter((l) => l.category === "population");
  return { m3: pop.some((l) => l.unit === "m3"), m2: pop.some((l) => l.unit === "m2") };
}
