/**
 * Participation test data: a hearing (open by default) with tariff lines and questions, made
 * through the hearings, participation and protocol commands with the clock set to each step's
 * moment (app/modules/demo/build.ts, ADR 0090); people of every role and their session cookies.
 */
import type { DB } from "#db/connection";
import type { HearingState, ProtocolStage } from "#db/schema";
import { buildHearing, cancelAt, protocolTo, settleAt } from "~/modules/demo/build";
import { afterAll, afterEach, beforeAll } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { createTestDb, type TestDb } from "./db";
import { makeUser, seedPlaces, sessionCookieFor, type SeededPlaces } from "./factories";

export interface FixtureHearing {
  id: number;
  municipalityId: number;
  lineIds: number[];
  sectionIds: number[];
  questionIds: number[];
}

/** The fixture hearing's schedule (Bishkek = UTC+6): comments 1–15 March 2026, the meeting on 10 March at 18:00. */
export const FIXTURE_SCHEDULE = {
  createdAt: "2026-02-01T04:00:00.000Z",
  noticeAt: "2026-02-10T04:00:00.000Z",
  commentStartAt: "2026-03-01T00:00:00.000Z",
  commentEndAt: "2026-03-15T17:59:59.999Z",
  meetingAt: "2026-03-10T12:00:00.000Z",
  /** a moment after the comment period, when closed hearings are closed and protocols decided */
  afterAt: "2026-03-20T06:00:00.000Z",
};

/**
 * A tariff hearing of the municipality with two lines and `questions` questions (default 1),
 * created by `createdBy` (an official there) and brought to `state` (default open) through the
 * commands: a draft stays a draft; otherwise announced on 10 February, opened on 1 March, closed
 * after 15 March or cancelled. `protocolState` takes its protocol there (the hearing is closed
 * first; the council secretary who decides is made for it).
 */
export async function insertHearing(
  db: DB,
  municipalityId: number,
  createdBy: number,
  o: {
    state?: HearingState;
    /** another comment period (ISO instants); notice, meeting and close move with it */
    start?: string;
    end?: string;
    protocolState?: ProtocolStage | null;
    questions?: number;
  } = {},
): Promise<FixtureHearing> {
  const DAY = 864e5;
  const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
  const S = { ...FIXTURE_SCHEDULE };
  if (o.start !== undefined || o.end !== undefined) {
    S.commentStartAt = o.start ?? S.commentStartAt;
    S.commentEndAt = o.end ?? S.commentEndAt;
    S.noticeAt = shift(S.commentStartAt, -5);
    S.createdAt = shift(S.noticeAt, -1);
    S.meetingAt = shift(
      S.noticeAt,
      Math.max(15, (Date.parse(S.commentEndAt) - Date.parse(S.noticeAt)) / DAY + 1),
    );
    S.afterAt = shift(S.commentEndAt, 2);
  }
  const state = o.protocolState ? "closed" : (o.state ?? "open");
  const h = await buildHearing(db, {
    municipalityId,
    official: createdBy,
    type: "tariff",
    titleKy: "Таштанды чыгаруунун тарифи",
    titleRu: "Тариф на вывоз ТБО",
    summaryKy: "Таштанды чыгаруунун жаңы тарифи.",
    summaryRu: "Новый тариф на вывоз ТБО.",
    initiatorKind: "enterprise",
    initiatorNameKy: "«Таза-Мурас» муниципалдык ишканасы",
    initiatorNameRu: "Муниципальное предприятие «Таза-Мурас»",
    createdAt: S.createdAt,
    noticeAt: S.noticeAt,
    commentStartAt: S.commentStartAt,
    commentEndAt: S.commentEndAt,
    meetingAt: S.meetingAt,
    meetingPlaceKy: "Маданият үйү",
    meetingPlaceRu: "Дом культуры",
    lines: ["население", "бюджетные"].map((category) => ({
      service: "Вывоз ТБО",
      category,
      unit: "чел./мес.",
      currentPrice: 2000,
      proposedPrice: 2500,
    })),
    questions: Array.from({ length: o.questions ?? 1 }, (_, i) => ({
      titleKy: `Сунушту колдойсузбу? ${i + 1}`,
      titleRu: `Поддерживаете ли вы предложение? ${i + 1}`,
    })),
    announce: state !== "draft",
  });
  if (state === "open") await settleAt(db, h.id, S.commentStartAt);
  if (state === "closed") await settleAt(db, h.id, S.afterAt);
  if (state === "cancelled") await cancelAt(db, createdBy, h.id, S.noticeAt, "Тест");
  if (o.protocolState) {
    const secretary = await makeUser(db, {
      municipalityId,
      roles: [{ municipalityId, role: "council_secretary" }],
    });
    await protocolTo(db, h.id, {
      stage: o.protocolState,
      officialId: createdBy,
      secretaryId: secretary,
      at: S.afterAt,
    });
  }
  return {
    id: h.id,
    municipalityId,
    lineIds: h.lineIds,
    sectionIds: h.sectionIds,
    questionIds: h.questionIds,
  };
}

export interface World {
  places: SeededPlaces;
  m: number;
  village: number;
  official: number;
  otherOfficial: number;
  resident: number;
  unverified: number;
  young: number;
  cookies: Record<"official" | "otherOfficial" | "resident" | "unverified" | "young", string>;
}

/** Places, an official of Issyk-Kul and of Sary-Oi, a verified adult, an unverified and a minor. */
export async function makeWorld(db: DB): Promise<World> {
  const places = await seedPlaces(db, "2026-01-01T00:00:00.000Z");
  const m = places.issykKul.id;
  const village = places.issykKul.villages.akBulung;
  const official = await makeUser(db, {
    name: "Жылдыз Асанова",
    municipalityId: m,
    roles: [{ municipalityId: m, role: "official" }],
  });
  const otherOfficial = await makeUser(db, {
    municipalityId: places.saryOi.id,
    roles: [{ municipalityId: places.saryOi.id, role: "official" }],
  });
  const resident = await makeUser(db, {
    name: "Айгүл Мамытова",
    municipalityId: m,
    villageId: village,
    verifiedIn: [{ municipalityId: m, villageId: village, birthDate: "1990-03-15" }],
  });
  const unverified = await makeUser(db, { municipalityId: m, villageId: village });
  const young = await makeUser(db, {
    municipalityId: m,
    villageId: village,
    verifiedIn: [{ municipalityId: m, villageId: village, birthDate: "2008-03-10" }],
  });
  const cookies = {
    official: await sessionCookieFor(db, official),
    otherOfficial: await sessionCookieFor(db, otherOfficial),
    resident: await sessionCookieFor(db, resident),
    unverified: await sessionCookieFor(db, unverified),
    young: await sessionCookieFor(db, young),
  };
  return { places, m, village, official, otherOfficial, resident, unverified, young, cookies };
}

/**
 * The usual set-up of a participation test file, once: before its tests a fresh database
 * (SQLite or PostgreSQL by TEST_DB) with {@link makeWorld}'s people and one hearing made by
 * {@link insertHearing} with `options`, handed to `use` (typically
 * `withParticipationWorld((x) => ({ t, w, h } = x))`); after each test the real clock again; after
 * all tests the database is removed.
 */
export function withParticipationWorld(
  use: (world: { t: TestDb; w: World; h: FixtureHearing }) => void,
  options?: Parameters<typeof insertHearing>[3],
): void {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    const w = await makeWorld(t.db);
    use({ t, w, h: await insertHearing(t.db, w.m, w.official, options) });
  });
  afterEach(() => setClock(null));
  afterAll(() => t?.cleanup());
}
