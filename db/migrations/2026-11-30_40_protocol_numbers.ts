import type { Kysely } from "kysely";

/**
 * A protocol number of its own, per municipality and year («№ 3/2026»), instead of the hearing's
 * short-link code. `protocol_number_counters` hands out the next number atomically (one upsert);
 * `protocols.number_year` / `number_seq` keep it, unique per municipality.
 *
 * Protocols already approved keep the number they were frozen with (their files and hash carry
 * it); every other protocol is numbered here in the order it was created, by the Asia/Bishkek
 * year of its creation.
 */
// Frozen once landed: change the schema with a new, later migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("protocol_number_counters")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("protocol_number_counters_pk", ["municipality_id", "year"])
    .execute();
  await db.schema.alterTable("protocols").addColumn("number_year", "integer").execute();
  await db.schema.alterTable("protocols").addColumn("number_seq", "integer").execute();

  const rows = await db
    .selectFrom("protocols")
    .select(["id", "municipality_id", "created_at", "state"])
    .where("state", "!=", "approved")
    .orderBy("municipality_id")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const last = new Map<string, number>();
  for (const r of rows) {
    // Asia/Bishkek is UTC+6 all year
    const year = new Date(Date.parse(String(r.created_at)) + 6 * 3600_000).getUTCFullYear();
    const key = `${r.municipality_id}/${year}`;
    const seq = (last.get(key) ?? 0) + 1;
    last.set(key, seq);
    await db
      .updateTable("protocols")
      .set({ number_year: year, number_seq: seq, number: `${seq}/${year}` })
      .where("id", "=", r.id)
      .execute();
  }
  for (const [key, seq] of last) {
    const [municipality, year] = key.split("/").map(Number);
    await db
      .insertInto("protocol_number_counters")
      .values({ municipality_id: municipality, year, last: seq })
      .execute();
  }
  await db.schema
    .createIndex("protocols_number_uq")
    .on("protocols")
    .columns(["municipality_id", "number_year", "number_seq"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("protocols_number_uq").execute();
  await db.schema.alterTable("protocols").dropColumn("number_seq").execute();
  await db.schema.alterTable("protocols").dropColumn("number_year").execute();
  await db.schema.dropTable("protocol_number_counters").execute();
}
