/** Voting on all questions of a hearing with one submit: castVotes reuses castVote's rule. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { castVotes } from "~/modules/participation/ballot.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { insertHearing, makeWorld, type World } from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
const OPEN = "2026-03-05T06:00:00.000Z";
const AFTER = "2026-03-20T06:00:00.000Z";

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
});
afterEach(() => setClock(null));
afterAll(() => t.cleanup());

async function votesOf(userId: number, hearingId: number) {
  const rows = await t.db
    .selectFrom("votes")
    .select(["question_id", "choice"])
    .where("user_id", "=", userId)
    .where("hearing_id", "=", hearingId)
    .orderBy("question_id")
    .execute();
  return rows.map((r) => [r.question_id, r.choice]);
}

describe(`one-submit ballot (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("casts every question's choice at once, and each stays changeable", async () => {
    setClock(OPEN);
    const h = await insertHearing(t.db, w.m, w.official, { questions: 3 });
    const [q1, q2, q3] = h.questionIds;
    const user = (await loadSessionUser(t.db, w.resident))!;
    expect(
      await castVotes(t.db, user, h.id, [
        { questionId: q1, choice: "for" },
        { questionId: q2, choice: "against" },
        { questionId: q3, choice: "abstain" },
      ]),
    ).toBe(3);
    expect(await votesOf(w.resident, h.id)).toEqual([
      [q1, "for"],
      [q2, "against"],
      [q3, "abstain"],
    ]);
    // change one, leave the others as they were
    await castVotes(t.db, user, h.id, [{ questionId: q2, choice: "for" }]);
    expect(await votesOf(w.resident, h.id)).toEqual([
      [q1, "for"],
      [q2, "for"],
      [q3, "abstain"],
    ]);
  });

  it("keeps none of the ballot when one choice is refused (one transaction)", async () => {
    setClock(OPEN);
    const h = await insertHearing(t.db, w.m, w.official, { questions: 2 });
    const other = await insertHearing(t.db, w.m, w.official, { questions: 1 });
    const user = (await loadSessionUser(t.db, w.resident))!;
    await expect(
      castVotes(t.db, user, h.id, [
        { questionId: h.questionIds[0], choice: "for" },
        { questionId: other.questionIds[0], choice: "for" }, // not this hearing's question
      ]),
    ).rejects.toMatchObject({ key: "participation:errors.questionNotFound" });
    expect(await votesOf(w.resident, h.id)).toEqual([]);
  });

  it("refuses like the single vote: unverified, after the period, an empty ballot", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { questions: 2 });
    const resident = (await loadSessionUser(t.db, w.resident))!;
    const unverified = (await loadSessionUser(t.db, w.unverified))!;
    setClock(OPEN);
    await expect(
      castVotes(t.db, unverified, h.id, [{ questionId: h.questionIds[0], choice: "for" }]),
    ).rejects.toMatchObject({ key: "participation:errors.notVerified" });
    await expect(castVotes(t.db, resident, h.id, [])).rejects.toMatchObject({
      key: "participation:errors.choiceRequired",
      field: "ballot",
    });
    setClock(AFTER);
    await expect(
      castVotes(t.db, resident, h.id, [{ questionId: h.questionIds[0], choice: "for" }]),
    ).rejects.toMatchObject({ key: "participation:errors.periodEnded" });
    expect(await votesOf(w.resident, h.id)).toEqual([]);
  });
});
