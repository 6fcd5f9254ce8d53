import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new, later migration.
// Rate limits become counters kept by rate-limiter-flexible (one atomic upsert per attempt, on
// both databases): key → points in the current window and the window's end (epoch ms). The table
// has the shape the library's own CREATE TABLE would give it (created here so that it exists in
// every schema the migrations run in, including the per-file test schemas). The old append-only
// `attempts` table counted with a read and a separate insert, which parallel requests got through.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "varchar(255)", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
  await db.schema.dropTable("attempts").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
