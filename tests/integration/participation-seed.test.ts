import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccounts } from "~/modules/demo/accounts";
import { seedParticipation } from "~/modules/demo/participation";
import { seedPlaces } from "~/modules/demo/places";
import { getResults } from "~/modules/participation/results.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { insertHearing } from "../helpers/participation-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("participation demo seed", () => {
  it("skips null hearings, and fills the waste and development hearings when they exist", async () => {
    const now = new Date("2026-03-10T06:00:00.000Z");
    const places = await seedPlaces(t.db, now.toISOString());
    const { accounts } = await seedAccounts(t.db, places, now, "seed-secret-0123456789");
    const ctx = { db: t.db, now, secret: "seed-secret-0123456789", places, accounts };
    await seedParticipation(ctx, {
      wasteTariff: null,
      waterTariff: null,
      devPlan: null,
      other: null,
    });
    const waste = await insertHearing(t.db, places.issykKul.id, accounts.official);
    // its period is over, its close not yet stored: the seed adds the record a closed hearing
    // had before its close (nothing is added after one)
    const plan = await insertHearing(t.db, places.issykKul.id, accounts.official, {
      state: "open",
      start: "2026-02-01T00:00:00.000Z",
      end: "2026-02-20T00:00:00.000Z",
    });
    await seedParticipation(ctx, {
      wasteTariff: waste.id,
      waterTariff: null,
      devPlan: plan.id,
      other: null,
    });
    const comments = await t.db
      .selectFrom("comments")
      .selectAll()
      .where("hearing_id", "=", waste.id)
      .execute();
    expect(comments.length).toBeGreaterThanOrEqual(38);
    expect(comments.filter((c) => c.hidden_at)).toHaveLength(1);
    expect(comments.filter((c) => c.parent_id).length).toBeGreaterThan(3);
    expect(comments.filter((c) => c.answer_status).length).toBeGreaterThan(5);
    expect(new Set(comments.map((c) => c.stance))).toEqual(new Set(["for", "against", "neutral"]));
    const [r] = await getResults(t.db, plan.id);
    expect(r.online.for + r.online.against + r.online.abstain).toBeGreaterThan(20);
    expect(r.inPerson).toEqual({ for: 41, against: 15, abstain: 8 });
    const speakers = await t.db
      .selectFrom("comments")
      .select("id")
      .where("hearing_id", "=", plan.id)
      .where("source", "=", "in_person")
      .execute();
    expect(speakers).toHaveLength(3);
  });
});
