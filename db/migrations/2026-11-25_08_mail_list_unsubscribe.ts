import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new, later migration.
// The one-click unsubscribe address of a message, sent as the List-Unsubscribe header (RFC 8058).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").addColumn("list_unsubscribe", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("list_unsubscribe").execute();
}
