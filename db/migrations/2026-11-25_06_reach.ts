import type { Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  // A person follows a municipality (new hearings, results, approved protocols, reminders).
  await withId(db, db.schema.createTable("subscriptions"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("subscriptions_unique", ["user_id", "municipality_id"])
    .execute();
  await db.schema
    .createIndex("subscriptions_municipality_idx")
    .on("subscriptions")
    .column("municipality_id")
    .execute();

  // One row per person: which kinds, how mail is delivered, the unsubscribe key.
  await db.schema
    .createTable("notification_prefs")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id"))
    .addColumn("new_hearings", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("results", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("protocols", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("answers", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("reminders", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("delivery", "text", (c) =>
      c
        .notNull()
        .defaultTo("immediate")
        .check(sqlIn("delivery", ["immediate", "daily", "none"])),
    )
    .addColumn("unsubscribe_salt", "text", (c) => c.notNull())
    .addColumn("last_digest_on", "text") // Bishkek date yyyy-mm-dd of the last digest run
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("notifications"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("hearing_id", "integer", (c) => c.references("hearings.id"))
    .addColumn("payload_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("emailed_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "read_at", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_user_mail_idx")
    .on("notifications")
    .columns(["user_id", "emailed_at"])
    .execute();

  // A reminder is sent once per (hearing, kind, person), however many instances run the loop.
  await withId(db, db.schema.createTable("reminder_log"))
    .addColumn("hearing_id", "integer", (c) => c.notNull().references("hearings.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reminder_log_unique", ["hearing_id", "kind", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["reminder_log", "notifications", "notification_prefs", "subscriptions"]) {
    await db.schema.dropTable(t).execute();
  }
}
