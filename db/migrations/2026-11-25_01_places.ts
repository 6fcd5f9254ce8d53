import type { Kysely } from "kysely";
import { sqlIn, withId } from "./helpers";

// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("oblasts"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_ky", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("districts"))
    .addColumn("oblast_id", "integer", (c) => c.notNull().references("oblasts.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_ky", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("municipalities"))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sqlIn("kind", ["ayil_aimak", "city"])))
    .addColumn("name_ky", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    // the hearing settings fixed by the municipality's community charter
    .addColumn("min_notice_days", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("min_comment_days", "integer", (c) => c.notNull().defaultTo(14))
    .addColumn("min_voting_age", "integer", (c) => c.notNull().defaultTo(18))
    .addColumn("unverified_may_comment", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("in_person_quorum", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("municipalities_district_idx")
    .on("municipalities")
    .column("district_id")
    .execute();

  await withId(db, db.schema.createTable("villages"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("name_ky", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("villages_municipality_idx")
    .on("villages")
    .column("municipality_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["villages", "municipalities", "districts", "oblasts"]) {
    await db.schema.dropTable(t).execute();
  }
}
