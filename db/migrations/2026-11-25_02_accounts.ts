import { sql, type Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("users"))
    .addColumn("email", "text", (c) => c.unique())
    .addColumn("phone", "text", (c) => c.unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("municipality_id", "integer", (c) => c.references("municipalities.id"))
    .addColumn("village_id", "integer", (c) => c.references("villages.id"))
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("ky"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("users_contact", sql`email is not null or phone is not null`)
    .execute();

  // Sessions as in the Lucia guide: id = hex SHA-256 of the random token held in the cookie.
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await withId(db, db.schema.createTable("roles"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sqlIn("role", ["official", "council_secretary", "council_member"])),
    )
    .addColumn("granted_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("roles_unique", ["user_id", "municipality_id", "role"])
    .execute();
  await db.schema
    .createIndex("roles_municipality_idx")
    .on("roles")
    .columns(["municipality_id", "role"])
    .execute();

  await withId(db, db.schema.createTable("invitations"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_by", "integer", (c) => c.references("users.id"))
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await withId(db, db.schema.createTable("password_resets"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sqlIn("kind", ["email_link", "official_code"])),
    )
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  // The municipality's resident list: only keyed hashes (HMAC-SHA256 of ПИН + birth date).
  await withId(db, db.schema.createTable("registry_imports"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["running", "done", "failed"])),
    )
    .addColumn("total_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("processed_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("accepted_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("errors_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();

  await withId(db, db.schema.createTable("registry_entries"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("village_id", "integer", (c) => c.notNull().references("villages.id"))
    .addColumn("person_hash", "text", (c) => c.notNull())
    .addColumn("birth_date", "text", (c) => c.notNull()) // yyyy-mm-dd, for the voting-age rule
    .addColumn("import_id", "integer", (c) => c.references("registry_imports.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("registry_entries_unique", ["municipality_id", "person_hash"])
    .execute();

  await withId(db, db.schema.createTable("verifications"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("village_id", "integer", (c) => c.references("villages.id"))
    .addColumn("person_hash", "text")
    .addColumn("birth_date", "text")
    .addColumn("method", "text", (c) =>
      c.notNull().check(sqlIn("method", ["registry", "in_person"])),
    )
    .addColumn("verified_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "integer", (c) => c.references("users.id"))
    .addColumn("revoke_reason", "text")
    .execute();
  // one live verification per account per municipality, and one verified account per person
  await db.schema
    .createIndex("verifications_user_live")
    .on("verifications")
    .columns(["user_id", "municipality_id"])
    .unique()
    .where(sql.ref("revoked_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("verifications_person_live")
    .on("verifications")
    .columns(["municipality_id", "person_hash"])
    .unique()
    .where(sql.ref("revoked_at"), "is", null)
    .execute();

  // Attempts counted for rate limits and lock-outs; kept in the database so limits hold across
  // several app instances.
  await withId(db, db.schema.createTable("attempts"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("attempts_lookup")
    .on("attempts")
    .columns(["kind", "key", "created_at"])
    .execute();

  await withId(db, db.schema.createTable("audit_log"))
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("municipality_id", "integer", (c) => c.references("municipalities.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("ip", "text")
    .addColumn("details_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_log_created_idx")
    .on("audit_log")
    .column("created_at")
    .execute();
  await db.schema
    .createIndex("audit_log_municipality_idx")
    .on("audit_log")
    .columns(["municipality_id", "created_at"])
    .execute();

  await withId(db, db.schema.createTable("mail_outbox"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["pending", "sending", "sent", "failed", "logged"])),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("mail_outbox_due_idx")
    .on("mail_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "mail_outbox",
    "audit_log",
    "attempts",
    "verifications",
    "registry_entries",
    "registry_imports",
    "password_resets",
    "invitations",
    "roles",
    "sessions",
    "users",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
