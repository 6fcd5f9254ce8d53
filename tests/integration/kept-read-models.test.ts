/**
 * The read models kept per content version (ADR 0068, app/modules/core/memo.server.ts): shared by
 * every reader, read again after any write to what they show (on either database, whichever
 * connection wrote) and after the clock's minute changes; the person's part is never shared.
 */
import { describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { byContentVersion } from "~/modules/core/memo.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import { createComment } from "~/modules/participation/commands.server";
import { loader } from "~/routes/$lang.hearings.$id._index";
import type { TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import {
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
async function page(cookie?: string): Promise<View> {
  return loader({
    request: makeRequest(`/ky/hearings/${h.id}`, cookie ? { cookie } : {}),
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
});
