/**
 * Issue 11, must-have 5: idempotent posting. The same person posting the same text to the same
 * target again within DUPLICATE_WINDOW_MS gets the comment already made back — also when the
 * requests arrive at once (a double tap on a slow connection).
 */
import { describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import {
  addSpeaker,
  createComment,
  DUPLICATE_WINDOW_MS,
} from "~/modules/participation/commands.server";
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

withParticipationWorld((x) => ({ t, w, h } = x));

async function countWhere(body: string): Promise<number> {
  const r = await t.db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("hearing_id", "=", h.id)
    .where("body", "=", body)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe(`idempotent posting (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("10 parallel posts of the same comment make one row; every request lands on it", async () => {
    setClock(OPEN);
    const body = "Льгота для пенсионеров 50 %";
    const post = () =>
      action({
        request: makeRequest(`/ru/hearings/${h.id}?index`, {
          cookie: w.cookies.resident,
          form: { intent: "comment", stance: "against", target: `line:${h.lineIds[0]}`, body },
        }),
        params: { lang: "ru", id: String(h.id) },
        context: {},
      });
    const replies = (await Promise.all(Array.from({ length: 10 }, post))) as Response[];
    expect(await countWhere(body)).toBe(1);
    const row = await t.db
      .selectFrom("comments")
      .select("id")
      .where("body", "=", body)
      .executeTakeFirstOrThrow();
    const locations = new Set(replies.map((r) => r.headers.get("location")));
    expect([...locations]).toEqual([`/ru/hearings/${h.id}#comment-${row.id}`]);
  });

  it("a second later the same text is the same comment; another target, a reply or later is not", async () => {
    const user = (await loadSessionUser(t.db, w.resident))!;
    const base = { hearingId: h.id, stance: "for" as const, anonymous: false, body: "Согласна" };
    setClock(OPEN);
    const first = await createComment(t.db, user, { ...base, tariffLineId: h.lineIds[0] });
    setClock(new Date(Date.parse(OPEN) + 1000));
    expect(await createComment(t.db, user, { ...base, tariffLineId: h.lineIds[0] })).toBe(first);
    const other = await createComment(t.db, user, { ...base, tariffLineId: h.lineIds[1] });
    expect(other).not.toBe(first);
    const reply = await createComment(t.db, user, { ...base, parentId: first });
    expect(reply).not.toBe(first);
    expect(await createComment(t.db, user, { ...base, parentId: first })).toBe(reply);
    setClock(new Date(Date.parse(OPEN) + DUPLICATE_WINDOW_MS + 1000));
    const later = await createComment(t.db, user, { ...base, tariffLineId: h.lineIds[0] });
    expect(later).not.toBe(first);
    expect(await countWhere("Согласна")).toBe(4);
  });

  it("the same text with another stance is a new comment, not a double tap (also at once)", async () => {
    const user = (await loadSessionUser(t.db, w.resident))!;
    const base = {
      hearingId: h.id,
      anonymous: false,
      body: "Тариф на воду",
      tariffLineId: h.lineIds[0],
    };
    setClock(OPEN);
    const against = await createComment(t.db, user, { ...base, stance: "against" });
    setClock(new Date(Date.parse(OPEN) + 1000));
    const forId = await createComment(t.db, user, { ...base, stance: "for" });
    expect(forId).not.toBe(against);
    const rows = await t.db
      .selectFrom("comments")
      .select(["id", "stance"])
      .where("body", "=", "Тариф на воду")
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: against, stance: "against" },
      { id: forId, stance: "for" },
    ]);
    // at once: each stance once, however many taps
    const body = "Тариф на мусор";
    const ids = await Promise.all(
      (["neutral", "against", "neutral", "against", "neutral"] as const).map((stance) =>
        createComment(t.db, user, { ...base, body, stance }),
      ),
    );
    expect(new Set(ids).size).toBe(2);
    const stances = await t.db
      .selectFrom("comments")
      .select("stance")
      .where("body", "=", body)
      .orderBy("stance")
      .execute();
    expect(stances.map((r) => r.stance)).toEqual(["against", "neutral"]);
  });

  it("another person with the same text makes their own comment", async () => {
    setClock(new Date(Date.parse(OPEN) + 2000));
    const a = (await loadSessionUser(t.db, w.resident))!;
    const b = (await loadSessionUser(t.db, w.unverified))!;
    const c = { hearingId: h.id, stance: "against" as const, anonymous: false, body: "Дорого" };
    const [x, y] = await Promise.all([createComment(t.db, a, c), createComment(t.db, b, c)]);
    expect(x).not.toBe(y);
  });

  it("a speaker entered twice at the meeting (double submit) is one entry", async () => {
    setClock(OPEN);
    const official = (await loadSessionUser(t.db, w.official))!;
    const s = {
      speakerName: "Бакыт Осмонов",
      villageId: w.village,
      stance: "against" as const,
      body: "Против повышения",
    };
    const ids = await Promise.all(
      Array.from({ length: 5 }, () => addSpeaker(t.db, official, h.id, s)),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await countWhere("Против повышения")).toBe(1);
  });
});
