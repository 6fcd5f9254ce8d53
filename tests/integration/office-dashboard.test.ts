/** The office dashboard's "what is due" per hearing, on the test database (SQLite or PostgreSQL). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hearingsDue } from "~/modules/hearings/dashboard.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { insertHearing, makeWorld, type World } from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
});
afterAll(() => t.cleanup());

async function comment(
  hearingId: number,
  o: { answered?: boolean; hidden?: boolean; parent?: number } = {},
) {
  const r = await t.db
    .insertInto("comments")
    .values({
      hearing_id: hearingId,
      parent_id: o.parent ?? null,
      source: "online",
      author_user_id: w.resident,
      anonymous: 0,
      author_verified: 1,
      stance: "against",
      body: "Кымбат",
      created_at: "2026-03-02T00:00:00.000Z",
      answer_status: o.answered ? "accepted" : null,
      answer_text: o.answered ? "Макул" : null,
      answered_by: o.answered ? w.official : null,
      answered_at: o.answered ? "2026-03-03T00:00:00.000Z" : null,
      hidden_at: o.hidden ? "2026-03-03T00:00:00.000Z" : null,
      hidden_by: o.hidden ? w.official : null,
      hidden_reason: o.hidden ? "spam" : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

describe("office dashboard: what is due", () => {
  it("counts unanswered visible top-level comments and names the next step of each hearing", async () => {
    const open = await insertHearing(t.db, w.m, w.official);
    const top = await comment(open.id);
    await comment(open.id);
    await comment(open.id, { answered: true });
    await comment(open.id, { hidden: true });
    await comment(open.id, { parent: top }); // a reply is not a comment to answer
    await t.db
      .updateTable("hearings")
      .set({ meeting_at: "2026-03-10T04:00:00.000Z" })
      .where("id", "=", open.id)
      .execute();

    const closed = await insertHearing(t.db, w.m, w.official, { state: "closed" });
    const submitted = await insertHearing(t.db, w.m, w.official, {
      state: "closed",
      protocolState: "submitted",
    });
    const returned = await insertHearing(t.db, w.m, w.official, {
      state: "closed",
      protocolState: "returned",
    });

    const due = await hearingsDue(
      t.db,
      [open.id, closed.id, submitted.id, returned.id],
      "2026-03-11T00:00:00.000Z",
    );
    expect(due.get(open.id)).toMatchObject({
      unanswered: 2,
      meetingToRecord: true,
      protocolToDraft: false,
      councilAwaited: false,
    });
    expect(due.get(closed.id)).toMatchObject({ unanswered: 0, protocolToDraft: true });
    expect(due.get(submitted.id)).toMatchObject({ protocolToDraft: false, councilAwaited: true });
    expect(due.get(returned.id)).toMatchObject({ protocolReturned: true, councilAwaited: false });

    // before the meeting there is nothing to record; once recorded, neither
    const before = await hearingsDue(t.db, [open.id], "2026-03-09T00:00:00.000Z");
    expect(before.get(open.id)?.meetingToRecord).toBe(false);
    await t.db
      .insertInto("meeting_records")
      .values({
        hearing_id: open.id,
        attendance: 40,
        held_at: "2026-03-10T04:00:00.000Z",
        notes: "",
        entered_by: w.official,
        updated_at: "2026-03-10T08:00:00.000Z",
      })
      .execute();
    const after = await hearingsDue(t.db, [open.id], "2026-03-11T00:00:00.000Z");
    expect(after.get(open.id)?.meetingToRecord).toBe(false);
  });
});
