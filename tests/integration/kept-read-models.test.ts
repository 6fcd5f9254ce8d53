/**
 * The read models kept per content version (ADR 0068, app/modules/core/memo.server.ts): shared by
 * every reader, read again after any write to what they show (on either database, whichever
 * connection wrote) and after the clock's minute changes; the person's part is never shared.
 */
import { describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { byContentVersion } from "~/modules/core/memo.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import {
  answerComment,
  castVote,
  createComment,
  hideComment,
} from "~/modules/participation/commands.server";
import { loader } from "~/routes/$lang.hearings.$id._index";
import type { TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import {
  FIXTURE_SCHEDULE,
  withParticipationWorld,
  type FixtureHearing,
  type World,
} from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let h: FixtureHearing;
const OPEN = "2026-03-05T06:00:00.000Z";

withParticipationWorld((x) => ({ t, w, h } = x));

type View = Awaited<ReturnType<typeof loader>>;
async function page(cookie?: string, query = ""): Promise<View> {
  return loader({
    request: makeRequest(`/ky/hearings/${h.id}${query}`, cookie ? { cookie } : {}),
    params: { lang: "ky", id: String(h.id) },
    context: {},
  });
}

describe(`kept read models (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("computes once per content version and minute, again after a write or a new minute", async () => {
    setClock(OPEN);
    let runs = 0;
    const read = () => byContentVersion(`test:${h.id}`, ["all", `h:${h.id}`], async () => ++runs);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    // a write to the hearing's rows raises its version in the writing transaction
    await t.db
      .updateTable("hearings")
      .set({ summary_ky: "Жаңы кыскача" })
      .where("id", "=", h.id)
      .execute();
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
    setClock("2026-03-05T06:01:00.000Z");
    expect(await read()).toBe(3);
  });

  it("a comment shows at once to everyone; only its author sees it as theirs", async () => {
    setClock(OPEN);
    const before = await page(w.cookies.unverified);
    const author = (await loadSessionUser(t.db, w.resident))!;
    const id = await createComment(t.db, author, {
      hearingId: h.id,
      stance: "for",
      body: "Суу үчүн тариф туура",
      anonymous: false,
    });
    const [mine, theirs, visitor] = await Promise.all([
      page(w.cookies.resident),
      page(w.cookies.unverified),
      page(),
    ]);
    for (const v of [mine, theirs, visitor]) {
      expect(v.counts.total).toBe(before.counts.total + 1);
      expect(v.comments.items.map((c) => c.id)).toContain(id);
    }
    const of = (v: View) => v.comments.items.find((c) => c.id === id)!;
    expect(of(mine)).toMatchObject({ mine: true, editable: true });
    expect(of(theirs)).toMatchObject({ mine: false, editable: false });
    expect(of(visitor)).toMatchObject({ mine: false, editable: false });
    // the author's view did not change what the next reader gets
    expect(of(await page(w.cookies.unverified))).toMatchObject({ mine: false });
  });

  it("a vote shows at once in the count, and the voter's own choice only to the voter", async () => {
    setClock(OPEN);
    const before = await page();
    const { castVote } = await import("~/modules/participation/commands.server");
    const voter = (await loadSessionUser(t.db, w.resident))!;
    await castVote(t.db, voter, h.id, h.questionIds[0], "against");
    const [own, visitor] = await Promise.all([page(w.cookies.resident), page()]);
    expect(visitor.votesCast).toBe(before.votesCast + 1);
    expect(own.myVotes).toEqual({ [h.questionIds[0]]: "against" });
    expect(visitor.myVotes).toEqual({});
  });

  it("the comment period ends on the clock: within its minute the page is closed, the forms refused", async () => {
    const end = Date.parse(FIXTURE_SCHEDULE.commentEndAt);
    setClock(new Date(end - 30_000).toISOString());
    const before = await page(w.cookies.resident);
    expect(before.hearing.state).toBe("open");
    expect(before.refusals.vote).toBeNull();
    // the next minute after the end: nothing was written, the kept readings are renewed
    setClock(new Date(end + 60_000).toISOString());
    const after = await page(w.cookies.resident);
    expect(after.hearing.state).toBe("closed");
    expect(after.refusals.vote).not.toBeNull();
    expect(after.refusals.comment).not.toBeNull();
  });

  it("hiding and answering a comment show at once to every reader", async () => {
    setClock(OPEN);
    const author = (await loadSessionUser(t.db, w.resident))!;
    const official = (await loadSessionUser(t.db, w.official))!;
    const id = await createComment(t.db, author, {
      hearingId: h.id,
      stance: "against",
      body: "Жооп күтөм",
      anonymous: false,
    });
    await page(w.cookies.unverified); // kept for this reading
    await answerComment(t.db, official, id, "accepted", "Кабыл алынды");
    const answered = (await page(w.cookies.unverified)).comments.items.find((c) => c.id === id)!;
    expect(answered.answer).toMatchObject({ status: "accepted", text: "Кабыл алынды" });
    await hideComment(t.db, official, id, "spam");
    const hidden = (await page()).comments.items.find((c) => c.id === id);
    expect(hidden?.text ?? null).toBeNull();
  });

  it("the participation section's part: one per reader state, whatever else the query holds", async () => {
    setClock(OPEN);
    const a = await page(w.cookies.resident);
    // junk and tracking parameters make no new part; what the section reads of the query does
    expect((await page(w.cookies.resident, "?utm_source=whatsapp&r=1")).sectionPart).toBe(
      a.sectionPart,
    );
    expect((await page(w.cookies.resident, "?stance=for")).sectionPart).not.toBe(a.sectionPart);
    // another reader never gets the same part, nor does a visitor
    expect((await page(w.cookies.unverified)).sectionPart).not.toBe(a.sectionPart);
    expect((await page()).sectionPart).not.toBe(a.sectionPart);
    // the reader's own vote makes their part another one
    const user = (await loadSessionUser(t.db, w.resident))!;
    const q = h.questionIds[0];
    const other = (["for", "against", "abstain"] as const).find((c) => a.myVotes[q] !== c)!;
    await castVote(t.db, user, h.id, q, other);
    expect((await page(w.cookies.resident)).sectionPart).not.toBe(a.sectionPart);
  });
});
