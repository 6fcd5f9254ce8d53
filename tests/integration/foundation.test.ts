import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { dialectOf } from "#db/connection";
import { migrations } from "#db/migrations";
import { seedPlaces } from "~/modules/demo/places";
import { getMunicipalityBySlug, listMunicipalitiesGrouped } from "~/modules/places/queries.server";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedPlaces(t.db, new Date().toISOString());
});
afterAll(() => t.cleanup());

describe(`migrations and places (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("runs every migration on this database", async () => {
    expect(dialectOf(t.db)).toBe(t.dialect);
    const done = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(t.db);
    expect(done.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it("enforces foreign keys", async () => {
    await expect(
      t.db
        .insertInto("villages")
        .values({ municipality_id: 999999, name_ky: "x", name_ru: "x" })
        .execute(),
    ).rejects.toThrow();
  });

  it("lists municipalities grouped by oblast and district, searching ӊ/ң alike", async () => {
    const all = await listMunicipalitiesGrouped(t.db, "ky");
    expect(all.map((o) => o.name)).toContain("Ысык-Көл облусу");
    const issykKul = all.find((o) => o.slug === "issyk-kul")!;
    expect(issykKul.districts.map((d) => d.slug).sort()).toEqual(["issyk-kul-district", "tyup"]);
    const found = await listMunicipalitiesGrouped(t.db, "ru", "ак-булуӊ"); // village names are not searched
    expect(found).toEqual([]);
    const byDistrict = await listMunicipalitiesGrouped(t.db, "ky", "ТҮП");
    expect(
      byDistrict.flatMap((o) => o.districts.flatMap((d) => d.municipalities.map((m) => m.slug))),
    ).toEqual(["issyk-kul-tyup"]);
  });

  it("shows a municipality with its district, villages and settings", async () => {
    const m = await getMunicipalityBySlug(t.db, "issyk-kul-tyup", "ru");
    expect(m?.name).toBe("Иссык-Кульский айылный аймак");
    expect(m?.district).toBe("Тюпский район");
    expect(m?.villages.map((v) => v.name)).toContain("Чон-Таш");
    expect(m?.settings.minCommentDays).toBe(14);
    expect(await getMunicipalityBySlug(t.db, "nope", "ru")).toBeNull();
  });
});

describe("demo seed", () => {
  it("fills an empty database on this backend", async () => {
    const { seedDemo } = await import("~/modules/demo");
    const fresh = await createTestDb({ useAsAppDb: false });
    try {
      const report = await seedDemo(fresh.db, new Date(), "test-secret-0123456789");
      expect(report.lines.join("\n")).toContain("official@jyiyn.demo");
      const n = await fresh.db
        .selectFrom("municipalities")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThanOrEqual(3);
      const kinds = await fresh.db.selectFrom("municipalities").select("kind").distinct().execute();
      expect(kinds.map((k) => k.kind).sort()).toEqual(["ayil_aimak", "city"]);
    } finally {
      await fresh.cleanup();
    }
    // the demo is made through the commands (ADR 0090): some 1,500 statements, over 30 s on a
    // loaded PostgreSQL
  }, 120_000);
});
