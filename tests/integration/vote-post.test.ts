/**
 * The vote post answered below Remix (ADR 0072) agrees with the route's action: for every post it
 * accepts, the action would have stored the same vote and answered the same redirect; every post
 * it leaves to Remix (signed out, invalid, refused, another intent or route) it stores nothing for.
 */
import { describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { votePost } from "~/modules/participation/vote-post.server";
import { action } from "~/routes/$lang.hearings.$id._index";
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
const BEFORE = "2026-02-20T06:00:00.000Z";
const AFTER = "2026-03-20T06:00:00.000Z";

withParticipationWorld((x) => ({ t, w, h } = x), { questions: 2 });

interface Post {
  path?: string;
  search?: string;
  contentType?: string;
  cookie?: string;
  form: Record<string, string | string[]>;
}

const encode = (form: Post["form"]) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
};

/** `post` through votePost, as server.js hands it over. */
const viaVotePost = (post: Post) =>
  votePost({
    pathname: post.path ?? `/ky/hearings/${h.id}`,
    search: post.search ?? "?index",
    contentType: post.contentType ?? "application/x-www-form-urlencoded",
    cookie: post.cookie,
    body: new TextEncoder().encode(encode(post.form)),
  });

/** `post` through the route's action (Remix's way); the redirect's location or the status. */
async function viaAction(post: Post): Promise<string | number> {
  const path = post.path ?? `/ky/hearings/${h.id}`;
  const [, lang, id] = /^\/(\w+)\/hearings\/(\w+)$/.exec(path)!;
  try {
    const r = (await action({
      params: { lang, id },
      request: makeRequest(path + (post.search ?? "?index"), {
        cookie: post.cookie,
        form: post.form,
      }),
      context: {},
    } as never)) as Response | { init?: { status?: number } };
    if (r instanceof Response) return r.headers.get("location") ?? r.status;
    return r.init?.status ?? 200;
  } catch (e) {
    if (e instanceof Response) return e.headers.get("location") ?? e.status;
    throw e;
  }
}

const votesOf = (userId: number) =>
  t.db
    .selectFrom("votes")
    .select(["question_id", "choice"])
    .where("user_id", "=", userId)
    .orderBy("question_id")
    .execute();

const clear = () => t.db.deleteFrom("votes").execute();

describe(`vote post below Remix (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("stores a valid vote and answers the action's redirect, in ky and ru", async () => {
    setClock(OPEN);
    await clear();
    const q = h.questionIds[0];
    const post = {
      cookie: w.cookies.resident,
      form: { intent: "vote", questionId: String(q), choice: "against" },
    };
    expect(await viaVotePost(post)).toBe(`/ky/hearings/${h.id}?voted=1#vote`);
    expect(await votesOf(w.resident)).toEqual([{ question_id: q, choice: "against" }]);
    // the action answers the same post the same way, and changing the vote keeps one row
    expect(await viaAction(post)).toBe(`/ky/hearings/${h.id}?voted=1#vote`);
    const ru = { ...post, path: `/ru/hearings/${h.id}`, form: { ...post.form, choice: "for" } };
    expect(await viaVotePost(ru)).toBe(`/ru/hearings/${h.id}?voted=1#vote`);
    expect(await votesOf(w.resident)).toEqual([{ question_id: q, choice: "for" }]);
    // a repeated field counts with its last value, as in the action's parseForm
    const twice = { ...post, form: { ...post.form, choice: ["for", "abstain"] } };
    expect(await viaVotePost(twice)).toBe(`/ky/hearings/${h.id}?voted=1#vote`);
    expect(await votesOf(w.resident)).toEqual([{ question_id: q, choice: "abstain" }]);
  });

  const q0 = () => String(h.questionIds[0]);
  const cases: [string, () => Post, string?][] = [
    ["signed out", () => ({ form: { intent: "vote", questionId: q0(), choice: "for" } })],
    [
      "an unknown session",
      () => ({
        cookie: "jyiyn_session=abcdefghijklmnopqrstuvwxyz234567",
        form: { intent: "vote", questionId: q0(), choice: "for" },
      }),
    ],
    [
      "an unverified person (refused)",
      () => ({
        cookie: w.cookies.unverified,
        form: { intent: "vote", questionId: q0(), choice: "for" },
      }),
    ],
    [
      "a person under the voting age (refused)",
      () => ({
        cookie: w.cookies.young,
        form: { intent: "vote", questionId: q0(), choice: "for" },
      }),
    ],
    [
      "before the comment period (refused)",
      () => ({
        cookie: w.cookies.resident,
        form: { intent: "vote", questionId: q0(), choice: "for" },
      }),
      BEFORE,
    ],
    [
      "after the comment period (refused)",
      () => ({
        cookie: w.cookies.resident,
        form: { intent: "vote", questionId: q0(), choice: "for" },
      }),
      AFTER,
    ],
    [
      "a choice that is none of the three",
      () => ({
        cookie: w.cookies.resident,
        form: { intent: "vote", questionId: q0(), choice: "maybe" },
      }),
    ],
    [
      "a question id that is not a number",
      () => ({
        cookie: w.cookies.resident,
        form: { intent: "vote", questionId: "1 or 1=1", choice: "for" },
      }),
    ],
    [
      "a question of no hearing",
      () => ({
        cookie: w.cookies.resident,
        form: { intent: "vote", questionId: "999999", choice: "for" },
      }),
    ],
    [
      "a hearing that does not exist",
      () => ({
        path: "/ky/hearings/999999",
        cookie: w.cookies.resident,
        form: { intent: "vote", questionId: q0(), choice: "for" },
      }),
    ],
    [
      "a ballot (another intent)",
      () => ({ cookie: w.cookies.resident, form: { intent: "ballot", [`choice-${q0()}`]: "for" } }),
    ],
  ];
  for (const [name, make, clock] of cases)
    it(`leaves to Remix, storing nothing: ${name}`, async () => {
      setClock(clock ?? OPEN);
      await clear();
      const post = make();
      expect(await viaVotePost(post)).toBeNull();
      expect(await t.db.selectFrom("votes").select("id").execute()).toEqual([]);
      // …where the action answers it without the vote's redirect (a refusal, sign-in, or its own)
      if (post.form.intent === "vote") {
        const answer = await viaAction(post);
        expect(answer).not.toBe(`/ky/hearings/${h.id}?voted=1#vote`);
        expect(await t.db.selectFrom("votes").select("id").execute()).toEqual([]);
      }
    });

  it("leaves to Remix what is not the vote form's post: another query, route or body type", async () => {
    setClock(OPEN);
    await clear();
    const form = { intent: "vote", questionId: q0(), choice: "for" };
    const cookie = w.cookies.resident;
    expect(await viaVotePost({ cookie, form, search: "" })).toBeNull();
    expect(await viaVotePost({ cookie, form, search: "?index&x=1" })).toBeNull();
    expect(await viaVotePost({ cookie, form, path: `/en/hearings/${h.id}` })).toBeNull();
    expect(await viaVotePost({ cookie, form, path: `/ky/hearings/${h.id}/protocol` })).toBeNull();
    expect(
      await viaVotePost({ cookie, form, contentType: "multipart/form-data; boundary=x" }),
    ).toBeNull();
    expect(await t.db.selectFrom("votes").select("id").execute()).toEqual([]);
  });
});
