import type { Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("hearings"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("type", "text", (c) => c.notNull()) // "tariff" | "plan" (more types may follow)
    .addColumn("state", "text", (c) =>
      c.notNull().check(sqlIn("state", ["draft", "announced", "open", "closed", "cancelled"])),
    )
    // the protocol's stage once the hearing is closed: null | drafted | submitted | approved | returned
    .addColumn("protocol_state", "text")
    .addColumn("short_code", "text", (c) => c.notNull().unique())
    .addColumn("title_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("title_ru", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_ru", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_ru", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("authoritative_lang", "text", (c) => c.notNull().defaultTo("ky"))
    .addColumn("initiator_kind", "text", (c) =>
      c.notNull().check(sqlIn("initiator_kind", ["okmotu", "enterprise"])),
    )
    .addColumn("initiator_name_ky", "text")
    .addColumn("initiator_name_ru", "text")
    // moments, ISO 8601 UTC text; entered and shown in Asia/Bishkek
    .addColumn("notice_at", "text")
    .addColumn("comment_start_at", "text")
    .addColumn("comment_end_at", "text")
    .addColumn("meeting_at", "text")
    .addColumn("meeting_place_ky", "text")
    .addColumn("meeting_place_ru", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("announced_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hearings_municipality_idx")
    .on("hearings")
    .columns(["municipality_id", "state", "comment_start_at"])
    .execute();
  await db.schema
    .createIndex("hearings_state_idx")
    .on("hearings")
    .columns(["state", "comment_end_at"])
    .execute();

  await withId(db, db.schema.createTable("hearing_transitions"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id")) // null: by the clock
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hearing_transitions_idx")
    .on("hearing_transitions")
    .column("hearing_id")
    .execute();

  await withId(db, db.schema.createTable("hearing_versions"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("snapshot_json", "text", (c) => c.notNull())
    .addColumn("changed_fields_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("hearing_versions_unique", ["hearing_id", "version"])
    .execute();

  await withId(db, db.schema.createTable("tariff_lines"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("current_price", "bigint", (c) => c.notNull()) // tyiyn
    .addColumn("proposed_price", "bigint", (c) => c.notNull()) // tyiyn
    .addColumn("justification_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("justification_ru", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("tariff_lines_hearing_idx")
    .on("tariff_lines")
    .columns(["hearing_id", "position"])
    .execute();

  await withId(db, db.schema.createTable("tariff_cost_items"))
    .addColumn("tariff_line_id", "integer", (c) =>
      c.notNull().references("tariff_lines.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_ky", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull()) // tyiyn
    .execute();
  await db.schema
    .createIndex("tariff_cost_items_line_idx")
    .on("tariff_cost_items")
    .column("tariff_line_id")
    .execute();

  await withId(db, db.schema.createTable("plan_sections"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_ky", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("plan_sections_hearing_idx")
    .on("plan_sections")
    .columns(["hearing_id", "position"])
    .execute();

  await withId(db, db.schema.createTable("plan_projects"))
    .addColumn("section_id", "integer", (c) =>
      c.notNull().references("plan_sections.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title_ky", "text", (c) => c.notNull())
    .addColumn("title_ru", "text", (c) => c.notNull())
    .addColumn("budget", "bigint", (c) => c.notNull()) // tyiyn
    .addColumn("year_from", "integer", (c) => c.notNull())
    .addColumn("year_to", "integer", (c) => c.notNull())
    .addColumn("funding_source", "text", (c) =>
      c.notNull().check(sqlIn("funding_source", ["local", "republican", "donor", "community"])),
    )
    .addColumn("description_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_ru", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("plan_projects_section_idx")
    .on("plan_projects")
    .column("section_id")
    .execute();

  await withId(db, db.schema.createTable("documents"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("removed_at", "text")
    .execute();
  await db.schema
    .createIndex("documents_hearing_idx")
    .on("documents")
    .column("hearing_id")
    .execute();

  // The questions residents vote on (by default one: "Do you support the proposal?").
  await withId(db, db.schema.createTable("questions"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title_ky", "text", (c) => c.notNull())
    .addColumn("title_ru", "text", (c) => c.notNull())
    .addColumn("tariff_line_id", "integer", (c) => c.references("tariff_lines.id"))
    .execute();
  await db.schema
    .createIndex("questions_hearing_idx")
    .on("questions")
    .columns(["hearing_id", "position"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "questions",
    "documents",
    "plan_projects",
    "plan_sections",
    "tariff_cost_items",
    "tariff_lines",
    "hearing_versions",
    "hearing_transitions",
    "hearings",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
