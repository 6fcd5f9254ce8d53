import type { Kysely } from "kysely";
import { sqlIn } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
// Issue 14: the language a comment was written in ('ky' | 'ru'), stored on creation from the
// language of the page it was written on (ADR 0070); null for comments made before (unknown).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("comments")
    .addColumn("lang", "text", (c) => c.check(sqlIn("lang", ["ky", "ru"])))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("comments").dropColumn("lang").execute();
}
