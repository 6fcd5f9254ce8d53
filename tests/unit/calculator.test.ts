import { describe, expect, it } from "vitest";
import {
  calculateBill,
  calcNeeds,
  parseCalcInput,
  type CalcLine,
} from "~/modules/hearings/calculator";

const water: CalcLine[] = [
  {
    id: 1,
    service: "drinking_water",
    category: "population",
    unit: "person_month",
    currentPrice: 2000,
    proposedPrice: 3500,
  },
  {
    id: 2,
    service: "drinking_water",
    category: "population",
    unit: "m3",
    currentPrice: 1000,
    proposedPrice: 1443,
  },
  {
    id: 3,
    service: "drinking_water",
    category: "budget",
    unit: "m3",
    currentPrice: 2500,
    proposedPrice: 3000,
  },
];
const waste: CalcLine[] = [
  {
    id: 4,
    service: "waste_collection",
    category: "population",
    unit: "person_month",
    currentPrice: 2500,
    proposedPrice: 3500,
  },
  {
    id: 5,
    service: "waste_collection",
    category: "other",
    unit: "tonne",
    currentPrice: 120000,
    proposedPrice: 150000,
  },
];

describe("household bill calculator", () => {
  it("charges per person for an unmetered household", () => {
    const r = calculateBill(water, { hh: 4, m3: 0, m2: 0 });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      lineId: 1,
      quantity: 4,
      current: 8000,
      proposed: 14000,
      difference: 6000,
    });
    expect(r.ratio).toBeCloseTo(0.75);
  });

  it("charges per m³ when the household gives its metered volume", () => {
    const r = calculateBill(water, { hh: 4, m3: 6, m2: 0 });
    expect(r.rows[0]).toMatchObject({ lineId: 2, current: 6000, proposed: 8658, difference: 2658 });
  });

  it("rounds fractional volumes to whole tyiyn", () => {
    const r = calculateBill(water, { hh: 1, m3: 2.5, m2: 0 });
    expect(r.rows[0].proposed).toBe(3608); // 14.43 × 2.5 = 36.075 → 36.08
  });

  it("adds services up and ignores other consumer categories", () => {
    const r = calculateBill([...water, ...waste], { hh: 5, m3: 0, m2: 0 });
    expect(r.rows.map((x) => x.service)).toEqual(["drinking_water", "waste_collection"]);
    expect(r.current).toBe(5 * 2000 + 5 * 2500);
    expect(r.proposed).toBe(5 * 3500 + 5 * 3500);
    expect(r.difference).toBe(r.proposed - r.current);
    expect(r.ratio).toBeCloseTo(35000 / 22500 - 1);
  });

  it("gives a zero bill and no ratio for an empty household", () => {
    const r = calculateBill(waste, { hh: 0, m3: 0, m2: 0 });
    expect(r.current).toBe(0);
    expect(r.ratio).toBeNull();
  });

  it("reads the shared link's query, falling back on bad values", () => {
    expect(parseCalcInput(new URLSearchParams("hh=3&m3=6,5"))).toEqual({ hh: 3, m3: 6.5, m2: 0 });
    expect(parseCalcInput(new URLSearchParams("hh=abc&m3=-1"))).toEqual({ hh: 4, m3: 0, m2: 0 });
    expect(parseCalcInput(new URLSearchParams("hh=999")).hh).toBe(30);
    expect(calcNeeds(water)).toEqual({ m3: true, m2: false });
    expect(calcNeeds(waste)).toEqual({ m3: false, m2: false });
  });
});
