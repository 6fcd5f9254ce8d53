/**
 * Refusals reach the person even when no form of the page shows them (ADR 0081), and every API
 * path answers in the API's JSON shape — through the real server (server.js → request layer →
 * Remix, the document render a browser without JavaScript gets), on SQLite or PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { answerComment, createComment, hideComment } from "~/modules/participation/commands.server";
import { getFixedT } from "~/modules/i18n/resources.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { startLiveServer, type LiveServer } from "../helpers/live-server";
import { insertHearing, makeWorld, type World } from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let server: LiveServer;
let hearingId = 0;
let answeredId = 0;
let hiddenId = 0;
let lockedHearing = 0;
let lockedComment = 0;

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  // open now (the live server runs on the real clock): a refusal is the one under test, not
  // "the period ended"
  const day = 864e5;
  hearingId = (
    await insertHearing(t.db, w.m, w.official, {
      start: new Date(Date.now() - 2 * day).toISOString(),
      end: new Date(Date.now() + 30 * day).toISOString(),
    })
  ).id;
  const resident = (await loadSessionUser(t.db, w.resident))!;
  answeredId = await createComment(t.db, resident, {
    hearingId,
    stance: "against",
    body: "льгота для пенсионеров 50 %",
    anonymous: false,
  });
  await answerComment(
    t.db,
    (await loadSessionUser(t.db, w.official))!,
    answeredId,
    "accepted",
    "Принято.",
  );
  hiddenId = await createComment(t.db, resident, {
    hearingId,
    stance: "for",
    body: "Оскорбительный текст",
    anonymous: false,
  });
  await hideComment(t.db, (await loadSessionUser(t.db, w.official))!, hiddenId, "оскорбления");
  // a hearing whose protocol is approved (the record locked): its queue offers no answer form
  lockedHearing = (await insertHearing(t.db, w.m, w.official, { protocolState: "approved" })).id;
  lockedComment = (
    await t.db
      .insertInto("comments")
      .values({
        hearing_id: lockedHearing,
        source: "online",
        author_user_id: w.resident,
        anonymous: 0,
        author_verified: 1,
        stance: "against",
        body: "Дорого",
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  server = await startLiveServer(t.url);
  await fetch(`${server.origin}/ru`); // the first request compiles the app
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.cleanup();
});

async function send(method: string, path: string, form?: Record<string, string>, cookie?: string) {
  const res = await fetch(server.origin + path, {
    method,
    redirect: "manual",
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { res, text: await res.text() };
}

/** The HTML of the comment card (or refused-form card) with this anchor, or null. */
const card = (html: string, id: number) =>
  new RegExp(
    `<(article|div)[^>]*id="comment-${id}"[\\s\\S]*?(</article>|</details></div></div>)`,
  ).exec(html)?.[0] ?? null;

/** The page's own refusal alert in the HTML, or null. */
const pageAlert = (html: string) =>
  /<div[^>]*data-testid="page-refusal"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[0] ?? null;

describe("a refused form comes back open at its comment, with the message and the typed text (no JavaScript)", () => {
  for (const lang of ["ru", "ky"] as const) {
    const t_ = getFixedT(lang);
    it(`${lang}: editing a comment that was answered → 409, the edit form open with the reason and the new text`, async () => {
      const r = await send(
        "POST",
        `/${lang}/hearings/${hearingId}?index`,
        { intent: "edit", commentId: String(answeredId), body: "скидка всем 90 %" },
        w.cookies.resident,
      );
      expect(r.res.status).toBe(409);
      const c = card(r.text, answeredId);
      expect(c).not.toBeNull();
      expect(c).toMatch(/<details open="">/);
      expect(c).toContain(t_("participation:errors.answeredFixed"));
      expect(c).toMatch(/<textarea[^>]*name="body"[^>]*>скидка всем 90 %<\/textarea>/);
      // the form lands back at the comment
      expect(c).toContain(`#comment-${answeredId}"`);
      // shown once: the page's own alert does not repeat it
      expect(pageAlert(r.text)).toBeNull();
    });
    it(`${lang}: replying to a hidden comment → 409, the reply form open with the reason and the text`, async () => {
      const r = await send(
        "POST",
        `/${lang}/hearings/${hearingId}?index`,
        { intent: "reply", parentId: String(hiddenId), body: "Не согласен с модератором" },
        w.cookies.resident,
      );
      expect(r.res.status).toBe(409);
      const c = card(r.text, hiddenId);
      expect(c).not.toBeNull();
      expect(c).toMatch(/<details open="">/);
      expect(c).toContain(t_("participation:errors.replyToHidden"));
      expect(c).toMatch(/<textarea[^>]*name="body"[^>]*>Не согласен с модератором<\/textarea>/);
      expect(pageAlert(r.text)).toBeNull();
    });
    it(`${lang}: an answer refused because the record was locked keeps its form and text (office)`, async () => {
      const r = await send(
        "POST",
        `/${lang}/office/hearings/${lockedHearing}/comments`,
        { intent: "answer", commentId: String(lockedComment), status: "accepted", text: "Учтём" },
        w.cookies.official,
      );
      expect(r.res.status).toBe(409);
      const c = card(r.text, lockedComment);
      expect(c).not.toBeNull();
      expect(c).toMatch(/<details open="">/);
      expect(c).toContain(t_("participation:errors.locked"));
      expect(c).toMatch(/<textarea[^>]*name="text"[^>]*>Учтём<\/textarea>/);
      expect(pageAlert(r.text)).toBeNull();
    });
    it(`${lang}: a refused reply about a comment not on the page keeps its form and text`, async () => {
      const r = await send(
        "POST",
        `/${lang}/hearings/${hearingId}?index`,
        { intent: "reply", parentId: "999999", body: "Мой текст не потерян" },
        w.cookies.resident,
      );
      expect(r.res.status).toBe(404);
      const c = card(r.text, 999999);
      expect(c).not.toBeNull();
      expect(c).toContain(t_("participation:errors.commentNotFound"));
      expect(c).toMatch(/<textarea[^>]*name="body"[^>]*>Мой текст не потерян<\/textarea>/);
    });
    it(`${lang}: an unknown intent → 400 and the localized message on the page`, async () => {
      const r = await send(
        "POST",
        `/${lang}/hearings/${hearingId}?index`,
        { intent: "frobnicate" },
        w.cookies.resident,
      );
      expect(r.res.status).toBe(400);
      expect(pageAlert(r.text)).toContain(t_("common:errors.invalidForm"));
    });
  }

  it("an office action on another municipality's hearing → 403 page with the localized reason", async () => {
    const r = await send(
      "POST",
      `/ru/office/hearings/${hearingId}?index`,
      { intent: "cancel", reason: "нет" },
      w.cookies.otherOfficial,
    );
    expect(r.res.status).toBe(403);
    expect(r.text).toContain(getFixedT("ru")("common:errors.forbidden"));
  });

  it("a refusal its form shows is not shown twice", async () => {
    // a comment with an empty body: the comment form shows the field error itself
    const r = await send(
      "POST",
      `/ru/hearings/${hearingId}?index`,
      { intent: "comment", stance: "for", body: "" },
      w.cookies.resident,
    );
    expect(r.res.status).toBeGreaterThanOrEqual(400);
    expect(pageAlert(r.text)).toBeNull();
  });
});

describe("every path under /api/ answers the API's JSON shape", () => {
  const json = async (method: string, path: string, status: number) => {
    const r = await send(method, path);
    expect(r.res.status, `${method} ${path}`).toBe(status);
    expect(r.res.headers.get("content-type"), `${method} ${path}`).toMatch(/application\/json/);
    return { res: r.res, body: JSON.parse(r.text) as { error: { code: string; message: string } } };
  };
  it("unknown paths → 404 with the localized message, for every method", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/nope?lang=ru"],
      ["GET", "/api/v1/hearings/1/nope?lang=ru"],
      ["GET", "/api/v2/hearings?lang=ru"],
      ["GET", "/api?lang=ru"],
      ["POST", "/api/v1/nope?lang=ru"],
      ["DELETE", "/api/v1/nope?lang=ru"],
    ] as const) {
      const { body } = await json(method, path, 404);
      expect(body.error).toEqual({
        code: "common:errors.notFoundText",
        message: getFixedT("ru")("common:errors.notFoundText"),
      });
    }
    const ky = await json("GET", "/api/v1/nope?lang=ky", 404);
    expect(ky.body.error.message).toBe(getFixedT("ky")("common:errors.notFoundText"));
  });
  it("known paths with another method → 405 with Allow", async () => {
    for (const path of [
      "/api/v1/tariffs",
      `/api/v1/hearings/${hearingId}`,
      `/api/v1/hearings/${hearingId}/comments`,
      `/api/v1/hearings/${hearingId}/protocol`,
      `/api/v1/hearings/${hearingId}/results`,
    ]) {
      const { res, body } = await json("DELETE", `${path}?lang=ru`, 405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(body.error.message).toBe(getFixedT("ru")("common:errors.methodNotAllowed"));
    }
  });
});
