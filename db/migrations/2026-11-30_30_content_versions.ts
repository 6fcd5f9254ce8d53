import type { Kysely } from "kysely";

/**
 * A version number per scope of public content ("all", "lists", "h:<hearing id>"), raised by
 * database triggers on every write that changes what anonymous pages show (db/content-versions.ts
 * installs the triggers after the migrations). The page cache compares them before serving stored
 * bytes, so it is correct across several app instances (ADR 0031).
 */
// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("content_versions")
    .addColumn("scope", "text", (c) => c.primaryKey().notNull())
    .addColumn("version", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("content_versions").execute();
}
