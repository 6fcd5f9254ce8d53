/**
 * Issue 11, must-have 1: answered means fixed. The input: a resident comments
 * "льгота для пенсионеров 50 %", the official answers "accepted", the resident tries to edit within
 * the 15 minutes: refused (409), and the page, the API and the protocol keep the first text under
 * the answer. A reply fixes the comment the same way.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { answerComment, createComment, editComment } from "~/modules/participation/commands.server";
import { buildProtocolContent } from "~/modules/protocol/content.server";
import { action, loader } from "~/routes/$lang.hearings.$id._index";
import { loader as apiLoader } from "~/routes/api.v1.hearings.$id.comments";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import { insertHearing, makeWorld, type World } from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let hearingId: number;
const OPEN = "2026-03-05T06:00:00.000Z";
const FIRST = "льгота для пенсионеров 50 %";

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  hearingId = (await insertHearing(t.db, w.m, w.official)).id;
});
afterEach(() => setClock(null));
afterAll(() => t.cleanup());

type Failure = {
  data: { errors: Record<string, string[]>; values: Record<string, string> };
  init: { status: number };
};
const edit = (commentId: number, body: string, lang: "ky" | "ru" = "ru") =>
  action({
    request: makeRequest(`/${lang}/hearings/${hearingId}?index`, {
      cookie: w.cookies.resident,
      form: { intent: "edit", commentId: String(commentId), body },
    }),
    params: { lang, id: String(hearingId) },
    context: {},
  }) as Promise<unknown>;

describe(`answered means fixed (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("after an answer the author's edit is refused and the first text stays everywhere", async () => {
    const resident = (await loadSessionUser(t.db, w.resident))!;
    const official = (await loadSessionUser(t.db, w.official))!;
    setClock(OPEN);
    const id = await createComment(t.db, resident, {
      hearingId,
      stance: "against",
      body: FIRST,
      anonymous: false,
    });
    setClock(new Date(Date.parse(OPEN) + 3 * 60_000));
    await answerComment(t.db, official, id, "accepted", "Принято: льгота будет 50 %.");
    setClock(new Date(Date.parse(OPEN) + 5 * 60_000)); // still inside the 15 minutes
    const ru = (await edit(id, "скидка всем 90 %")) as Failure;
    expect(ru.init.status).toBe(409);
    expect(ru.data.errors.body).toEqual([
      "На это замечание уже ответили, поэтому изменить его нельзя. Напишите дополнение новым замечанием или ответом.",
    ]);
    expect(ru.data.values.body).toBe("скидка всем 90 %");
    const ky = (await edit(id, "скидка всем 90 %", "ky")) as Failure;
    expect(ky.init.status).toBe(409);
    expect(ky.data.errors.body[0]).toMatch(/жооп берилген/);

    const row = await t.db
      .selectFrom("comments")
      .select(["body", "edited_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ body: FIRST, edited_at: null });
    const page = (await loader({
      request: makeRequest(`/ru/hearings/${hearingId}`, { cookie: w.cookies.resident }),
      params: { lang: "ru", id: String(hearingId) },
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    const c = page.comments.items.find((x) => x.id === id)!;
    expect([c.text, c.answer?.status, c.editable]).toEqual([FIRST, "accepted", false]);
    const api = await (
      (await apiLoader({
        request: makeRequest(`/api/v1/hearings/${hearingId}/comments`),
        params: { id: String(hearingId) },
        context: {},
      })) as Response
    ).json();
    expect(api.items.find((x: { id: number }) => x.id === id)).toMatchObject({
      text: FIRST,
      answer: { status: "accepted" },
    });
    const content = await buildProtocolContent(
      t.db,
      hearingId,
      {
        number: "1",
        version: 1,
        chairName: "",
        secretaryName: "",
        conclusionsKy: "",
        conclusionsRu: "",
      },
      OPEN,
    );
    expect(content.comments.find((x) => x.id === id)).toMatchObject({
      body: FIRST,
      answer: { status: "accepted" },
    });
  });

  it("a reply fixes the comment too; without answer or reply the edit still works", async () => {
    const resident = (await loadSessionUser(t.db, w.resident))!;
    const other = (await loadSessionUser(t.db, w.unverified))!;
    setClock("2026-03-06T06:00:00.000Z");
    const base = { hearingId, stance: "for" as const, anonymous: false };
    const replied = await createComment(t.db, resident, { ...base, body: "Поддерживаю" });
    const free = await createComment(t.db, resident, { ...base, body: "Хорошо бы быстрее" });
    await createComment(t.db, other, { ...base, parentId: replied, body: "Я тоже" });
    setClock("2026-03-06T06:01:00.000Z");
    await expect(editComment(t.db, resident, replied, "Против")).rejects.toMatchObject({
      key: "participation:errors.answeredFixed",
      status: 409,
    });
    await editComment(t.db, resident, free, "Хорошо бы быстрее, к лету");
    const rows = await t.db
      .selectFrom("comments")
      .select(["id", "body"])
      .where("id", "in", [replied, free])
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.body)).toEqual(["Поддерживаю", "Хорошо бы быстрее, к лету"]);
  });
});
