/**
 * The demo seed: given a closed hearing (devPlan), it leaves an approved protocol with a
 * resolution number and date; given none, it does nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeedContext } from "~/modules/demo/index";
import { seedProtocols } from "~/modules/demo/protocols";
import { getHearingProtocol } from "~/modules/protocol/queries.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

let t: TestDb;
let w: ProtocolWorld;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jyiyn-protocol-seed-"));
  setStorageForTests(new DiskStorage(dir));
  t = await createTestDb();
  w = await createProtocolWorld(t.db);
}, 60_000);

afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("seedProtocols", () => {
  const ctx = () =>
    ({
      db: t.db,
      now: new Date(),
      secret: "x".repeat(16),
      places: w.places,
      accounts: { official: w.official, secretary: w.secretary },
    }) as unknown as SeedContext;

  it("does nothing without the development-programme hearing", async () => {
    await seedProtocols(ctx(), {
      wasteTariff: null,
      waterTariff: null,
      devPlan: null,
      other: null,
    });
    expect(await t.db.selectFrom("protocols").selectAll().execute()).toEqual([]);
  });

  it("approves the closed hearing's protocol from whatever record it has", async () => {
    await seedProtocols(ctx(), {
      wasteTariff: null,
      waterTariff: null,
      devPlan: w.planHearing,
      other: null,
    });
    const hp = (await getHearingProtocol(t.db, w.planHearing))!;
    expect(hp.protocol?.state).toBe("approved");
    expect(hp.versions[0].resolution_number).toBe("12/3");
    expect(hp.versions[0].resolution_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(hp.files).toHaveLength(4);
  });
});
