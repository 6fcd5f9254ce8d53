import type { Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("comments"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("parent_id", "integer", (c) => c.references("comments.id"))
    .addColumn("source", "text", (c) => c.notNull().check(sqlIn("source", ["online", "in_person"])))
    .addColumn("author_user_id", "integer", (c) => c.references("users.id")) // online comments
    .addColumn("speaker_name", "text") // in-person speakers
    .addColumn("entered_by", "integer", (c) => c.references("users.id")) // the official, in person
    .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(0)) // shown as "resident of {village}"
    .addColumn("village_id", "integer", (c) => c.references("villages.id"))
    .addColumn("author_verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("stance", "text", (c) =>
      c.notNull().check(sqlIn("stance", ["for", "against", "neutral"])),
    )
    .addColumn("tariff_line_id", "integer", (c) => c.references("tariff_lines.id"))
    .addColumn("plan_section_id", "integer", (c) => c.references("plan_sections.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .addColumn("hidden_at", "text")
    .addColumn("hidden_by", "integer", (c) => c.references("users.id"))
    .addColumn("hidden_reason", "text")
    .addColumn("answer_status", "text", (c) =>
      c.check(
        sqlIn("answer_status", ["accepted", "partly_accepted", "not_accepted", "not_relevant"]),
      ),
    )
    .addColumn("answer_text", "text")
    .addColumn("answered_by", "integer", (c) => c.references("users.id"))
    .addColumn("answered_at", "text")
    .execute();
  await db.schema
    .createIndex("comments_hearing_created_idx")
    .on("comments")
    .columns(["hearing_id", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("comments_hearing_stance_idx")
    .on("comments")
    .columns(["hearing_id", "stance", "id"])
    .execute();
  await db.schema
    .createIndex("comments_hearing_line_idx")
    .on("comments")
    .columns(["hearing_id", "tariff_line_id", "id"])
    .execute();
  await db.schema
    .createIndex("comments_hearing_section_idx")
    .on("comments")
    .columns(["hearing_id", "plan_section_id", "id"])
    .execute();
  await db.schema
    .createIndex("comments_hearing_answer_idx")
    .on("comments")
    .columns(["hearing_id", "answer_status"])
    .execute();
  await db.schema.createIndex("comments_parent_idx").on("comments").column("parent_id").execute();
  await db.schema
    .createIndex("comments_author_idx")
    .on("comments")
    .column("author_user_id")
    .execute();

  await withId(db, db.schema.createTable("comment_reports"))
    .addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id"))
    .addColumn("reporter_user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addUniqueConstraint("comment_reports_unique", ["comment_id", "reporter_user_id"])
    .execute();

  // One vote per person per question: the unique constraint is the guarantee.
  await withId(db, db.schema.createTable("votes"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("choice", "text", (c) =>
      c.notNull().check(sqlIn("choice", ["for", "against", "abstain"])),
    )
    .addColumn("village_id", "integer", (c) => c.references("villages.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("votes_one_per_person", ["question_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("votes_hearing_idx")
    .on("votes")
    .columns(["hearing_id", "question_id", "choice"])
    .execute();

  // The in-person meeting: attendance and who recorded it; speakers are comments (source in_person).
  await db.schema
    .createTable("meeting_records")
    .addColumn("hearing_id", "integer", (c) => c.primaryKey().references("hearings.id"))
    .addColumn("attendance", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("held_at", "text")
    .addColumn("notes", "text")
    .addColumn("entered_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // The show-of-hands tally per question.
  await withId(db, db.schema.createTable("meeting_tallies"))
    .addColumn("question_id", "integer", (c) => c.notNull().unique().references("questions.id"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("for_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("against_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("abstain_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("entered_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["meeting_tallies", "meeting_records", "votes", "comment_reports", "comments"]) {
    await db.schema.dropTable(t).execute();
  }
}
