import { describe, expect, it } from "vitest";
import {
  calculateBill,
  calcNeeds,
  parseCalcForm,
  parseCalcInput,
  parseQuantity,
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
    // out of range: refused with the range, never clamped to 30 (issue 14)
    const big = parseCalcForm(new URLSearchParams("hh=999"));
    expect(big.input.hh).toBe(4);
    expect(big.errors).toEqual([{ field: "hh", key: "calc.errors.range", min: 1, max: 30 }]);
    expect(calcNeeds(water)).toEqual({ m3: true, m2: false, m3Only: false });
    expect(calcNeeds(waste)).toEqual({ m3: false, m2: false, m3Only: false });
  });
});

describe("calculator input (the same parse with and without JavaScript)", () => {
  it("accepts a decimal comma and a decimal point alike", () => {
    expect(parseQuantity("2,5")).toBe(2.5);
    expect(parseQuantity("2.5")).toBe(2.5);
    expect(parseQuantity(" 1\u00a0000 ")).toBe(1000);
    expect(parseQuantity("2,5,1")).toBeNull();
    expect(parseQuantity("-1")).toBeNull();
    expect(parseQuantity("abc")).toBeNull();
    expect(parseCalcForm(new URLSearchParams("m3=2,5")).input.m3).toBe(2.5);
  });

  it("refuses a fraction of a person instead of rounding 2.5 to 3", () => {
    for (const v of ["2.5", "2,5"]) {
      const r = parseCalcForm(new URLSearchParams({ hh: v }));
      expect(r.errors.map((e) => e.key)).toEqual(["calc.errors.notWhole"]);
      expect(r.raw.hh).toBe(v);
    }
  });

  it("refuses 0 and 1000 people with the range, and letters as not a number", () => {
    expect(parseCalcForm(new URLSearchParams("hh=0")).errors[0]).toMatchObject({
      key: "calc.errors.range",
      min: 1,
      max: 30,
    });
    expect(parseCalcForm(new URLSearchParams("hh=1000")).errors[0].key).toBe("calc.errors.range");
    expect(parseCalcForm(new URLSearchParams("hh=abc")).errors[0].key).toBe(
      "calc.errors.notNumber",
    );
    expect(parseCalcForm(new URLSearchParams("m3=1000.5")).errors[0]).toMatchObject({
      field: "m3",
      key: "calc.errors.range",
      max: 1000,
    });
    expect(parseCalcForm(new URLSearchParams("hh=30&m3=0")).errors).toEqual([]);
  });

  it("asks for m³ when a service's only population tariff is per m³", () => {
    const metered: CalcLine[] = [{ ...water[1], id: 9 }];
    expect(calcNeeds(metered)).toEqual({ m3: true, m2: false, m3Only: true });
    expect(calculateBill(metered, { hh: 4, m3: 0, m2: 0 }).rows).toEqual([]);
    expect(calculateBill(metered, { hh: 4, m3: 2.5, m2: 0 }).rows[0]).toMatchObject({
      quantity: 2.5,
      current: 2500,
      proposed: 3608,
    });
  });
});
