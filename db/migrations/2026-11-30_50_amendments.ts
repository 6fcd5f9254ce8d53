import type { Kysely } from "kysely";
import { withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
// Issue 11, must-have 2 (ADR 0050): amendments of a proposal after announcement, and the votes
// they set aside. A set-aside vote leaves `votes` (so every count and the one-vote-per-question
// uniqueness see only counted votes) and is kept here with the amendment that set it aside.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("amendments"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    // 1, 2, … per hearing ("Өзгөртүү №1" / "Изменение № 1")
    .addColumn("number", "integer", (c) => c.notNull())
    // the hearing version this amendment produced (hearing_versions.version)
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    // what changed, as data rendered in ky and ru: [{ kind, … }] (hearings/amend.ts)
    .addColumn("changes_json", "text", (c) => c.notNull())
    .addColumn("comment_end_before", "text")
    .addColumn("comment_end_after", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("amendments_number_per_hearing", ["hearing_id", "number"])
    .execute();

  await withId(db, db.schema.createTable("votes_set_aside"))
    .addColumn("amendment_id", "integer", (c) => c.notNull().references("amendments.id"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    // the vote's id in `votes` before it was set aside
    .addColumn("vote_id", "integer", (c) => c.notNull())
    // no foreign key: a question removed by the amendment goes, its set-aside votes stay
    .addColumn("question_id", "integer", (c) => c.notNull())
    .addColumn("question_title_ky", "text", (c) => c.notNull())
    .addColumn("question_title_ru", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("village_id", "integer", (c) => c.references("villages.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("set_aside_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("votes_set_aside_hearing_idx")
    .on("votes_set_aside")
    .columns(["hearing_id", "amendment_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("votes_set_aside").execute();
  await db.schema.dropTable("amendments").execute();
}
