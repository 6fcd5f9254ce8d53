/**
 * Issue 11, must-have 2 (ADR 0050): amending a proposal after announcement. The smallest inputs:
 * one line's proposed price 35 → 45 сом after two votes, one voter reading Kyrgyz and one Russian.
 * The votes are set aside (counted nowhere, kept in the record), each voter gets a message in their
 * language, a new vote counts, the comment end moves to the minimum, a missing reason is refused
 * at its field, removals under votes leave no orphaned question, another municipality's official
 * is refused, and the results and the protocol (pdftotext, DOCX text) report the set-aside count.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import * as cmd from "~/modules/hearings/commands.server";
import { getHearingView } from "~/modules/hearings/queries.server";
import { lineSchema, projectSchema } from "~/modules/hearings/schemas";
import { parseForm } from "~/modules/forms/validate.server";
import { getFixedT } from "~/modules/i18n/resources.server";
import { amendedCommentEnd } from "~/modules/hearings/schedule";
import { castVote } from "~/modules/participation/commands.server";
import { participantFigures, setAsideFigures } from "~/modules/participation/figures.server";
import { mySetAsideVotes } from "~/modules/participation/queries.server";
import { getResults } from "~/modules/participation/results.server";
import { buildProtocolContent } from "~/modules/protocol/content.server";
import { buildDocument } from "~/modules/protocol/document.server";
import { renderDocx } from "~/modules/protocol/docx.server";
import { renderPdf } from "~/modules/protocol/pdf.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest, makeUser, sessionCookieFor } from "../helpers/factories";
import * as participationRoute from "~/routes/$lang.hearings.$id._index";
import {
  insertHearing,
  makeWorld,
  type FixtureHearing,
  type World,
} from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let dir: string;
let ruVoter: number;
// 05.03.2026 12:00 in Bishkek; the fixture's comment period ends 15.03.2026 (11 days left)
const OPEN = "2026-03-05T06:00:00.000Z";
const line = (proposedPrice: number, amendReason?: string) => ({
  service: "waste_collection",
  category: "population",
  unit: "person_month",
  currentPrice: 3000,
  proposedPrice,
  justificationKy: "",
  justificationRu: "",
  costItems: [],
  amendReason,
});

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  ruVoter = await makeUser(t.db, {
    municipalityId: w.m,
    villageId: w.village,
    verifiedIn: [{ municipalityId: w.m, villageId: w.village, birthDate: "1985-06-01" }],
  });
  await t.db.updateTable("users").set({ locale: "ru" }).where("id", "=", ruVoter).execute();
  dir = mkdtempSync(join(tmpdir(), "jyiyn-amend-"));
}, 60_000);
afterEach(() => setClock(null));
afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** An open tariff hearing whose first line is "waste collection, population, 30 → 35 сом". */
async function openHearing(o: { minCommentDays?: number; meetingAt?: string } = {}) {
  const h = await insertHearing(t.db, w.m, w.official, { state: "open" });
  await t.db
    .updateTable("tariff_lines")
    .set({
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      current_price: 3000,
      proposed_price: 3500,
    })
    .where("id", "=", h.lineIds[0])
    .execute();
  await t.db
    .updateTable("hearings")
    .set({
      notice_at: "2026-02-20T00:00:00.000Z",
      meeting_at: o.meetingAt ?? "2026-04-01T04:00:00.000Z",
    })
    .where("id", "=", h.id)
    .execute();
  await t.db
    .updateTable("municipalities")
    .set({ min_comment_days: o.minCommentDays ?? 14, min_notice_days: 10 })
    .where("id", "=", w.m)
    .execute();
  return h;
}

const actor = async (id: number) => (await loadSessionUser(t.db, id))!;

async function voteBoth(h: FixtureHearing) {
  setClock(OPEN);
  await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "for");
  await castVote(t.db, await actor(ruVoter), h.id, h.questionIds[0], "against");
}

const counted = async (h: FixtureHearing) => (await getResults(t.db, h.id))[0].online;

function pdfText(buf: Buffer): string {
  const f = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(f, buf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", f, "-"]).toString("utf8");
}
function docxText(buf: Buffer): string {
  const f = join(dir, `d-${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(f, buf);
  return execFileSync("unzip", ["-p", f, "word/document.xml"])
    .toString("utf8")
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "");
}
const squash = (s: string) => s.replace(/[\s\u00A0]+/g, " ");

describe(`amendments (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("35 → 45 сом after votes: votes set aside (kept, not counted), voters told in their language, a new vote counts", async () => {
    const h = await openHearing();
    await voteBoth(h);
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
    const official = await actor(w.official);

    await cmd.updateTariffLine(
      t.db,
      official,
      h.id,
      h.lineIds[0],
      line(4500, "Күйүүчү май кымбаттады"),
    );

    // not counted anywhere …
    expect(await counted(h)).toEqual({ for: 0, against: 0, abstain: 0 });
    expect((await participantFigures(t.db, h.id)).onlineVoters).toBe(0);
    // … but kept, with the amendment that set them aside
    const kept = await t.db
      .selectFrom("votes_set_aside as v")
      .innerJoin("amendments as a", "a.id", "v.amendment_id")
      .select(["v.user_id", "v.choice", "a.number", "a.reason"])
      .where("v.hearing_id", "=", h.id)
      .orderBy("v.user_id")
      .execute();
    expect(kept).toEqual([
      { user_id: w.resident, choice: "for", number: 1, reason: "Күйүүчү май кымбаттады" },
      { user_id: ruVoter, choice: "against", number: 1, reason: "Күйүүчү май кымбаттады" },
    ]);
    expect(await setAsideFigures(t.db, h.id)).toMatchObject([{ number: 1, votes: 2 }]);

    // the price changed, a version was kept, the page says what changed in both languages
    const l = await t.db
      .selectFrom("tariff_lines")
      .select("proposed_price")
      .where("id", "=", h.lineIds[0])
      .executeTakeFirstOrThrow();
    expect(Number(l.proposed_price)).toBe(4500);
    const ky = (await getHearingView(t.db, h.id, "ky"))!;
    expect(ky.amendments).toHaveLength(1);
    expect(ky.amendments[0].changes).toEqual([
      {
        kind: "price",
        line: { service: "waste_collection", category: "population", unit: "person_month" },
        field: "proposed",
        from: 3500,
        to: 4500,
      },
    ]);
    const version = await t.db
      .selectFrom("amendments")
      .select("version")
      .where("hearing_id", "=", h.id)
      .executeTakeFirstOrThrow();
    const versions = await t.db
      .selectFrom("hearing_versions")
      .select("version")
      .where("hearing_id", "=", h.id)
      .execute();
    expect(versions.map((v) => v.version)).toContain(version.version);

    // each voter: a notification and a mail in their own language
    const notes = await t.db
      .selectFrom("notifications")
      .select(["user_id", "kind"])
      .where("hearing_id", "=", h.id)
      .where("kind", "=", "vote_set_aside")
      .orderBy("user_id")
      .execute();
    expect(notes.map((n) => n.user_id)).toEqual([w.resident, ruVoter]);
    const mails = await t.db
      .selectFrom("mail_outbox as o")
      .innerJoin("users as u", "u.email", "o.to_address")
      .select(["u.id", "o.subject", "o.text_body"])
      .where("o.kind", "=", "notify_vote_set_aside")
      .where("u.id", "in", [w.resident, ruVoter])
      .orderBy("u.id")
      .execute();
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toBe("Кайра добуш бериңиз: Таштанды чыгаруунун тарифи");
    expect(mails[0].text_body).toContain("мурунку добушуңуз эсепке алынбайт");
    expect(mails[1].subject).toBe("Проголосуйте заново: Тариф на вывоз ТБО");
    expect(mails[1].text_body).toContain("ваш прежний голос не учитывается");

    // the vote form asks them to vote again, until they do
    expect(await mySetAsideVotes(t.db, h.id, w.resident)).toEqual({
      [h.questionIds[0]]: OPEN,
    });
    // voting again counts (one counted vote per person and question still holds)
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "against");
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "abstain");
    expect(await counted(h)).toEqual({ for: 0, against: 0, abstain: 1 });
    expect(await mySetAsideVotes(t.db, h.id, w.resident)).toEqual({});
    const rows = await t.db
      .selectFrom("votes")
      .select("user_id")
      .where("question_id", "=", h.questionIds[0])
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("a text correction stays an ordinary edit: no reason asked, no vote set aside", async () => {
    const h = await openHearing();
    await voteBoth(h);
    await cmd.updateTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], {
      ...line(3500),
      justificationRu: "Уточнённый текст",
    });
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(await setAsideFigures(t.db, h.id)).toEqual([]);
  });

  it("without a reason: refused at the amendReason field, nothing changed", async () => {
    const h = await openHearing();
    await voteBoth(h);
    for (const reason of [undefined, "", "   "])
      await expect(
        cmd.updateTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], line(4500, reason)),
      ).rejects.toMatchObject({
        key: "hearings:amend.reasonRequired",
        status: 400,
        field: "amendReason",
      });
    await expect(
      cmd.removeTariffLine(t.db, await actor(w.official), h.id, h.lineIds[1]),
    ).rejects.toMatchObject({ key: "hearings:amend.reasonRequired", field: "amendReason" });
    await expect(
      cmd.addQuestion(t.db, await actor(w.official), h.id, {
        titleKy: "Жаңы?",
        titleRu: "Новый?",
        tariffLineId: null,
      }),
    ).rejects.toMatchObject({ key: "hearings:amend.reasonRequired", field: "amendReason" });
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
    const l = await t.db
      .selectFrom("tariff_lines")
      .select("proposed_price")
      .where("id", "=", h.lineIds[0])
      .executeTakeFirstOrThrow();
    expect(Number(l.proposed_price)).toBe(3500);
  });

  it("the comment end moves so that the minimum comment days remain, and stays when they do", async () => {
    // 10 whole days left after the amendment's day (06.03 … 15.03), 14 required → the end moves
    // to 19.03 23:59:59.999 Bishkek (whole days after the amendment's day, ADR 0050)
    const h = await openHearing({ minCommentDays: 14 });
    setClock(OPEN);
    await cmd.updateTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], line(4000, "x"));
    const row = await t.db
      .selectFrom("hearings")
      .select("comment_end_at")
      .where("id", "=", h.id)
      .executeTakeFirstOrThrow();
    expect(row.comment_end_at).toBe("2026-03-19T17:59:59.999Z");
    const a = await t.db
      .selectFrom("amendments")
      .select(["comment_end_before", "comment_end_after"])
      .where("hearing_id", "=", h.id)
      .executeTakeFirstOrThrow();
    expect(a).toEqual({
      comment_end_before: "2026-03-15T17:59:59.999Z",
      comment_end_after: "2026-03-19T17:59:59.999Z",
    });
    expect((await getHearingView(t.db, h.id, "ru"))!.amendments[0].commentEndMovedTo).toBe(
      "2026-03-19T17:59:59.999Z",
    );

    const h2 = await openHearing({ minCommentDays: 10 });
    setClock(OPEN);
    await cmd.updateTariffLine(
      t.db,
      await actor(w.official),
      h2.id,
      h2.lineIds[0],
      line(4000, "x"),
    );
    const row2 = await t.db
      .selectFrom("hearings")
      .select("comment_end_at")
      .where("id", "=", h2.id)
      .executeTakeFirstOrThrow();
    expect(row2.comment_end_at).toBe("2026-03-15T17:59:59.999Z");

    // the pure rule, at the edges of a Bishkek day
    const end = new Date("2026-03-15T17:59:59.999Z");
    expect(amendedCommentEnd(new Date("2026-03-05T17:59:59.999Z"), end, 10).moved).toBe(false);
    expect(amendedCommentEnd(new Date("2026-03-05T18:00:00Z"), end, 10)).toEqual({
      end: new Date("2026-03-16T17:59:59.999Z"),
      moved: true,
    });
  });

  it("when the moved comment end would pass the announced meeting: a clear 409, nothing changed", async () => {
    const h = await openHearing({ minCommentDays: 14, meetingAt: "2026-03-16T04:00:00.000Z" });
    await voteBoth(h);
    await expect(
      cmd.updateTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], line(4500, "x")),
    ).rejects.toMatchObject({
      key: "hearings:amend.meetingBeforeCommentEnd",
      status: 409,
      params: { count: 14, end: "19.03.2026", meeting: "16.03.2026" },
    });
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(await setAsideFigures(t.db, h.id)).toEqual([]);
  });

  it("a meeting already inside the comment period (as the rules allowed) does not stop the amendment", async () => {
    const h = await openHearing({ minCommentDays: 14, meetingAt: "2026-03-10T12:00:00.000Z" });
    await voteBoth(h);
    await cmd.updateTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], line(4500, "x"));
    const row = await t.db
      .selectFrom("hearings")
      .select(["comment_end_at", "meeting_at"])
      .where("id", "=", h.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      comment_end_at: "2026-03-19T17:59:59.999Z",
      meeting_at: "2026-03-10T12:00:00.000Z",
    });
  });

  it("removing a line under votes: its question goes (no orphan), the votes are set aside", async () => {
    const h = await openHearing({ minCommentDays: 1 });
    const own = await t.db
      .insertInto("questions")
      .values({
        hearing_id: h.id,
        position: 2,
        title_ky: "Бюджеттик уюмдар үчүн?",
        title_ru: "Для бюджетных?",
        tariff_line_id: h.lineIds[1],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await voteBoth(h);
    await castVote(t.db, await actor(w.resident), h.id, own.id, "against");
    await cmd.removeTariffLine(
      t.db,
      await actor(w.official),
      h.id,
      h.lineIds[1],
      "Жаңылыш кошулган",
    );
    const qs = await t.db
      .selectFrom("questions")
      .select("id")
      .where("hearing_id", "=", h.id)
      .execute();
    expect(qs.map((q) => q.id)).toEqual([h.questionIds[0]]);
    const orphans = await t.db
      .selectFrom("votes")
      .select("id")
      .where("question_id", "=", own.id)
      .execute();
    expect(orphans).toEqual([]);
    const [fig] = await setAsideFigures(t.db, h.id);
    expect(fig.votes).toBe(3);
    expect(fig.byQuestion).toContainEqual({
      questionId: own.id,
      title: { ky: "Бюджеттик уюмдар үчүн?", ru: "Для бюджетных?" },
      votes: 1,
    });
    expect(await counted(h)).toEqual({ for: 0, against: 0, abstain: 0 });
  });

  it("removing a question under votes sets its votes aside; adding one sets none aside", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "open", questions: 2 });
    await voteBoth(h);
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[1], "for");
    const official = await actor(w.official);
    await cmd.removeQuestion(t.db, official, h.id, h.questionIds[1], "Кайталанган маселе");
    expect(await setAsideFigures(t.db, h.id)).toMatchObject([{ number: 1, votes: 1 }]);
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
    await cmd.addQuestion(t.db, official, h.id, {
      titleKy: "Жаңы маселе?",
      titleRu: "Новый вопрос?",
      tariffLineId: null,
      amendReason: "Тургундардын сунушу боюнча",
    });
    expect(await setAsideFigures(t.db, h.id)).toMatchObject([
      { number: 1, votes: 1 },
      { number: 2, votes: 0 },
    ]);
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
  });

  it("adding or removing a plan section under votes sets every question's votes aside", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "open" });
    await t.db.updateTable("hearings").set({ type: "plan" }).where("id", "=", h.id).execute();
    await t.db
      .insertInto("plan_sections")
      .values({ hearing_id: h.id, position: 1, name_ky: "Суу", name_ru: "Вода" })
      .execute();
    await voteBoth(h);
    const official = await actor(w.official);
    await expect(
      cmd.addPlanSection(t.db, official, h.id, { nameKy: "Жол", nameRu: "Дороги" }),
    ).rejects.toMatchObject({ key: "hearings:amend.reasonRequired", field: "amendReason" });
    const sid = await cmd.addPlanSection(t.db, official, h.id, {
      nameKy: "Жол",
      nameRu: "Дороги",
      amendReason: "Кеңештин сунушу",
    });
    expect(await counted(h)).toEqual({ for: 0, against: 0, abstain: 0 });
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "for");
    await cmd.removePlanSection(t.db, official, h.id, sid, "Каражат жок");
    expect(await setAsideFigures(t.db, h.id)).toMatchObject([
      { number: 1, votes: 2 },
      { number: 2, votes: 1 },
    ]);
  });

  it("another municipality's official is refused (403), nothing changed", async () => {
    const h = await openHearing();
    await voteBoth(h);
    const other = await actor(w.otherOfficial);
    await expect(
      cmd.updateTariffLine(t.db, other, h.id, h.lineIds[0], line(4500, "x")),
    ).rejects.toMatchObject({ key: "hearings:errors.forbidden", status: 403 });
    await expect(
      cmd.removeQuestion(t.db, other, h.id, h.questionIds[0], "x"),
    ).rejects.toMatchObject({ status: 403 });
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(await setAsideFigures(t.db, h.id)).toEqual([]);
  });

  it("the protocol (PDF and DOCX, ky and ru) reports the amendment and the votes it set aside", async () => {
    const h = await openHearing();
    await voteBoth(h);
    setClock("2026-03-06T06:00:00.000Z");
    await cmd.updateTariffLine(
      t.db,
      await actor(w.official),
      h.id,
      h.lineIds[0],
      line(4500, "Күйүүчү май кымбаттады"),
    );
    const content = await buildProtocolContent(
      t.db,
      h.id,
      {
        number: "1/2026",
        version: 1,
        chairName: "А",
        secretaryName: "Б",
        conclusionsKy: "",
        conclusionsRu: "",
      },
      "2026-03-20T06:00:00.000Z",
    );
    expect(content.amendments).toMatchObject([{ number: 1, votesSetAside: 2 }]);
    const want = {
      ky: [
        "Өзгөртүү №1 (06.03.2026): 2 добуш эсепке алынган жок",
        "Калк, бир адамга айына: сунушталган 35 → 45 сом",
        "Себеби: Күйүүчү май кымбаттады",
      ],
      ru: [
        "Изменение № 1 (06.03.2026): 2 голоса не учтены",
        "Население, на 1 человека в месяц: предлагаемый 35 → 45 сом",
        "Причина: Күйүүчү май кымбаттады",
      ],
    };
    for (const lang of ["ky", "ru"] as const) {
      const doc = buildDocument(content, lang, null, null);
      const pdf = squash(pdfText(await renderPdf(doc)));
      const docx = squash(docxText(await renderDocx(doc)));
      for (const s of want[lang]) {
        expect(pdf).toContain(s);
        expect(docx).toContain(s);
      }
    }
  });

  // ---- issue 11 review (fix11a) -------------------------------------------------------------

  it("money above 10 000 000 000 сом: 400 at the field naming the range (forms and commands), nothing stored", async () => {
    const h = await openHearing();
    const form = {
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: "30",
      proposedPrice: "100000000000000000",
      amendReason: "x",
    };
    for (const lang of ["ky", "ru"] as const) {
      const r = parseForm(form, lineSchema, getFixedT(lang));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.values.proposedPrice).toBe("100000000000000000");
      expect(r.errors.proposedPrice[0]).toContain("10\u00A0000\u00A0000\u00A0000");
    }
    // the largest amount is taken, a tyiyn more is not
    expect(lineSchema.safeParse({ ...form, proposedPrice: "10 000 000 000,00" }).success).toBe(
      true,
    );
    expect(lineSchema.safeParse({ ...form, proposedPrice: "10000000000,01" }).success).toBe(false);
    const budget = parseForm(
      {
        sectionId: "1",
        titleKy: "А",
        titleRu: "А",
        budget: "99999999999",
        yearFrom: "2026",
        yearTo: "2026",
        fundingSource: "local",
      },
      projectSchema,
      getFixedT("ru"),
    );
    expect(budget.ok ? [] : budget.errors.budget).toEqual([
      "Введите сумму от 0 до 10\u00A0000\u00A0000\u00A0000 сом, не больше двух знаков после запятой.",
    ]);
    const costs = lineSchema.safeParse({ ...form, proposedPrice: "45", costItems: "А; А; 1e3" });
    expect(costs.success).toBe(false);
    const bigCost = lineSchema.safeParse({
      ...form,
      proposedPrice: "45",
      costItems: "А; А; 99999999999999",
    });
    expect(bigCost.success ? null : bigCost.error.issues[0].message).toBe(
      "common:errors.moneyRange",
    );
    // a caller that skips the form (fixtures, imports) meets the same rule in the command
    setClock(OPEN);
    await expect(
      cmd.updateTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], {
        ...line(1e19, "x"),
      }),
    ).rejects.toMatchObject({
      key: "common:errors.moneyRange",
      status: 400,
      field: "proposedPrice",
    });
    const l = await t.db
      .selectFrom("tariff_lines")
      .select("proposed_price")
      .where("id", "=", h.lineIds[0])
      .executeTakeFirstOrThrow();
    expect(Number(l.proposed_price)).toBe(3500);
  });

  it("a too-long text gets its own message naming the limit, in ky and ru, on every form", () => {
    const form = {
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: "30",
      proposedPrice: "45",
      amendReason: "я".repeat(10000),
    };
    const ru = parseForm(form, lineSchema, getFixedT("ru"));
    const ky = parseForm(form, lineSchema, getFixedT("ky"));
    expect(ru.ok ? null : ru.errors.amendReason).toEqual(["Не больше 1000 знаков."]);
    expect(ky.ok ? null : ky.errors.amendReason).toEqual(["Эң көп 1000 белги."]);
    expect(ru.values.amendReason).toHaveLength(10000);
    const title = parseForm(
      { ...form, amendReason: "", justificationRu: "ж".repeat(2001) },
      lineSchema,
      getFixedT("ru"),
    );
    expect(title.ok ? null : title.errors.justificationRu).toEqual(["Не больше 2000 знаков."]);
  });

  it("removing every tariff line of an announced hearing is refused: one line stays", async () => {
    const h = await openHearing({ minCommentDays: 1 });
    setClock(OPEN);
    const o = await actor(w.official);
    await cmd.removeTariffLine(t.db, o, h.id, h.lineIds[1], "Жаңылыш кошулган");
    await expect(cmd.removeTariffLine(t.db, o, h.id, h.lineIds[0], "r2")).rejects.toMatchObject({
      key: "hearings:errors.lastLine",
      status: 409,
    });
    const left = await t.db
      .selectFrom("tariff_lines")
      .select("id")
      .where("hearing_id", "=", h.id)
      .execute();
    expect(left.map((r) => r.id)).toEqual([h.lineIds[0]]);
    expect(
      await t.db.selectFrom("amendments").select("number").where("hearing_id", "=", h.id).execute(),
    ).toHaveLength(1);
  });

  it("removing the line that owns the only question is refused: the ballot keeps a question", async () => {
    const h = await openHearing({ minCommentDays: 1 });
    await t.db
      .updateTable("questions")
      .set({ tariff_line_id: h.lineIds[0] })
      .where("id", "=", h.questionIds[0])
      .execute();
    await voteBoth(h);
    await expect(
      cmd.removeTariffLine(t.db, await actor(w.official), h.id, h.lineIds[0], "ошибка"),
    ).rejects.toMatchObject({ key: "hearings:errors.lastQuestionWithLine", status: 409 });
    const qs = await t.db
      .selectFrom("questions")
      .select("id")
      .where("hearing_id", "=", h.id)
      .execute();
    expect(qs).toHaveLength(1);
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
  });

  it("removing the last section of an announced plan is refused", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "open" });
    await t.db.updateTable("hearings").set({ type: "plan" }).where("id", "=", h.id).execute();
    setClock(OPEN);
    const sid = await cmd.addPlanSection(t.db, await actor(w.official), h.id, {
      nameKy: "Суу",
      nameRu: "Вода",
      amendReason: "r",
    });
    await expect(
      cmd.removePlanSection(t.db, await actor(w.official), h.id, sid, "r"),
    ).rejects.toMatchObject({ key: "hearings:errors.lastSection", status: 409 });
  });

  it("plan projects are voted on: adding, re-budgeting and removing one under votes is an amendment", async () => {
    const h = await insertHearing(t.db, w.m, w.official, { state: "open" });
    await t.db.updateTable("hearings").set({ type: "plan" }).where("id", "=", h.id).execute();
    const { id: sid } = await t.db
      .insertInto("plan_sections")
      .values({ hearing_id: h.id, position: 1, name_ky: "Суу", name_ru: "Вода" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await voteBoth(h);
    const o = await actor(w.official);
    const project = {
      sectionId: sid,
      titleKy: "Жаңы стадион",
      titleRu: "Новый стадион",
      budget: 1_000_000_000,
      yearFrom: 2026,
      yearTo: 2026,
      fundingSource: "local" as const,
      descriptionKy: "",
      descriptionRu: "",
    };
    await expect(cmd.addPlanProject(t.db, o, h.id, project)).rejects.toMatchObject({
      key: "hearings:amend.reasonRequired",
      field: "amendReason",
    });
    const pid = await cmd.addPlanProject(t.db, o, h.id, { ...project, amendReason: "Кеңеш" });
    expect(await counted(h)).toEqual({ for: 0, against: 0, abstain: 0 });
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "for");
    // a title fix alone is an ordinary edit; a budget change is an amendment
    const { sectionId: _s, ...edit } = project;
    await cmd.updatePlanProject(t.db, o, h.id, pid, { ...edit, titleRu: "Стадион" });
    expect(await counted(h)).toEqual({ for: 1, against: 0, abstain: 0 });
    await expect(
      cmd.updatePlanProject(t.db, o, h.id, pid, { ...edit, budget: 2_000_000_000 }),
    ).rejects.toMatchObject({ key: "hearings:amend.reasonRequired" });
    await cmd.updatePlanProject(t.db, o, h.id, pid, {
      ...edit,
      budget: 2_000_000_000,
      amendReason: "Смета",
    });
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "for");
    await cmd.removePlanProject(t.db, o, h.id, pid, "Каражат жок");
    expect(await setAsideFigures(t.db, h.id)).toMatchObject([
      { number: 1, votes: 2 },
      { number: 2, votes: 1 },
      { number: 3, votes: 1 },
    ]);
    const view = (await getHearingView(t.db, h.id, "ru"))!;
    expect(view.amendments.map((a) => a.number)).toEqual([1, 2, 3]);
    // the voters are told each time (a notification per set-aside vote's voter and amendment)
    const notes = await t.db
      .selectFrom("notifications")
      .select(["user_id"])
      .where("hearing_id", "=", h.id)
      .where("kind", "=", "vote_set_aside")
      .execute();
    expect(notes.length).toBeGreaterThanOrEqual(3);
  });

  it("relabelling a line: its own question follows in ky and ru; a duplicate line is refused", async () => {
    const h = await openHearing({ minCommentDays: 1 });
    await t.db
      .updateTable("questions")
      .set({
        tariff_line_id: h.lineIds[0],
        title_ky: "Калк үчүн тарифти колдойсузбу?",
        title_ru: "Поддерживаете ли вы тариф для населения?",
      })
      .where("id", "=", h.questionIds[0])
      .execute();
    setClock(OPEN);
    const o = await actor(w.official);
    await cmd.updateTariffLine(t.db, o, h.id, h.lineIds[0], {
      ...line(3500, "Категория туура эмес"),
      category: "budget",
    });
    const q = await t.db
      .selectFrom("questions")
      .select(["title_ky", "title_ru"])
      .where("id", "=", h.questionIds[0])
      .executeTakeFirstOrThrow();
    expect(q.title_ru).toContain("Бюджетные организации");
    expect(q.title_ru).not.toContain("населения");
    expect(q.title_ky).toContain("Бюджеттик уюмдар");
    // the other line becomes the same service, category and unit: refused at the category field
    await expect(
      cmd.updateTariffLine(t.db, o, h.id, h.lineIds[1], { ...line(5000, "x"), category: "budget" }),
    ).rejects.toMatchObject({
      key: "hearings:errors.duplicateLine",
      status: 409,
      field: "category",
    });
    await expect(
      cmd.addTariffLine(t.db, o, h.id, { ...line(5000, "x"), category: "budget" }),
    ).rejects.toMatchObject({ key: "hearings:errors.duplicateLine", status: 409 });
  });

  it("a ballot loaded before an amendment and sent after is refused (409, what changed, choices kept)", async () => {
    const h = await openHearing({ minCommentDays: 1 });
    setClock(OPEN);
    const cookie = await sessionCookieFor(t.db, ruVoter);
    const params = { lang: "ru", id: String(h.id) };
    const url = `/ru/hearings/${h.id}`;
    // the page as the resident loaded it: amendment 0
    const before: any = await participationRoute.loader({
      request: makeRequest(url, { cookie }),
      params,
      context: {},
    } as any);
    expect(before.amendment).toBe(0);
    await cmd.updateTariffLine(
      t.db,
      await actor(w.official),
      h.id,
      h.lineIds[0],
      line(4500, "Май"),
    );
    const send = async (amendment: string | null) => {
      const form: Record<string, string> = {
        intent: "ballot",
        [`choice-${h.questionIds[0]}`]: "for",
      };
      if (amendment !== null) form.amendment = amendment;
      const r: any = await participationRoute.action({
        request: makeRequest(`${url}?index`, { cookie, form }),
        params,
        context: {},
      } as any);
      if (r instanceof Response) return { status: r.status, body: null as any };
      return { status: r?.init?.status ?? 200, body: r?.data ?? r };
    };
    for (const stale of ["0", null]) {
      const r = await send(stale);
      expect(r.status).toBe(409);
      expect(r.body.errors.ballot[0]).toContain("изменение № 1");
      expect(r.body.errors.ballot[0]).toContain("предлагаемый 35 → 45 сом");
      expect(r.body.values[`choice-${h.questionIds[0]}`]).toBe("for");
    }
    expect(await counted(h)).toEqual({ for: 0, against: 0, abstain: 0 });
    // the page loaded again carries amendment 1, and that vote counts
    const after: any = await participationRoute.loader({
      request: makeRequest(url, { cookie }),
      params,
      context: {},
    } as any);
    expect(after.amendment).toBe(1);
    expect((await send("1")).status).toBe(302);
    expect(await counted(h)).toEqual({ for: 1, against: 0, abstain: 0 });
    // the command itself: an older number refused in ky too, the current one taken
    await expect(
      castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "against", 0),
    ).rejects.toMatchObject({
      key: "participation:errors.amendedSince",
      status: 409,
      params: { number: 1, whatKy: "Калк, бир адамга айына: сунушталган 35 → 45 сом" },
    });
    await castVote(t.db, await actor(w.resident), h.id, h.questionIds[0], "against", 1);
    expect(await counted(h)).toEqual({ for: 1, against: 1, abstain: 0 });
  });
});
