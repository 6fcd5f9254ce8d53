import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new, later migration.
// Issue 11: a meeting recorded as held on another day than announced says why (into the protocol).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_records").addColumn("held_reason", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_records").dropColumn("held_reason").execute();
}
