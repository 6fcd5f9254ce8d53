/**
 * The demo register (issue 15, must-have 4): the whole demo seed leaves Issyk-Kul with tariffs
 * from an approved hearing (closing the ones entered by hand before the portal) and at least a
 * dozen more municipalities in several oblasts with tariffs, every entry marked as demo; the open
 * waste-collection hearing then has neighbours to compare with.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/modules/demo/index";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { compareHearingLines, loadPeriods, tariffsInForce } from "~/modules/tariffs/queries.server";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jyiyn-tariffs-seed-"));
  setStorageForTests(new DiskStorage(dir));
  t = await createTestDb();
  await seedDemo(t.db, new Date(), "x".repeat(32));
}, 120_000);

afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("demo register", () => {
  it("Issyk-Kul: approved from a hearing, earlier ones entered by hand and closed", async () => {
    const ik = await loadPeriods(t.db, { municipality: "issyk-kul-tyup" });
    const fromHearing = ik.filter((p) => p.source === "hearing");
    expect(fromHearing.map((p) => [p.service, p.unit, p.price])).toEqual([
      ["waste_collection", "person_month", 2500],
      ["waste_collection", "m3", 25000],
      ["waste_collection", "tonne", 120000],
    ]);
    expect(fromHearing.every((p) => p.protocolCode && p.resolution.number === "31/2")).toBe(true);
    const manualWaste = ik.find(
      (p) => p.source === "manual" && p.unit === "person_month" && p.service === "waste_collection",
    )!;
    expect(manualWaste.closedBy).toBe(fromHearing[0].id);
    expect(ik.every((p) => p.isDemo)).toBe(true);
  });

  it("a dozen more municipalities in several oblasts, all demo", async () => {
    const all = await tariffsInForce(t.db);
    const municipalities = new Set(all.map((p) => p.municipality.slug));
    const oblasts = new Set(all.map((p) => p.oblast.slug));
    expect(municipalities.size).toBeGreaterThanOrEqual(16);
    expect(oblasts.size).toBeGreaterThanOrEqual(6);
    expect(all.every((p) => p.isDemo)).toBe(true);
  });

  it("the open waste-collection hearing compares each line with its neighbours", async () => {
    const h = await t.db
      .selectFrom("hearings")
      .select("id")
      .where("title_ru", "like", "%вывоз%")
      .where("state", "=", "open")
      .executeTakeFirstOrThrow();
    const [pop] = await compareHearingLines(t.db, h.id);
    expect(pop.unit).toBe("person_month");
    expect(pop.current?.price).toBe(2500);
    expect(pop.country.count).toBeGreaterThanOrEqual(12);
    expect(pop.oblast.count).toBeGreaterThanOrEqual(3);
  });
});
