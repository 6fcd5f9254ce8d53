/**
 * Statements compiled once (db/compiled-once.ts) on a real database: each run uses its own
 * values (also a slot used twice, and inside a transaction that rolls back), constant values
 * stay, and misuse fails loudly instead of running the wrong SQL.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledOnce } from "#db/compiled-once";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { createTestDb, onPostgres, type TestDb } from "../helpers/db";

let t: TestDb;
let places: SeededPlaces;
beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
});
afterAll(() => t.cleanup());

const bySlug = compiledOnce(2, (db, slug, prefix) =>
  db
    .selectFrom("municipalities")
    .select(["id", sql<string>`${prefix} || slug`.as("tagged")])
    .where("slug", "=", slug as unknown as string)
    .where("slug", "!=", "no-such-place"),
);
const rename = compiledOnce(2, (db, name, id) =>
  db
    .updateTable("municipalities")
    .set({ name_ky: name as unknown as string, name_ru: name as unknown as string })
    .where("id", "=", id as unknown as number),
);

describe(`compiled once (${onPostgres ? "postgres" : "sqlite"})`, () => {
  it("runs the one compiled statement with each run's values", async () => {
    const slugs = await t.db.selectFrom("municipalities").select(["id", "slug"]).execute();
    for (const m of slugs) {
      const r = await bySlug(t.db, [m.slug, `${m.id}:`]);
      expect(r.rows).toEqual([{ id: m.id, tagged: `${m.id}:${m.slug}` }]);
    }
    expect((await bySlug(t.db, ["no-such-place", "x"])).rows).toEqual([]);
  });

  it("writes with a slot used twice, and inside a transaction that rolls back", async () => {
    const id = places.saryOi.id;
    const r = await rename(t.db, ["Сары-Ой", id]);
    expect(Number(r.numAffectedRows)).toBe(1);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await rename(trx, ["Башка ат", id]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const row = await t.db
      .selectFrom("municipalities")
      .select(["name_ky", "name_ru"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_ky: "Сары-Ой", name_ru: "Сары-Ой" });
  });

  it("refuses a wrong number of values and a slot that is not a parameter", async () => {
    await expect(async () => bySlug(t.db, ["only-one"])).rejects.toThrow(/2 values expected/);
    const unused = compiledOnce(1, (db) => db.selectFrom("municipalities").select("id"));
    await expect(async () => unused(t.db, [1])).rejects.toThrow(/not a parameter/);
  });
});
