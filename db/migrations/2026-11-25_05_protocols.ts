import type { Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  // one protocol per hearing; its current state mirrors hearings.protocol_state
  await withId(db, db.schema.createTable("protocols"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().unique().references("hearings.id"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) =>
      c.notNull().check(sqlIn("state", ["drafted", "submitted", "approved", "returned"])),
    )
    .addColumn("chair_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("secretary_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("conclusions_ky", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("conclusions_ru", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("protocols_municipality_state_idx")
    .on("protocols")
    .columns(["municipality_id", "state"])
    .execute();

  // every version kept: the snapshot the council read, and what it decided
  await withId(db, db.schema.createTable("protocol_versions"))
    .addColumn("protocol_id", "integer", (c) => c.notNull().references("protocols.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("content_sha256", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("decision", "text", (c) => c.check(sqlIn("decision", ["approved", "returned"])))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("resolution_number", "text")
    .addColumn("resolution_date", "text") // yyyy-mm-dd (Bishkek calendar date)
    .addColumn("deputies_for", "integer")
    .addColumn("deputies_against", "integer")
    .addColumn("deputies_abstain", "integer")
    .addColumn("return_comments", "text")
    .addColumn("verification_code", "text", (c) => c.unique())
    .addUniqueConstraint("protocol_versions_protocol_version_uq", ["protocol_id", "version"])
    .execute();

  // the frozen rendered files of an approved version
  await withId(db, db.schema.createTable("protocol_files"))
    .addColumn("version_id", "integer", (c) => c.notNull().references("protocol_versions.id"))
    .addColumn("lang", "text", (c) => c.notNull().check(sqlIn("lang", ["ky", "ru"])))
    .addColumn("format", "text", (c) => c.notNull().check(sqlIn("format", ["pdf", "docx"])))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("protocol_files_version_lang_format_uq", ["version_id", "lang", "format"])
    .execute();
  await db.schema
    .createIndex("protocol_files_sha256_idx")
    .on("protocol_files")
    .column("sha256")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("protocol_files").execute();
  await db.schema.dropTable("protocol_versions").execute();
  await db.schema.dropTable("protocols").execute();
}
