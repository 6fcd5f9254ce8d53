import type { Kysely } from "kysely";
import { Migrator, type Migration, type MigrationProvider } from "kysely/migration";
import * as m01 from "./2026-11-25_01_places";
import * as m02 from "./2026-11-25_02_accounts";
import * as m03 from "./2026-11-25_03_hearings";
import * as m04 from "./2026-11-25_04_participation";
import * as m06 from "./2026-11-25_06_reach";
import * as m07 from "./2026-11-25_07_participation_indexes";
import * as m08 from "./2026-11-25_08_mail_list_unsubscribe";
import * as m05 from "./2026-11-25_05_protocols";
import * as m15 from "./2026-11-30_15_rate_limits";
import * as m16 from "./2026-11-30_16_search_text_folded";
import * as m20 from "./2026-11-30_20_meeting_held_reason";
import * as m40 from "./2026-11-30_40_protocol_numbers";
import * as m30 from "./2026-11-30_30_content_versions";
import { syncContentTriggers } from "../content-versions";
import * as m41 from "./2026-11-30_41_tariffs";
import * as m50 from "./2026-11-30_50_amendments";
import * as m70 from "./2026-11-30_70_comment_lang";
import * as m80 from "./2026-11-30_80_content_versions_per_backend";

/**
 * Migrations are imported statically (not read from the disk) so they survive the Vite build and
 * run after it. Names are date-prefixed; a landed migration is frozen.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-25_01_places": m01,
  "2026-11-25_02_accounts": m02,
  "2026-11-25_03_hearings": m03,
  "2026-11-25_04_participation": m04,
  "2026-11-25_06_reach": m06,
  "2026-11-25_07_participation_indexes": m07,
  "2026-11-25_08_mail_list_unsubscribe": m08,
  "2026-11-25_05_protocols": m05,
  "2026-11-30_15_rate_limits": m15,
  "2026-11-30_16_search_text_folded": m16,
  "2026-11-30_20_meeting_held_reason": m20,
  "2026-11-30_40_protocol_numbers": m40,
  "2026-11-30_30_content_versions": m30,
  "2026-11-30_41_tariffs": m41,
  "2026-11-30_50_amendments": m50,
  "2026-11-30_70_comment_lang": m70,
  "2026-11-30_80_content_versions_per_backend": m80,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** `schema`: PostgreSQL only, the schema that holds the migration tables (tests use one per file). */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await syncContentTriggers(db);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
