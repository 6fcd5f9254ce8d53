import { describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import { castVote } from "~/modules/participation/commands.server";
import { DomainError } from "~/modules/core/errors";
import { action, loader } from "~/routes/$lang.hearings.$id._index";
import { loader as resultsLoader } from "~/routes/api.v1.hearings.$id.results";
import type { TestDb } from "../helpers/db";
import { makeRequest, makeUser } from "../helpers/factories";
import {
  insertHearing,
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

const params = (id: number, lang = "ky") => ({ lang, id: String(id) });
function voteRequest(cookie: string, questionId: number, choice: string, id = h.id) {
  return makeRequest(`/ky/hearings/${id}?index`, {
    cookie,
    form: { intent: "vote", questionId: String(questionId), choice },
  });
}
async function run(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e) {
    return e;
  }
}
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } })?.init?.status ?? 200);

describe(`votes (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("keeps exactly one row per person under 50 concurrent requests; the last choice wins", async () => {
    setClock(OPEN);
    const user = (await loadSessionUser(t.db, w.resident))!;
    const choices = ["for", "against", "abstain"] as const;
    const q = h.questionIds[0];
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => castVote(t.db, user, h.id, q, choices[i % 3])),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await t.db
      .selectFrom("votes")
      .selectAll()
      .where("question_id", "=", q)
      .where("user_id", "=", w.resident)
      .execute();
    expect(rows).toHaveLength(1);
    // a later, sequential change is what stays
    await castVote(t.db, user, h.id, q, "against");
    const after = await t.db
      .selectFrom("votes")
      .select(["choice"])
      .where("question_id", "=", q)
      .where("user_id", "=", w.resident)
      .execute();
    expect(after).toEqual([{ choice: "against" }]);
  });

  it("50 concurrent HTTP votes through the action: one row, the last request's choice", async () => {
    setClock(OPEN);
    const q = h.questionIds[1];
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        run(() =>
          action({
            request: voteRequest(w.cookies.resident, q, i === 49 ? "abstain" : "for"),
            params: params(h.id),
            context: {},
          }),
        ),
      ),
    );
    expect(replies.every((r) => r instanceof Response && r.status === 302)).toBe(true);
    const rows = await t.db
      .selectFrom("votes")
      .select(["choice"])
      .where("question_id", "=", q)
      .where("user_id", "=", w.resident)
      .execute();
    expect(rows).toHaveLength(1);
    // the database constraint itself refuses a second row
    await expect(
      t.db
        .insertInto("votes")
        .values({
          hearing_id: h.id,
          question_id: q,
          user_id: w.resident,
          choice: "for",
          village_id: null,
          created_at: OPEN,
          updated_at: OPEN,
        })
        .execute(),
    ).rejects.toThrow();
  });

  it("shows the person's current vote", async () => {
    setClock(OPEN);
    const d = (await loader({
      request: makeRequest(`/ky/hearings/${h.id}`, { cookie: w.cookies.resident }),
      params: params(h.id),
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    expect(d.myVotes[h.questionIds[0]]).toBe("against");
    expect(d.viewer).not.toBeNull();
    expect(d.refusals.vote).toBeNull();
  });

  it("refuses outside the period, with a controllable clock", async () => {
    const user = (await loadSessionUser(t.db, w.resident))!;
    setClock(BEFORE);
    await expect(castVote(t.db, user, h.id, h.questionIds[0], "for")).rejects.toMatchObject({
      key: "participation:errors.periodNotStarted",
    });
    setClock(AFTER);
    await expect(castVote(t.db, user, h.id, h.questionIds[0], "for")).rejects.toMatchObject({
      key: "participation:errors.periodEnded",
    });
    const r = await action({
      request: voteRequest(w.cookies.resident, h.questionIds[0], "for"),
      params: params(h.id, "ru"),
      context: {},
    });
    expect(statusOf(r)).toBe(409);
    const body = (r as unknown as { data: { errors: Record<string, string[]> } }).data;
    expect(body.errors._form[0]).toContain("Срок приёма");
  });

  it("refuses the unverified, the under-age, another municipality's resident and anonymous", async () => {
    setClock(OPEN);
    const unverified = (await loadSessionUser(t.db, w.unverified))!;
    const young = (await loadSessionUser(t.db, w.young))!;
    await expect(castVote(t.db, unverified, h.id, h.questionIds[0], "for")).rejects.toMatchObject({
      key: "participation:errors.notVerified",
    });
    await expect(castVote(t.db, young, h.id, h.questionIds[0], "for")).rejects.toMatchObject({
      key: "participation:errors.tooYoung",
    });
    // the minor turns 18 on 2026-03-10 (Bishkek date): allowed from that day
    setClock("2026-03-09T17:59:00.000Z"); // 23:59 on the 9th in Bishkek
    await expect(castVote(t.db, young, h.id, h.questionIds[0], "for")).rejects.toBeInstanceOf(
      DomainError,
    );
    setClock("2026-03-09T18:00:00.000Z"); // 00:00 on the 10th in Bishkek
    await castVote(t.db, young, h.id, h.questionIds[0], "for");

    setClock(OPEN);
    const outsiderId = await makeUser(t.db, {
      verifiedIn: [{ municipalityId: w.places.saryOi.id, birthDate: "1980-01-01" }],
    });
    const outsider = (await loadSessionUser(t.db, outsiderId))!;
    await expect(castVote(t.db, outsider, h.id, h.questionIds[0], "for")).rejects.toMatchObject({
      key: "participation:errors.notVerified",
    });
    const anon = await run(() =>
      action({
        request: voteRequest("", h.questionIds[0], "for"),
        params: params(h.id),
        context: {},
      }),
    );
    expect(anon).toBeInstanceOf(Response);
    expect((anon as Response).status).toBe(302);
    expect((anon as Response).headers.get("location")).toContain("/ky/login");
    const n = await t.db
      .selectFrom("votes")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "in", [w.unverified, outsiderId])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it("a vote or comment for a missing or draft hearing, or another hearing's question: 404, nothing stored", async () => {
    setClock(OPEN);
    const draft = await insertHearing(t.db, w.m, w.official, { state: "draft" });
    const other = await insertHearing(t.db, w.m, w.official, { questions: 1 });
    const cases = [
      { id: 2_000_000, q: h.questionIds[0] },
      { id: draft.id, q: draft.questionIds[0] },
      { id: h.id, q: other.questionIds[0] },
    ];
    for (const c of cases) {
      const r = await run(() =>
        action({
          request: voteRequest(w.cookies.resident, c.q, "for", c.id),
          params: params(c.id),
          context: {},
        }),
      );
      expect(statusOf(r)).toBe(404);
    }
    const comment = await run(() =>
      action({
        request: makeRequest(`/ky/hearings/2000000?index`, {
          cookie: w.cookies.resident,
          form: { intent: "comment", stance: "for", body: "Жок угуу үчүн пикир" },
        }),
        params: params(2_000_000),
        context: {},
      }),
    );
    expect(statusOf(comment)).toBe(404);
    const ballot = await run(() =>
      action({
        request: makeRequest(`/ky/hearings/${draft.id}?index`, {
          cookie: w.cookies.resident,
          form: { intent: "ballot", [`choice-${draft.questionIds[0]}`]: "for" },
        }),
        params: params(draft.id),
        context: {},
      }),
    );
    expect(statusOf(ballot)).toBe(404);
    const n = await t.db
      .selectFrom("votes")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("question_id", "in", [draft.questionIds[0], other.questionIds[0]])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    const comments = await t.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("body", "=", "Жок угуу үчүн пикир")
      .executeTakeFirstOrThrow();
    expect(Number(comments.n)).toBe(0);
  });

  it("hides results before close from every role, API included; shows them after", async () => {
    setClock(OPEN);
    for (const cookie of [
      "",
      w.cookies.resident,
      w.cookies.official,
      w.cookies.otherOfficial,
      w.cookies.unverified,
    ]) {
      const d = (await loader({
        request: makeRequest(`/ru/hearings/${h.id}`, { cookie }),
        params: params(h.id, "ru"),
        context: {},
      })) as Awaited<ReturnType<typeof loader>>;
      expect(d.results).toBeNull();
      expect(d.figures).toBeNull();
      expect(d.votesCast).toBeGreaterThan(0);
      expect(JSON.stringify(d)).not.toContain('"abstain":');
      const api = (await resultsLoader({
        request: makeRequest(`/api/v1/hearings/${h.id}/results?lang=ru`, { cookie }),
        params: { id: String(h.id) },
        context: {},
      })) as Response;
      expect(api.status).toBe(403);
      const body = await api.json();
      expect(body.error.message).toContain("только после закрытия");
    }
    setClock(AFTER);
    const api = (await resultsLoader({
      request: makeRequest(`/api/v1/hearings/${h.id}/results`),
      params: { id: String(h.id) },
      context: {},
    })) as Response;
    expect(api.status).toBe(200);
    const body = await api.json();
    expect(body.questions[0].title.ru).toContain("Поддерживаете");
    expect(body.questions[0].online).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(body.questions[0].total).toEqual(body.questions[0].online);
    const d = (await loader({
      request: makeRequest(`/ru/hearings/${h.id}`),
      params: params(h.id, "ru"),
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    expect(d.results?.[0].online.for).toBe(1);
  });

  it("a draft: its officials see an empty participation part, everyone else a 404", async () => {
    setClock(OPEN);
    const draft = await insertHearing(t.db, w.m, w.official, { state: "draft" });
    for (const cookie of ["", w.cookies.resident, w.cookies.otherOfficial]) {
      const r = await run(() =>
        loader({
          request: makeRequest(`/ky/hearings/${draft.id}`, { cookie }),
          params: params(draft.id),
          context: {},
        }),
      );
      expect((r as Response).status).toBe(404);
    }
    const d = (await loader({
      request: makeRequest(`/ky/hearings/${draft.id}`, { cookie: w.cookies.official }),
      params: params(draft.id),
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    expect(d.hearing.state).toBe("draft");
    expect(d.viewer).not.toBeNull();
    expect(d.refusals.comment).toBe("participation:errors.periodNotStarted");
  });

  it("locks votes once the protocol is approved", async () => {
    setClock(OPEN);
    const locked = await insertHearing(t.db, w.m, w.official, { protocolState: "approved" });
    const user = (await loadSessionUser(t.db, w.resident))!;
    await expect(
      castVote(t.db, user, locked.id, locked.questionIds[0], "for"),
    ).rejects.toMatchObject({
      key: "participation:errors.locked",
    });
  });
});
