/**
 * Issue 11, must-have 6: dates are real and in order. One parser (parseCalendarDate, through
 * fromBishkekLocal) for every date field; no backdated announcement; a resolution dated between
 * the close and today; a meeting held on another day than announced says why, in the protocol.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { endOfBishkekDay, fromBishkekLocal, startOfBishkekDay } from "~/modules/format/time";
import * as cmd from "~/modules/hearings/commands.server";
import { recordAttendance } from "~/modules/participation/commands.server";
import { attendanceForm } from "~/modules/participation/schemas";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import { buildProtocolContent } from "~/modules/protocol/content.server";
import { buildDocument } from "~/modules/protocol/document.server";
import { decisionSchema } from "~/modules/protocol/schemas";
import { parseForm } from "~/modules/forms/validate.server";
import { getFixedT } from "~/modules/i18n/resources.server";
import { verifySchema } from "~/modules/residents/schemas.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

let t: TestDb;
let w: ProtocolWorld;

beforeAll(async () => {
  t = await createTestDb();
  w = await createProtocolWorld(t.db);
}, 60_000);
afterEach(() => setClock(null));
afterAll(() => t.cleanup());

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

describe(`dates real and in order (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("a resolution dated 30.02.2025 or 31.12.9999 is refused at its field, in ky and ru", () => {
    for (const [lang, text] of [
      ["ru", "Дата решения: такой даты нет в календаре"],
      ["ky", "Чечимдин күнү: мындай күн календарда жок"],
    ] as const)
      for (const resolutionDate of ["2025-02-30", "9999-12-31", "30.02.2025"]) {
        const p = parseForm(
          form({ decision: "approve", resolutionNumber: "7", resolutionDate }),
          decisionSchema,
          getFixedT(lang),
        );
        expect(p.ok).toBe(false);
        if (!p.ok) {
          expect(p.errors.resolutionDate?.[0]).toContain(text);
          expect(p.values.resolutionDate).toBe(resolutionDate);
        }
      }
  });

  it("a resolution date before the close or in the future is refused; today is accepted", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    const secretary = (await loadSessionUser(t.db, w.secretary))!;
    await saveDraft(t.db, official, w.tariffHearing, {
      chairName: "А",
      secretaryName: "Б",
      conclusionsKy: "",
      conclusionsRu: "",
    });
    const { protocolId } = await submitProtocol(t.db, official, w.tariffHearing);
    const h = await t.db
      .selectFrom("hearings")
      .select("closed_at")
      .where("id", "=", w.tariffHearing)
      .executeTakeFirstOrThrow();
    const closed = new Date(h.closed_at!);
    const day = (d: Date) => new Date(d.getTime() + 6 * 3600e3).toISOString().slice(0, 10);
    const approve = (resolutionDate: string) =>
      decideProtocol(t.db, secretary, protocolId, {
        decision: "approve",
        resolutionNumber: "7/2",
        resolutionDate,
        deputies: null,
      });
    await expect(approve(day(new Date(closed.getTime() - 864e5)))).rejects.toMatchObject({
      key: "protocol:errors.resolutionBeforeClose",
      field: "resolutionDate",
      status: 400,
    });
    await expect(approve(day(new Date(Date.now() + 2 * 864e5)))).rejects.toMatchObject({
      key: "protocol:errors.resolutionInFuture",
      field: "resolutionDate",
    });
    await expect(approve("2025-02-30")).rejects.toMatchObject({
      key: "protocol:errors.resolutionDateInvalid",
    });
    const r = await approve(day(new Date()));
    expect(r.code).toBeTruthy();
  });

  it("a meeting held on 9999-12-31 is refused; held on another day asks a reason for the protocol", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    const p = parseForm(
      form({ attendance: "40", heldDate: "9999-12-31", heldTime: "10:00" }),
      attendanceForm,
      getFixedT("ru"),
    );
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors.heldDate?.length).toBe(1);

    const h = await t.db
      .selectFrom("hearings")
      .select("meeting_at")
      .where("id", "=", w.planHearing)
      .executeTakeFirstOrThrow();
    const announced = new Date(h.meeting_at!);
    const dayBefore = new Date(announced.getTime() - 864e5).toISOString();
    await expect(
      recordAttendance(t.db, official, w.planHearing, {
        attendance: 40,
        heldAt: dayBefore,
        notes: null,
      }),
    ).rejects.toMatchObject({
      key: "participation:errors.heldReasonRequired",
      field: "heldReason",
    });
    await expect(
      recordAttendance(t.db, official, w.planHearing, {
        attendance: 40,
        heldAt: new Date(Date.now() + 864e5).toISOString(),
        notes: null,
      }),
    ).rejects.toMatchObject({ key: "participation:errors.heldInFuture", field: "heldDate" });
    await recordAttendance(t.db, official, w.planHearing, {
      attendance: 40,
      heldAt: dayBefore,
      heldReason: "Бороон болуп, жыйын бир күн мурун өткөрүлдү",
      notes: null,
    });
    const content = await buildProtocolContent(
      t.db,
      w.planHearing,
      {
        number: "1",
        version: 1,
        chairName: "",
        secretaryName: "",
        conclusionsKy: "",
        conclusionsRu: "",
      },
      new Date().toISOString(),
    );
    expect(content.participants.meetingHeldReason).toBe(
      "Бороон болуп, жыйын бир күн мурун өткөрүлдү",
    );
    const ru = buildDocument(content, "ru", null, null)
      .blocks.map((b) => ("text" in b ? b.text : ""))
      .join("\n");
    expect(ru).toMatch(
      /Собрание проведено не в объявленный день \(\d\d\.\d\d\.\d{4}\)\. Причина: Бороон болуп/,
    );
    // on the announced day no reason is asked and none is kept
    await recordAttendance(t.db, official, w.planHearing, {
      attendance: 41,
      heldAt: h.meeting_at,
      heldReason: "лишнее",
      notes: null,
    });
    const rec = await t.db
      .selectFrom("meeting_records")
      .select("held_reason")
      .where("hearing_id", "=", w.planHearing)
      .executeTakeFirstOrThrow();
    expect(rec.held_reason).toBeNull();
  });

  it("an announcement backdated by 20 days is refused at the notice and start fields", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    setClock("2026-03-21T04:00:00.000Z");
    const id = await cmd.createHearing(t.db, official, {
      municipalityId: w.places.issykKul.id,
      type: "tariff",
      titleKy: "Тариф",
      titleRu: "Тариф",
      initiatorKind: "okmotu",
    });
    await cmd.updateDetails(t.db, official, id, {
      titleKy: "Тариф",
      titleRu: "Тариф",
      summaryKy: "Кыскача",
      summaryRu: "Кратко",
      bodyKy: "Текст",
      bodyRu: "Текст",
      authoritativeLang: "ky",
      initiatorKind: "okmotu",
      initiatorNameKy: null,
      initiatorNameRu: null,
      meetingPlaceKy: "Үй",
      meetingPlaceRu: "Дом",
      noticeAt: startOfBishkekDay("2026-03-01"),
      commentStartAt: startOfBishkekDay("2026-03-06"),
      commentEndAt: endOfBishkekDay("2026-04-10"),
      meetingAt: fromBishkekLocal("2026-04-05", "10:00"),
    });
    await cmd.addTariffLine(t.db, official, id, {
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: 2500,
      proposedPrice: 3500,
      justificationKy: "",
      justificationRu: "",
      costItems: [],
    });
    const problems = await cmd.announceProblems(
      t.db,
      await t.db.selectFrom("hearings").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    );
    expect(problems.filter((p) => p.key.endsWith("InPast"))).toEqual([
      { field: "noticeDate", key: "announce.noticeInPast" },
      { field: "commentStartDate", key: "announce.startInPast" },
    ]);
    await expect(cmd.announceHearing(t.db, official, id)).rejects.toMatchObject({
      key: "hearings:announce.noticeInPast",
    });
    const after = await t.db
      .selectFrom("hearings")
      .select("state")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe("draft");
  });

  it("after announcing, backdating the notice or comment start by editing is refused", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    setClock("2026-03-21T04:00:00.000Z");
    const id = await cmd.createHearing(t.db, official, {
      municipalityId: w.places.issykKul.id,
      type: "tariff",
      titleKy: "Тариф",
      titleRu: "Тариф",
      initiatorKind: "okmotu",
    });
    const details = {
      titleKy: "Тариф",
      titleRu: "Тариф",
      summaryKy: "Кыскача",
      summaryRu: "Кратко",
      bodyKy: "Текст",
      bodyRu: "Текст",
      authoritativeLang: "ky" as const,
      initiatorKind: "okmotu" as const,
      initiatorNameKy: null,
      initiatorNameRu: null,
      meetingPlaceKy: "Үй",
      meetingPlaceRu: "Дом",
      noticeAt: startOfBishkekDay("2026-03-21"),
      commentStartAt: startOfBishkekDay("2026-03-26"),
      commentEndAt: endOfBishkekDay("2026-04-30"),
      meetingAt: fromBishkekLocal("2026-04-25", "10:00"),
    };
    await cmd.updateDetails(t.db, official, id, details);
    await cmd.addTariffLine(t.db, official, id, {
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: 2500,
      proposedPrice: 3500,
      justificationKy: "",
      justificationRu: "",
      costItems: [],
    });
    await cmd.announceHearing(t.db, official, id);
    const stored = () =>
      t.db
        .selectFrom("hearings")
        .select(["state", "notice_at", "comment_start_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const before = await stored();
    expect(before.state).toBe("announced");

    setClock("2026-03-24T04:00:00.000Z");
    await expect(
      cmd.updateDetails(t.db, official, id, {
        ...details,
        noticeAt: startOfBishkekDay("2020-01-01"),
        commentStartAt: startOfBishkekDay("2020-01-02"),
      }),
    ).rejects.toMatchObject({
      key: "hearings:announce.noticeInPast",
      field: "noticeDate",
      status: 400,
    });
    await expect(
      cmd.updateDetails(t.db, official, id, {
        ...details,
        commentStartAt: startOfBishkekDay("2026-03-23"),
      }),
    ).rejects.toMatchObject({
      key: "hearings:announce.startInPast",
      field: "commentStartDate",
      status: 400,
    });
    const after = await stored();
    expect(after).toEqual(before);

    // the notice day now lies in the past, but an unchanged value is always kept
    await cmd.updateDetails(t.db, official, id, { ...details, summaryRu: "Кратко, уточнено" });
    expect(await stored()).toEqual(before);
  });

  it("a birth date of 30.02.1990 is refused by the same parser", () => {
    const r = verifySchema.safeParse({ pin: "21502199000000", birthDate: "30.02.1990" });
    expect(r.success).toBe(false);
  });
});
