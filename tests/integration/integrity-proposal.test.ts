/**
 * Issue 11, must-have 2: what is voted on changes under cast votes only as an amendment (a reason;
 * the votes set aside, ADR 0050 — tests/integration/amendments.test.ts has the rest), removing a
 * commented line is a clear 409 (it was a 500 from the foreign key), and removing a line never
 * leaves its question on the ballot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import * as cmd from "~/modules/hearings/commands.server";
import { castVote, createComment } from "~/modules/participation/commands.server";
import { getResults } from "~/modules/participation/results.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { insertHearing, makeWorld, type World } from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
const OPEN = "2026-03-05T06:00:00.000Z";
const line = (proposedPrice: number, justificationRu = "") => ({
  service: "Вывоз ТБО",
  category: "население",
  unit: "чел./мес.",
  currentPrice: 2000,
  proposedPrice,
  justificationKy: "",
  justificationRu,
  costItems: [],
});

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
});
afterEach(() => setClock(null));
afterAll(() => t.cleanup());

describe(`the proposal under cast votes (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("raising a line's price 25 → 45 сом after votes is an amendment: a reason, the votes set aside", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "open" });
    const official = (await loadSessionUser(t.db, w.official))!;
    const resident = (await loadSessionUser(t.db, w.resident))!;
    setClock(OPEN);
    await castVote(t.db, resident, h.id, h.questionIds[0], "for");
    // without a reason: refused at its field (ADR 0050 replaced the interim refusal of ADR 0025)
    await expect(
      cmd.updateTariffLine(t.db, official, h.id, h.lineIds[0], line(4500)),
    ).rejects.toMatchObject({ key: "hearings:amend.reasonRequired", status: 400 });
    await expect(cmd.addTariffLine(t.db, official, h.id, line(3000))).rejects.toMatchObject({
      key: "hearings:amend.reasonRequired",
    });
    await expect(cmd.removeTariffLine(t.db, official, h.id, h.lineIds[1])).rejects.toMatchObject({
      key: "hearings:amend.reasonRequired",
    });
    expect((await getResults(t.db, h.id))[0].online.for).toBe(1);
    // a text correction is an ordinary edit: the vote still counts
    await cmd.updateTariffLine(t.db, official, h.id, h.lineIds[0], line(2500, "Уточнённый текст"));
    const l = await t.db
      .selectFrom("tariff_lines")
      .select(["proposed_price", "justification_ru"])
      .where("id", "=", h.lineIds[0])
      .executeTakeFirstOrThrow();
    expect([Number(l.proposed_price), l.justification_ru]).toEqual([2500, "Уточнённый текст"]);
    expect((await getResults(t.db, h.id))[0].online.for).toBe(1);
    // with a reason: the price changes and the vote cast on 25 сом is set aside, kept, not counted
    await cmd.updateTariffLine(t.db, official, h.id, h.lineIds[0], {
      ...line(4500),
      amendReason: "Күйүүчү май кымбаттады",
    });
    expect((await getResults(t.db, h.id))[0].online.for).toBe(0);
    const kept = await t.db
      .selectFrom("votes_set_aside")
      .select(["user_id", "choice"])
      .where("hearing_id", "=", h.id)
      .execute();
    expect(kept).toEqual([{ user_id: w.resident, choice: "for" }]);
  });

  it("removing a line with comments is a clear 409, not a foreign-key 500", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "open" });
    const official = (await loadSessionUser(t.db, w.official))!;
    const resident = (await loadSessionUser(t.db, w.resident))!;
    setClock(OPEN);
    await createComment(t.db, resident, {
      hearingId: h.id,
      tariffLineId: h.lineIds[0],
      stance: "against",
      body: "Дорого",
      anonymous: false,
    });
    await expect(cmd.removeTariffLine(t.db, official, h.id, h.lineIds[0])).rejects.toMatchObject({
      key: "hearings:errors.hasComments",
      status: 409,
      params: { count: 1 },
    });
    const still = await t.db
      .selectFrom("tariff_lines")
      .select("id")
      .where("id", "=", h.lineIds[0])
      .executeTakeFirst();
    expect(still?.id).toBe(h.lineIds[0]);
  });

  it("removing a line takes its own question off the ballot (no orphaned question)", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "draft", questions: 1 });
    const official = (await loadSessionUser(t.db, w.official))!;
    const q = await t.db
      .insertInto("questions")
      .values({
        hearing_id: h.id,
        position: 2,
        title_ky: "Сап 2",
        title_ru: "Строка 2",
        tariff_line_id: h.lineIds[1],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await cmd.removeTariffLine(t.db, official, h.id, h.lineIds[1]);
    const qs = await t.db
      .selectFrom("questions")
      .select("id")
      .where("hearing_id", "=", h.id)
      .execute();
    expect(qs.map((x) => x.id)).toEqual(h.questionIds);
    expect(qs.map((x) => x.id)).not.toContain(q.id);
  });
});
