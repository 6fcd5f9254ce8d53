/**
 * Data for the reach tests: places and officials, and hearings made through the commands (an
 * announced tariff hearing with lines, a schedule and a short code by default).
 */
import type { DB } from "#db/connection";
import type { HearingState, HearingType } from "#db/schema";
import { buildHearing, cancelAt, closeAt, protocolTo, settleAt } from "~/modules/demo/build";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { makeUser } from "./factories";

export interface ReachWorld {
  places: SeededPlaces;
  officialId: number;
  otherOfficialId: number;
}

export async function reachWorld(db: DB): Promise<ReachWorld> {
  const places = await seedPlaces(db, "2026-01-01T00:00:00.000Z");
  const officialId = await makeUser(db, {
    name: "Официал",
    municipalityId: places.issykKul.id,
    roles: [{ municipalityId: places.issykKul.id, role: "official" }],
  });
  const otherOfficialId = await makeUser(db, {
    name: "Башка",
    municipalityId: places.saryOi.id,
    roles: [{ municipalityId: places.saryOi.id, role: "official" }],
  });
  return { places, officialId, otherOfficialId };
}

let seq = 0;
export interface HearingFixture {
  municipalityId: number;
  createdBy: number;
  type?: HearingType;
  state?: HearingState;
  shortCode?: string;
  titleKy?: string;
  titleRu?: string;
  commentStartAt?: string;
  commentEndAt?: string;
  meetingAt?: string;
  protocolState?: "approved" | null;
  closedAt?: string | null;
  /** when the official announced it (default: the notice date, 01.12.2026 10:00 Bishkek) */
  announceAt?: string;
}

/**
 * A hearing made through the commands (app/modules/demo/build.ts, ADR 0090), announced on its
 * notice date by default. Schedule (Bishkek = UTC+6): notice 01.12.2026, comments 02.12 – 20.12.2026
 * 23:59:59, the meeting 22.12.2026 at 15:00 Bishkek (09:00 UTC). A tariff hearing has two lines, a
 * plan hearing two sections with a project each. `state`: draft (not announced), announced, open
 * (stored at the comment start), closed (stored after the comment end, or closed early by the
 * official at `closedAt` when that is earlier), cancelled (the day of the notice).
 * `protocolState: "approved"`: the protocol drafted, submitted and approved (by a council
 * secretary made for it) when the hearing closed.
 */
export async function makeHearing(db: DB, f: HearingFixture): Promise<number> {
  seq += 1;
  const at = "2026-12-01T04:00:00.000Z";
  const type = f.type ?? "tariff";
  const commentStartAt = f.commentStartAt ?? "2026-12-01T18:00:00.000Z";
  const commentEndAt = f.commentEndAt ?? "2026-12-20T17:59:59.999Z";
  const protocolState = f.protocolState ?? null;
  const state = protocolState ? "closed" : (f.state ?? "announced");
  const h = await buildHearing(db, {
    municipalityId: f.municipalityId,
    official: f.createdBy,
    type,
    shortCode: f.shortCode ?? `t${seq}${Date.now().toString(36)}`,
    titleKy: f.titleKy ?? "Таштанды чыгаруу тарифи — Түп айылы",
    titleRu: f.titleRu ?? "Тариф на вывоз ТБО — село Тюп",
    summaryKy:
      "«Таза-Мурас» муниципалдык ишканасы таштанды чыгаруу тарифин жогорулатууну сунуштайт.",
    summaryRu: "Муниципальное предприятие «Таза-Мурас» предлагает повысить тариф на вывоз ТБО.",
    initiatorKind: "enterprise",
    initiatorNameKy: "Таза-Мурас",
    initiatorNameRu: "Таза-Мурас",
    createdAt: at,
    noticeAt: at,
    commentStartAt,
    commentEndAt,
    meetingAt: f.meetingAt ?? "2026-12-22T09:00:00.000Z",
    meetingPlaceKy: "Түп айылы, маданият үйү, Ленин көчөсү 12",
    meetingPlaceRu: "с. Тюп, Дом культуры, ул. Ленина 12",
    lines:
      type === "tariff"
        ? [
            {
              service: "Таштанды чыгаруу",
              category: "Калк / население",
              unit: "бир адамга айына",
              currentPrice: 2000,
              proposedPrice: 2500,
            },
            {
              service: "Таштанды чыгаруу",
              category: "Бюджеттик уюмдар",
              unit: "м³",
              currentPrice: 45000,
              proposedPrice: 52050,
            },
          ]
        : [],
    sections:
      type === "plan"
        ? (
            [
              ["Ичүүчү суу менен камсыздоо", "Питьевое водоснабжение", 1_250_000_00],
              ["Жолдор", "Дороги", 800_000_00],
            ] as const
          ).map(([ky, ru, budget]) => ({
            nameKy: ky,
            nameRu: ru,
            projects: [
              {
                titleKy: ky,
                titleRu: ru,
                budget,
                yearFrom: 2026,
                yearTo: 2030,
                fundingSource: "local" as const,
              },
            ],
          }))
        : [],
    announce: state !== "draft",
    announceAt: f.announceAt,
  });
  const afterEnd = new Date(Date.parse(commentEndAt) + 60_000).toISOString();
  let closedAt = afterEnd;
  if (state === "open") await settleAt(db, h.id, commentStartAt);
  if (state === "closed") {
    if (f.closedAt && f.closedAt < commentEndAt) {
      await settleAt(db, h.id, commentStartAt);
      await closeAt(db, f.createdBy, h.id, f.closedAt);
      closedAt = f.closedAt;
    } else {
      closedAt = f.closedAt ?? afterEnd;
      await settleAt(db, h.id, closedAt);
    }
  }
  if (state === "cancelled") await cancelAt(db, f.createdBy, h.id, at, "Тест");
  if (protocolState) {
    const secretary = await makeUser(db, {
      municipalityId: f.municipalityId,
      roles: [{ municipalityId: f.municipalityId, role: "council_secretary" }],
    });
    await protocolTo(db, h.id, {
      stage: protocolState,
      officialId: f.createdBy,
      secretaryId: secretary,
      at: closedAt,
    });
  }
  return h.id;
}
