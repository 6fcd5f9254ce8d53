/**
 * The fixed lists a hearing's proposal is built from: services, consumer categories, units, plan
 * funding sources. Labels live in locales/{ky,ru}/hearings.json under the same keys.
 */
export const SERVICES = [
  "drinking_water",
  "waste_collection",
  "irrigation_water",
  "sewerage",
  "heating",
] as const;
export const CATEGORIES = ["population", "budget", "other"] as const;
export const UNITS = ["person_month", "m3", "household_month", "m2", "tonne"] as const;
export const FUNDING_SOURCES = ["local", "republican", "donor", "community"] as const;
export const HEARING_TYPES = ["tariff", "plan"] as const;
export const PUBLIC_STATES = ["announced", "open", "closed", "cancelled"] as const;

export type Service = (typeof SERVICES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Unit = (typeof UNITS)[number];
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** proposed / current − 1 (null when the current price is 0). */
export function changeRatio(current: number, proposed: number): number | null {
  return current > 0 ? proposed / current - 1 : null;
}
