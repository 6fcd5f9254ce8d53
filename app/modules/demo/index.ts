import type { DB } from "#db/connection";
import { seedAccounts, type SeededAccounts } from "./accounts";
import { seedHearings, settleDemoHearings, type SeededHearings } from "./hearings";
import { seedParticipation } from "./participation";
import { seedPlaces, type SeededPlaces } from "./places";
import { seedProtocols } from "./protocols";
import { seedReach } from "./reach";
import { seedTariffs } from "./tariffs";

export interface SeedContext {
  db: DB;
  now: Date;
  secret: string;
  places: SeededPlaces;
  accounts: SeededAccounts;
}
export type { SeededHearings };

export interface SeedReport {
  lines: string[];
}

/**
 * The demo data (every record labelled as demo content). Dates are relative to `now`, so the
 * hearings' states are right whenever the demo is started. Each feature adds its part.
 */
export async function seedDemo(db: DB, now: Date, secret: string): Promise<SeedReport> {
  const places = await seedPlaces(db, now.toISOString());
  const { accounts, lines } = await seedAccounts(db, places, now, secret);
  const ctx: SeedContext = { db, now, secret, places, accounts };
  const hearings = await seedHearings(ctx);
  await seedParticipation(ctx, hearings);
  await settleDemoHearings(ctx, hearings);
  await seedProtocols(ctx, hearings);
  await seedReach(ctx, hearings);
  await seedTariffs(ctx);
  return { lines };
}
