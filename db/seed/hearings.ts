import type { SeedContext } from "./index";

/** Ids of the demo hearings (filled in by the hearings feature). */
export interface SeededHearings {
  /** Issyk-Kul: waste collection by «Таза-Мурас», open for comments now */
  wasteTariff: number | null;
  /** Issyk-Kul: drinking water, announced, comments start in the future */
  waterTariff: number | null;
  /** Issyk-Kul: development programme 2026–2030, closed */
  devPlan: number | null;
  /** another municipality's hearing */
  other: number | null;
}

export async function seedHearings(_ctx: SeedContext): Promise<SeededHearings> {
  return { wasteTariff: null, waterTariff: null, devPlan: null, other: null };
}
