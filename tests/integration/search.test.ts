/**
 * Search as people type Kyrgyz: municipalities and hearings are found with о for ө, у for ү,
 * н for ң, a space for a hyphen and a hyphen for a dash (both databases); the stored hearing
 * search text made by the older rule is folded again by the migration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as m16 from "#db/migrations/2026-11-30_16_search_text_folded";
import { loadSessionUser } from "~/modules/auth/session.server";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import * as cmd from "~/modules/hearings/commands.server";
import { listMunicipalityHearings } from "~/modules/hearings/queries.server";
import { findMunicipalitySlugs } from "~/modules/places/queries.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

let t: TestDb;
let places: SeededPlaces;
let hearingId: number;

beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
  const official = await makeUser(t.db, {
    roles: [{ municipalityId: places.issykKul.id, role: "official" }],
  });
  hearingId = await cmd.createHearing(t.db, (await loadSessionUser(t.db, official))!, {
    municipalityId: places.issykKul.id,
    type: "plan",
    titleKy: "Ысык-Көл айыл аймагынын ПСЭР 2026–2028: Чоң-Таш үчүн суу түтүгү",
    titleRu: "ПСЭР Иссык-Кульского айылного аймака 2026–2028",
    initiatorKind: "okmotu",
  });
  // the list shows published hearings only: this one stands for an announced one
  await t.db
    .updateTable("hearings")
    .set({ state: "announced" })
    .where("id", "=", hearingId)
    .execute();
});
afterAll(() => t.cleanup());

describe("search as people type", () => {
  it("finds the municipality with о for ө and a hyphen or a space", async () => {
    for (const q of ["ысык-кол", "Ысык кол", "ЫСЫК-КӨЛ", "ысык–көл", "туп"])
      expect(await findMunicipalitySlugs(t.db, q), q).toContain("issyk-kul-tyup");
    expect(await findMunicipalitySlugs(t.db, "сары-ой")).not.toContain("issyk-kul-tyup");
  });

  it("finds the hearing with у for ү, н for ң, and a hyphen for a dash", async () => {
    const ids = async (q: string) =>
      (await listMunicipalityHearings(t.db, places.issykKul.id, "ky", { q })).items.map(
        (i) => i.id,
      );
    for (const q of ["чон-таш", "Чоң Таш", "суу тутугу", "2026-2028", "ысык кол"])
      expect(await ids(q), q).toContain(hearingId);
    expect(await ids("бишкек")).not.toContain(hearingId);
  });

  it("the migration folds search text stored by the older rule", async () => {
    await t.db
      .updateTable("hearings")
      .set({ search_text: "ысык-көл айыл аймагы чоң-таш 2026–2028" })
      .where("id", "=", hearingId)
      .execute();
    await m16.up(t.db);
    const row = await t.db
      .selectFrom("hearings")
      .select("search_text")
      .where("id", "=", hearingId)
      .executeTakeFirstOrThrow();
    expect(row.search_text).toBe("ысык кол айыл аймагы чон таш 2026 2028");
  });
});
