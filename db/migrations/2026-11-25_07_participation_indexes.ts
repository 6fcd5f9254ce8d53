import type { Kysely } from "kysely";

// Frozen once landed. The number of votes cast (distinct people per hearing) is counted on every
// hearing page view: a covering index keeps it an index-only scan with tens of thousands of votes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("votes_hearing_user_idx")
    .on("votes")
    .columns(["hearing_id", "user_id"])
    .execute();
  // the officials' queue and the counts group by stance and source within a hearing
  await db.schema
    .createIndex("comments_hearing_stance_source_idx")
    .on("comments")
    .columns(["hearing_id", "stance", "source", "answer_status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comments_hearing_stance_source_idx").execute();
  await db.schema.dropIndex("votes_hearing_user_idx").execute();
}
