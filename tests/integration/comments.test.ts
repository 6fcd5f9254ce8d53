import { describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import {
  addSpeaker,
  answerComment,
  createComment,
  hideComment,
  recordAttendance,
  recordTally,
} from "~/modules/participation/commands.server";
import { listComments } from "~/modules/participation/queries.server";
import { action, loader } from "~/routes/$lang.hearings.$id._index";
import {
  action as officeAction,
  loader as officeLoader,
} from "~/routes/$lang.office.hearings.$id.comments";
import { action as meetingAction } from "~/routes/$lang.office.hearings.$id.meeting";
import { loader as apiLoader } from "~/routes/api.v1.hearings.$id.comments";
import { loader as csvLoader } from "~/routes/api.v1.hearings.$id.comments[.]csv";
import { loader as resultsLoader } from "~/routes/api.v1.hearings.$id.results";
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
const AFTER = "2026-03-20T06:00:00.000Z";

withParticipationWorld((x) => ({ t, w, h } = x));

const params = (id: number, lang = "ky") => ({ lang, id: String(id) });
async function run(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e) {
    return e;
  }
}
type Failure = {
  data: { intent: string; errors: Record<string, string[]>; values: Record<string, string> };
  init: { status: number };
};
const post = (cookie: string, form: Record<string, string>, lang = "ky", id = h.id) =>
  run(() =>
    action({
      request: makeRequest(`/${lang}/hearings/${id}?index`, { cookie, form }),
      params: params(id, lang),
      context: {},
    }),
  );
const officePost = (cookie: string, form: Record<string, string>, lang = "ky") =>
  run(() =>
    officeAction({
      request: makeRequest(`/${lang}/office/hearings/${h.id}/comments`, { cookie, form }),
      params: params(h.id, lang),
      context: {},
    }),
  );

describe(`comments (${process.env.TEST_DB ?? "sqlite"})`, () => {
  let first = 0;

  it("a verified resident comments on a tariff line, anonymously; the page names the village", async () => {
    setClock(OPEN);
    const r = (await post(w.cookies.resident, {
      intent: "comment",
      stance: "against",
      target: `line:${h.lineIds[0]}`,
      body: "Тариф өтө кымбат.\nПенсионерлерге жеңилдик керек.",
      anonymous: "on",
    })) as Response;
    expect(r.status).toBe(302);
    const loc = r.headers.get("location")!;
    expect(loc).toMatch(new RegExp(`^/ky/hearings/${h.id}#comment-\\d+$`));
    first = Number(loc.split("-").pop());
    const row = await t.db
      .selectFrom("comments")
      .selectAll()
      .where("id", "=", first)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: "online",
      author_user_id: w.resident,
      anonymous: 1,
      author_verified: 1,
      stance: "against",
      tariff_line_id: h.lineIds[0],
    });
    const d = (await loader({
      request: makeRequest(`/ky/hearings/${h.id}`),
      params: params(h.id),
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    const c = d.comments.items.find((x) => x.id === first)!;
    expect(c.author).toEqual({ kind: "anonymous", name: null, village: "Ак-Булуң" });
    expect(JSON.stringify(d)).not.toContain("Айгүл");
    expect(c.text).toBe("Тариф өтө кымбат.\nПенсионерлерге жеңилдик керек.");
  });

  it("validates with localized messages and keeps what was typed (400)", async () => {
    setClock(OPEN);
    const r = (await post(w.cookies.resident, { intent: "comment", body: "ok" }, "ru")) as Failure;
    expect(r.init.status).toBe(400);
    expect(r.data.errors.stance[0]).toContain("Выберите позицию");
    expect(r.data.errors.body[0]).toContain("3 знака");
    expect(r.data.values.body).toBe("ok");
  });

  it("outside the period refuses clearly and returns the typed text", async () => {
    setClock(AFTER);
    const r = (await post(
      w.cookies.resident,
      { intent: "comment", stance: "for", body: "Кеч калган пикир" },
      "ky",
    )) as Failure;
    expect(r.init.status).toBe(409);
    expect(r.data.errors._form[0]).toContain("мөөнөтү бүттү");
    expect(r.data.values.body).toBe("Кеч калган пикир");
  });

  it("follows the municipality's setting on unverified commenters", async () => {
    setClock(OPEN);
    // Issyk-Kul allows unverified residents: marked as unverified
    const ok = (await post(w.cookies.unverified, {
      intent: "comment",
      stance: "neutral",
      body: "Мен да пикир калтырам",
    })) as Response;
    expect(ok.status).toBe(302);
    const id = Number(ok.headers.get("location")!.split("-").pop());
    const row = await t.db
      .selectFrom("comments")
      .select("author_verified")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.author_verified).toBe(0);
    await t.db
      .updateTable("municipalities")
      .set({ unverified_may_comment: 0 })
      .where("id", "=", w.m)
      .execute();
    const no = (await post(w.cookies.unverified, {
      intent: "comment",
      stance: "neutral",
      body: "Экинчи пикир",
    })) as Failure;
    expect(no.init.status).toBe(403);
    expect(no.data.errors._form[0]).toContain("ырасталган тургундары гана");
    await t.db
      .updateTable("municipalities")
      .set({ unverified_may_comment: 1 })
      .where("id", "=", w.m)
      .execute();
  });

  it("replies stay one level deep; the author edits within 15 minutes only", async () => {
    // the author's edit comes before the replies: a replied comment is fixed (issue 11)
    setClock("2026-03-05T06:10:00.000Z");
    const e1 = (await post(w.cookies.resident, {
      intent: "edit",
      commentId: String(first),
      body: "Оңдолгон текст",
    })) as Response;
    expect(e1.status).toBe(302);
    const notMine = (await post(w.cookies.unverified, {
      intent: "edit",
      commentId: String(first),
      body: "Башканыкы",
    })) as Failure;
    expect(notMine.init.status).toBe(403);
    setClock("2026-03-05T06:11:00.000Z");
    const r1 = (await post(w.cookies.official, {
      intent: "reply",
      parentId: String(first),
      body: "Биринчи жооп",
    })) as Response;
    // Issyk-Kul lets its registered (unverified) people comment: the official's account is there
    expect(r1.status).toBe(302);
    const r2 = (await post(w.cookies.unverified, {
      intent: "reply",
      parentId: String(first),
      body: "Мен макулмун",
    })) as Response;
    expect(r2.status).toBe(302);
    const replyId = Number(r2.headers.get("location")!.split("-").pop());
    const r3 = (await post(w.cookies.resident, {
      intent: "reply",
      parentId: String(replyId),
      body: "Жоопко жооп",
    })) as Response;
    const nestedId = Number(r3.headers.get("location")!.split("-").pop());
    const nested = await t.db
      .selectFrom("comments")
      .select(["parent_id", "tariff_line_id"])
      .where("id", "=", nestedId)
      .executeTakeFirstOrThrow();
    expect(nested).toEqual({ parent_id: first, tariff_line_id: h.lineIds[0] });

    // answered means fixed (issue 11): once replied to, even the author may not change it
    setClock("2026-03-05T06:12:00.000Z");
    const fixed = (await post(w.cookies.resident, {
      intent: "edit",
      commentId: String(first),
      body: "Жооптон кийин",
    })) as Failure;
    expect(fixed.init.status).toBe(409);
    setClock("2026-03-05T06:16:00.000Z");
    const late = (await post(
      w.cookies.resident,
      { intent: "edit", commentId: String(first), body: "Кечиккен оңдоо" },
      "ru",
    )) as Failure;
    expect(late.init.status).toBe(409);
    expect(late.data.errors.body[0]).toContain("15 минут");
    expect(late.data.values.body).toBe("Кечиккен оңдоо");
    const row = await t.db
      .selectFrom("comments")
      .select(["body", "edited_at"])
      .where("id", "=", first)
      .executeTakeFirstOrThrow();
    expect(row.body).toBe("Оңдолгон текст");
    expect(row.edited_at).toBe("2026-03-05T06:10:00.000Z");
  });

  it("reports, hides and unhides go to the audit log; nothing is deleted", async () => {
    setClock(OPEN);
    const rep = (await post(w.cookies.unverified, {
      intent: "report",
      commentId: String(first),
      reason: "Орой сөздөр",
    })) as Response;
    expect(rep.status).toBe(302);
    // anonymous may not report
    const anon = (await post("", {
      intent: "report",
      commentId: String(first),
      reason: "x x x",
    })) as Response;
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toContain("/login");

    // denials: a resident and another municipality's official may not hide
    for (const cookie of [w.cookies.resident, w.cookies.otherOfficial]) {
      const r = await officePost(cookie, {
        intent: "hide",
        commentId: String(first),
        reason: "жок",
      });
      expect((r as Response).status).toBe(403);
    }
    const q = (await officeLoader({
      request: makeRequest(`/ky/office/hearings/${h.id}/comments?reported=1`, {
        cookie: w.cookies.official,
      }),
      params: params(h.id),
      context: {},
    })) as Awaited<ReturnType<typeof officeLoader>>;
    expect(q.reports.map((r) => r.commentId)).toEqual([first]);
    expect(q.comments.items.map((c) => c.id)).toEqual([first]);

    const bad = (await officePost(
      w.cookies.official,
      { intent: "hide", commentId: String(first), reason: "" },
      "ru",
    )) as Failure;
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.reason[0]).toContain("причину");
    const hide = (await officePost(w.cookies.official, {
      intent: "hide",
      commentId: String(first),
      reason: "Оскорбления",
    })) as Response;
    expect(hide.status).toBe(302);
    const pub = (await loader({
      request: makeRequest(`/ru/hearings/${h.id}`),
      params: params(h.id, "ru"),
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    const c = pub.comments.items.find((x) => x.id === first)!;
    expect(c.text).toBeNull();
    expect(c.hiddenReason).toBe("Оскорбления");
    expect(JSON.stringify(pub)).not.toContain("Оңдолгон текст");
    const stored = await t.db
      .selectFrom("comments")
      .select(["body", "hidden_by"])
      .where("id", "=", first)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ body: "Оңдолгон текст", hidden_by: w.official });

    const unhide = (await officePost(w.cookies.official, {
      intent: "unhide",
      commentId: String(first),
    })) as Response;
    expect(unhide.status).toBe(302);
    const log = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "target_id", "municipality_id"])
      .where("target_type", "=", "comment")
      .where("target_id", "=", String(first))
      .orderBy("id")
      .execute();
    expect(log.map((l) => [l.action, l.actor_user_id])).toEqual([
      ["comment.report", w.unverified],
      ["comment.hide", w.official],
      ["comment.unhide", w.official],
    ]);
    expect(log.every((l) => l.municipality_id === w.m)).toBe(true);
  });

  it("officials answer; the answer shows under the comment; counts of unanswered", async () => {
    setClock(OPEN);
    const before = (await officeLoader({
      request: makeRequest(`/ky/office/hearings/${h.id}/comments?unanswered=1`, {
        cookie: w.cookies.official,
      }),
      params: params(h.id),
      context: {},
    })) as Awaited<ReturnType<typeof officeLoader>>;
    const unanswered = before.counts.unanswered;
    expect(unanswered).toBeGreaterThan(0);
    const denied = await officePost(w.cookies.otherOfficial, {
      intent: "answer",
      commentId: String(first),
      status: "accepted",
      text: "Макул",
    });
    expect((denied as Response).status).toBe(403);
    const anon = await run(() =>
      officeLoader({
        request: makeRequest(`/ky/office/hearings/${h.id}/comments`),
        params: params(h.id),
        context: {},
      }),
    );
    expect((anon as Response).status).toBe(302);
    const r = (await officePost(w.cookies.official, {
      intent: "answer",
      commentId: String(first),
      status: "partly_accepted",
      text: "Пенсионерлер үчүн жеңилдик каралат.",
    })) as Response;
    expect(r.status).toBe(302);
    const after = (await officeLoader({
      request: makeRequest(`/ky/office/hearings/${h.id}/comments`, { cookie: w.cookies.official }),
      params: params(h.id),
      context: {},
    })) as Awaited<ReturnType<typeof officeLoader>>;
    expect(after.counts.unanswered).toBe(unanswered - 1);
    const pub = (await loader({
      request: makeRequest(`/ky/hearings/${h.id}?stance=against`),
      params: params(h.id),
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    expect(pub.comments.items.map((c) => c.id)).toEqual([first]);
    expect(pub.comments.items[0].answer).toMatchObject({ status: "partly_accepted" });
    const a = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "comment.answer")
      .execute();
    expect(a).toHaveLength(1);
  });

  it("paginates with a cursor and filters by line; the JSON API pages too", async () => {
    setClock(OPEN);
    const user = (await loadSessionUser(t.db, w.resident))!;
    for (let i = 0; i < 25; i++) {
      setClock(new Date(Date.parse(OPEN) + 60_000 * (i + 20)));
      await createComment(t.db, user, {
        hearingId: h.id,
        stance: i % 2 ? "for" : "neutral",
        body: `Пикир № ${i}`,
        anonymous: false,
        tariffLineId: i % 5 === 0 ? h.lineIds[1] : null,
      });
    }
    const seen = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p = await listComments(t.db, h.id, { lang: "ky", cursor, limit: 10 });
      p.items.forEach((c) => seen.add(c.id));
      cursor = p.nextCursor;
      pages++;
    } while (cursor);
    const top = await t.db
      .selectFrom("comments")
      .select("id")
      .where("hearing_id", "=", h.id)
      .where("parent_id", "is", null)
      .execute();
    expect(seen.size).toBe(top.length);
    expect(pages).toBe(Math.ceil(top.length / 10));
    const byLine = await listComments(t.db, h.id, { lang: "ky", tariffLineId: h.lineIds[1] });
    expect(byLine.items).toHaveLength(5);

    const res = (await apiLoader({
      request: makeRequest(`/api/v1/hearings/${h.id}/comments?limit=7`),
      params: { id: String(h.id) },
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items).toHaveLength(7);
    expect(body.items[0]).toMatchObject({ id: first, stance: "against", source: "online" });
    expect(body.items[0].answer.status).toBe("partly_accepted");
    expect(body.items[0].author).toEqual({ kind: "anonymous", name: null, village: "Ак-Булуң" });
    expect(JSON.stringify(body)).not.toMatch(/author_user_id|email|password|@/);
    expect(JSON.stringify(body.items[0])).not.toContain("Айгүл");
    const next = (await apiLoader({
      request: makeRequest(`/api/v1/hearings/${h.id}/comments?limit=7&cursor=${body.nextCursor}`),
      params: { id: String(h.id) },
      context: {},
    })) as Response;
    const body2 = await next.json();
    expect(body2.items[0].id).not.toBe(body.items[0].id);
    expect(
      body2.items.some((c: { id: number }) =>
        body.items.some((x: { id: number }) => x.id === c.id),
      ),
    ).toBe(false);
  });

  it("exports CSV with a BOM; Cyrillic reads back intact", async () => {
    setClock(OPEN);
    const res = (await csvLoader({
      request: makeRequest(`/api/v1/hearings/${h.id}/comments.csv?lang=ky`),
      params: { id: String(h.id) },
      context: {},
    })) as Response;
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF№,")).toBe(true);
    expect(text).toContain("Ак-Булуң айылынын тургуну");
    expect(text).toContain("Пикир № 3");
    expect(text).toContain("Жарым-жартылай кабыл алынды");
    const anonLine = text.split("\r\n").find((l) => l.includes("Ак-Булуң айылынын тургуну"))!;
    expect(anonLine).not.toContain("Айгүл");
    expect(text).toContain('"Оңдолгон текст"'.replace(/"/g, "")); // the edited text, plain
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFF№,№ жооп,Күнү,Булак,Автор,Айыл,Позиция,Пункт,Текст,Жооптун статусу,Жооп,Модератор жашырган",
    );
  });

  it("records the meeting: attendance, speakers as in-person comments, tally; then results add up", async () => {
    setClock(OPEN);
    const denied = await run(() =>
      meetingAction({
        request: makeRequest(`/ky/office/hearings/${h.id}/meeting`, {
          cookie: w.cookies.resident,
          form: { intent: "attendance", attendance: "40" },
        }),
        params: params(h.id),
        context: {},
      }),
    );
    expect((denied as Response).status).toBe(403);
    const badCount = (await meetingAction({
      request: makeRequest(`/ru/office/hearings/${h.id}/meeting`, {
        cookie: w.cookies.official,
        form: { intent: "attendance", attendance: "-3" },
      }),
      params: params(h.id, "ru"),
      context: {},
    })) as unknown as Failure;
    expect(badCount.init.status).toBe(400);
    expect(badCount.data.values.attendance).toBe("-3");
    // a meeting is recorded once held (issue 11: a held date in the future is refused)
    setClock("2026-03-10T13:00:00.000Z");
    const ok = (await meetingAction({
      request: makeRequest(`/ky/office/hearings/${h.id}/meeting`, {
        cookie: w.cookies.official,
        form: {
          intent: "attendance",
          attendance: "42",
          heldDate: "2026-03-10",
          heldTime: "18:00",
        },
      }),
      params: params(h.id),
      context: {},
    })) as Response;
    expect(ok.status).toBe(302);
    const sp = (await meetingAction({
      request: makeRequest(`/ky/office/hearings/${h.id}/meeting`, {
        cookie: w.cookies.official,
        form: {
          intent: "speaker",
          speakerName: "Токтосун Ажы",
          villageId: String(w.village),
          stance: "for",
          target: "",
          body: "Таштанды маселесин чечүү керек.",
        },
      }),
      params: params(h.id),
      context: {},
    })) as Response;
    expect(sp.status).toBe(302);
    const rec = await t.db.selectFrom("meeting_records").selectAll().executeTakeFirstOrThrow();
    expect(rec).toMatchObject({
      attendance: 42,
      held_at: "2026-03-10T12:00:00.000Z",
      entered_by: w.official,
    });
    const official = (await loadSessionUser(t.db, w.official))!;
    await recordTally(t.db, official, h.id, h.questionIds[0], { for: 30, against: 8, abstain: 4 });
    const speaker = await t.db
      .selectFrom("comments")
      .selectAll()
      .where("source", "=", "in_person")
      .executeTakeFirstOrThrow();
    expect(speaker).toMatchObject({
      speaker_name: "Токтосун Ажы",
      entered_by: w.official,
      author_user_id: null,
    });
    await expect(
      addSpeaker(t.db, (await loadSessionUser(t.db, w.otherOfficial))!, h.id, {
        speakerName: "X",
        villageId: null,
        stance: "for",
        body: "xxx",
      }),
    ).rejects.toMatchObject({ key: "participation:errors.forbidden" });

    setClock(AFTER);
    const res = (await resultsLoader({
      request: makeRequest(`/api/v1/hearings/${h.id}/results`),
      params: { id: String(h.id) },
      context: {},
    })) as Response;
    const body = await res.json();
    expect(body.questions[0].inPerson).toEqual({ for: 30, against: 8, abstain: 4 });
    expect(body.participants.inPerson).toBe(42);
    expect(body.comments.bySource.inPerson).toBe(1);
  });

  it("locks comments, answers and the meeting once the protocol is approved", async () => {
    setClock(OPEN);
    await t.db
      .updateTable("hearings")
      .set({ protocol_state: "approved" })
      .where("id", "=", h.id)
      .execute();
    const official = (await loadSessionUser(t.db, w.official))!;
    const resident = (await loadSessionUser(t.db, w.resident))!;
    await expect(
      createComment(t.db, resident, {
        hearingId: h.id,
        stance: "for",
        body: "abc",
        anonymous: false,
      }),
    ).rejects.toMatchObject({ key: "participation:errors.locked" });
    await expect(answerComment(t.db, official, first, "accepted", "ok!")).rejects.toMatchObject({
      key: "participation:errors.locked",
    });
    await expect(hideComment(t.db, official, first, "reason")).rejects.toMatchObject({
      key: "participation:errors.locked",
    });
    await expect(
      recordAttendance(t.db, official, h.id, { attendance: 1, heldAt: null, notes: null }),
    ).rejects.toMatchObject({ key: "participation:errors.locked" });
    const r = (await post(
      w.cookies.resident,
      { intent: "comment", stance: "for", body: "Кулпуланган" },
      "ru",
    )) as Failure;
    expect(r.data.errors._form[0]).toContain("утверждён");
    expect(r.data.values.body).toBe("Кулпуланган");
    await t.db
      .updateTable("hearings")
      .set({ protocol_state: null })
      .where("id", "=", h.id)
      .execute();
  });
});
