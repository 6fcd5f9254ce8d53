/**
 * Issue 11, must-haves 3 and 4: one counting rule everywhere (hidden comments are left out of
 * every count and reported separately) and replies (none to a hidden comment; replies of a hidden
 * comment stay visible, marked; the protocol says which comment a reply answers).
 * Smallest input: three comments (two against, one for), a reply to the first and to the second,
 * the second hidden. Replies carry no stance: stances are counted on top-level comments only and
 * replies reported apart ("replies: N"), the same on the page, in the API, the CSV's stance column
 * and the protocol.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import {
  createComment,
  hideComment,
  type NewComment,
} from "~/modules/participation/commands.server";
import { buildProtocolContent } from "~/modules/protocol/content.server";
import { buildDocument, type Block } from "~/modules/protocol/document.server";
import { action, loader } from "~/routes/$lang.hearings.$id._index";
import { loader as csvLoader } from "~/routes/api.v1.hearings.$id.comments[.]csv";
import { loader as apiLoader } from "~/routes/api.v1.hearings.$id.comments";
import { loader as resultsLoader } from "~/routes/api.v1.hearings.$id.results";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import { insertHearing, makeWorld, type World } from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let hearingId: number;
const OPEN = "2026-03-05T06:00:00.000Z";
const AFTER = "2026-03-20T06:00:00.000Z";
const ids: Record<"a" | "b" | "c" | "replyToB" | "replyToA", number> = {
  a: 0,
  b: 0,
  c: 0,
  replyToB: 0,
  replyToA: 0,
};

async function run(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e) {
    return e;
  }
}
const docText = (blocks: Block[]) =>
  blocks
    .map((b) =>
      b.kind === "table"
        ? [b.header.join(" | "), ...b.rows.map((r) => r.join(" | "))].join("\n")
        : "text" in b
          ? b.text
          : "",
    )
    .join("\n");

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  hearingId = (await insertHearing(t.db, w.m, w.official)).id;
  const resident = (await loadSessionUser(t.db, w.resident))!;
  const official = (await loadSessionUser(t.db, w.official))!;
  setClock(OPEN);
  const c = (o: Partial<NewComment>) =>
    createComment(t.db, resident, {
      hearingId,
      stance: "against",
      body: "Слишком дорого",
      anonymous: false,
      ...o,
    });
  ids.a = await c({ body: "Тариф завышен" });
  ids.b = await c({ body: "Оскорбительный текст" });
  ids.c = await c({ stance: "for", body: "Поддерживаю" });
  ids.replyToB = await c({ parentId: ids.b, stance: "neutral", body: "Не согласен с автором" });
  ids.replyToA = await c({ parentId: ids.a, stance: "neutral", body: "Согласен" });
  await hideComment(t.db, official, ids.b, "оскорбления");
});
afterEach(() => setClock(null));
afterAll(() => t.cleanup());

describe(`one counting rule, replies (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("page, results API, CSV and protocol give the same figures; the hidden one apart", async () => {
    setClock(AFTER);
    const page = (await loader({
      request: makeRequest(`/ru/hearings/${hearingId}`),
      params: { lang: "ru", id: String(hearingId) },
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    // counted: a and c (by stance) and the two replies (apart, no stance); b is hidden
    expect(page.counts).toEqual({
      total: 2,
      byStance: { for: 1, against: 1, neutral: 0 },
      replies: 2,
      hidden: 1,
    });
    expect(page.figures!.comments.total).toBe(2);
    expect(page.figures!.comments.replies).toBe(2);
    expect(page.figures!.comments.hidden).toBe(1);

    const res = (await resultsLoader({
      request: makeRequest(`/api/v1/hearings/${hearingId}/results`),
      params: { id: String(hearingId) },
      context: {},
    })) as Response;
    const api = await res.json();
    expect(api.comments).toEqual({
      total: 2,
      byStance: { for: 1, against: 1, neutral: 0 },
      bySource: { online: 2, inPerson: 0 },
      replies: 2,
      hidden: 1,
    });
    expect(api.participants.online).toBe(1);

    const csv = await (
      (await csvLoader({
        request: makeRequest(`/api/v1/hearings/${hearingId}/comments.csv?lang=ru`),
        params: { id: String(hearingId) },
        context: {},
      })) as Response
    ).text();
    const [head, ...rows] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(rows).toHaveLength(5);
    // the documented tally (docs/participation.md): count the stance column; the "hidden" column
    // gives the hidden ones; rows with a parent id are replies (none of them has a stance)
    const cols = head!.split(",");
    const cells = rows.map((r) => r.split(","));
    const col = (name: string) => cols.indexOf(name);
    const stanceCol = col("Позиция");
    const hiddenCol = col("Скрыто модератором");
    const parentCol = col("Ответ на №");
    expect([stanceCol, hiddenCol, parentCol].every((i) => i >= 0)).toBe(true);
    const tally = (label: string) => cells.filter((c) => c[stanceCol] === label).length;
    expect({ for: tally("За"), against: tally("Против"), neutral: tally("Нейтрально") }).toEqual(
      api.comments.byStance,
    );
    expect(cells.filter((c) => c[stanceCol] !== "").length).toBe(api.comments.total);
    expect(cells.filter((c) => c[hiddenCol] !== "")).toHaveLength(api.comments.hidden);
    expect(cells.filter((c) => c[hiddenCol] !== "")[0]![hiddenCol]).toBe("оскорбления");
    expect(cells.filter((c) => c[parentCol] !== "" && c[hiddenCol] === "")).toHaveLength(
      api.comments.replies,
    );

    const content = await buildProtocolContent(
      t.db,
      hearingId,
      {
        number: "1",
        version: 1,
        chairName: "А",
        secretaryName: "Б",
        conclusionsKy: "",
        conclusionsRu: "",
      },
      AFTER,
    );
    expect(content.commentStats.total).toBe(2);
    expect(content.commentStats.byStance).toEqual({ for: 1, against: 1, neutral: 0 });
    expect(content.commentStats.replies).toBe(2);
    expect(content.commentStats.hidden).toBe(1);
    expect(content.comments.map((c) => c.id)).not.toContain(ids.b);
    const ru = docText(buildDocument(content, "ru", null, null).blocks);
    expect(ru).toContain("Всего поступило замечаний и предложений: 2.");
    expect(ru).toContain("Ответов на замечания (без позиции, в подсчёт по позициям не входят): 2.");
    expect(ru).toContain("Скрыто модератором (не учтено): 1.");
    const ky = docText(buildDocument(content, "ky", null, null).blocks);
    expect(ky).toContain("Модератор жашырган сын-пикирлер (эсепке кирген жок): 1.");
    expect(ky).toContain("Бардыгы 2 сын-пикир жана сунуш келип түштү.");
    expect(ky).toContain(
      "Сын-пикирлерге жооптор (позициясыз, позициялар боюнча эсепке кирбейт): 2.",
    );
  });

  it("the protocol says which comment each reply answers", async () => {
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
      AFTER,
    );
    const byId = new Map(content.comments.map((c) => [c.id, c]));
    const a = byId.get(ids.a)!;
    expect(byId.get(ids.replyToA)).toMatchObject({ replyTo: a.no, replyToHidden: false });
    expect(byId.get(ids.replyToB)).toMatchObject({ replyTo: null, replyToHidden: true });
    expect(byId.get(ids.c)).toMatchObject({ replyTo: null, replyToHidden: false });
    const ru = docText(buildDocument(content, "ru", null, null).blocks);
    expect(ru).toContain(`Ответ на замечание № ${a.no}\nСогласен`);
    expect(ru).toContain("Ответ на замечание, скрытое модератором\nНе согласен с автором");
    const ky = docText(buildDocument(content, "ky", null, null).blocks);
    expect(ky).toContain(`№ ${a.no} сын-пикирге жооп`);
  });

  it("a reply to a hidden comment is refused with 409 and the text kept", async () => {
    setClock(OPEN);
    for (const parentId of [ids.b, ids.replyToB]) {
      const r = (await run(() =>
        action({
          request: makeRequest(`/ru/hearings/${hearingId}?index`, {
            cookie: w.cookies.resident,
            form: { intent: "reply", parentId: String(parentId), body: "Ещё одно мнение" },
          }),
          params: { lang: "ru", id: String(hearingId) },
          context: {},
        }),
      )) as {
        data: { errors: Record<string, string[]>; values: Record<string, string> };
        init: { status: number };
      };
      expect(r.init.status).toBe(409);
      expect(r.data.errors.body).toEqual([
        "Отвечать на замечание, скрытое модератором, нельзя. Ваш текст сохранён в форме.",
      ]);
      expect(r.data.values.body).toBe("Ещё одно мнение");
    }
    const n = await t.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("hearing_id", "=", hearingId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });

  it("the replies of a hidden comment stay visible on the page and in the API, marked", async () => {
    setClock(OPEN);
    const page = (await loader({
      request: makeRequest(`/ky/hearings/${hearingId}`),
      params: { lang: "ky", id: String(hearingId) },
      context: {},
    })) as Awaited<ReturnType<typeof loader>>;
    const b = page.comments.items.find((c) => c.id === ids.b)!;
    expect(b.text).toBeNull();
    expect(b.replies.map((r) => [r.id, r.text, r.replyToHidden])).toEqual([
      [ids.replyToB, "Не согласен с автором", true],
    ]);
    const a = page.comments.items.find((c) => c.id === ids.a)!;
    expect(a.replies[0].replyToHidden).toBe(false);
    const api = await (
      (await apiLoader({
        request: makeRequest(`/api/v1/hearings/${hearingId}/comments`),
        params: { id: String(hearingId) },
        context: {},
      })) as Response
    ).json();
    const reply = api.items.find((c: { id: number }) => c.id === ids.replyToB);
    expect(reply).toMatchObject({
      parentId: ids.b,
      replyToHidden: true,
      text: "Не согласен с автором",
    });
  });
});
