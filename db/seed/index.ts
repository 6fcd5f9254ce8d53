import type { DB } from "../connection";
import { seedPlaces } from "./places";

export interface SeedReport {
  lines: string[];
}

/**
 * The demo data (every record labelled as demo content). Dates are relative to `now`, so the
 * hearings' states are right whenever the demo is started. Each feature adds its part here.
 */
export async function seedDemo(db: DB, now: Date): Promise<SeedReport> {
  const lines: string[] = [];
  const createdAt = now.toISOString();
  const places = await seedPlaces(db, createdAt);
  void places;
  return { lines };
}
