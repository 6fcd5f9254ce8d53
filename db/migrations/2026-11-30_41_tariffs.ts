import type { Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

/**
 * The tariff register (issue 15, ADR 0041): one row per tariff entry, never updated. An entry
 * comes from an approved tariff hearing (`source = 'hearing'`, linked to the frozen protocol
 * version and its line) or is entered by hand for a tariff in force from before the portal
 * (`source = 'manual'`, with the resolution's scan). A correction is a new entry pointing at the
 * one it corrects (`corrects_id`) with a reason. When an entry stops being in force is derived:
 * the day before the next entry for the same municipality, service, category and unit starts (or
 * its own `valid_to`, for an entry entered by hand with a known end).
 * Dates are Asia/Bishkek calendar dates, yyyy-mm-dd; prices integer tyiyn.
 */
// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("tariffs"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("provider_kind", "text", (c) =>
      c.notNull().check(sqlIn("provider_kind", ["okmotu", "enterprise"])),
    )
    .addColumn("provider_name_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("provider_name_ru", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("price", "bigint", (c) => c.notNull()) // tyiyn
    .addColumn("valid_from", "text", (c) => c.notNull()) // yyyy-mm-dd, Asia/Bishkek
    .addColumn("valid_to", "text") // yyyy-mm-dd, last day; only a known end entered by hand
    .addColumn("resolution_number", "text", (c) => c.notNull())
    .addColumn("resolution_date", "text", (c) => c.notNull()) // yyyy-mm-dd
    .addColumn("source", "text", (c) => c.notNull().check(sqlIn("source", ["hearing", "manual"])))
    .addColumn("hearing_id", "integer", (c) => c.references("hearings.id"))
    .addColumn("protocol_version_id", "integer", (c) => c.references("protocol_versions.id"))
    .addColumn("tariff_line_id", "integer") // the line in the frozen protocol content
    .addColumn("document_storage_key", "text")
    .addColumn("document_name", "text")
    .addColumn("document_content_type", "text")
    .addColumn("document_sha256", "text")
    .addColumn("corrects_id", "integer", (c) => c.references("tariffs.id"))
    .addColumn("reason", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("tariffs_protocol_line_uq", ["protocol_version_id", "tariff_line_id"])
    .execute();
  await db.schema
    .createIndex("tariffs_key_idx")
    .on("tariffs")
    .columns(["service", "category", "unit", "municipality_id", "valid_from"])
    .execute();
  await db.schema
    .createIndex("tariffs_municipality_idx")
    .on("tariffs")
    .columns(["municipality_id", "valid_from"])
    .execute();
  await db.schema.createIndex("tariffs_corrects_idx").on("tariffs").column("corrects_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("tariffs").execute();
}
