/**
 * Data for the reach tests, inserted straight into the tables (the hearings feature's commands
 * live in another branch): an announced tariff hearing with lines, a schedule and a short code.
 */
import type { DB } from "#db/connection";
import type { HearingState, HearingType } from "#db/schema";
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
}

/**
 * Schedule (Bishkek = UTC+6): notice 01.12.2026, comments 02.12 – 20.12.2026 23:59:59,
 * the meeting 22.12.2026 at 15:00 Bishkek (09:00 UTC).
 */
export async function makeHearing(db: DB, f: HearingFixture): Promise<number> {
  seq += 1;
  const at = "2026-12-01T04:00:00.000Z";
  const { id } = await db
    .insertInto("hearings")
    .values({
      municipality_id: f.municipalityId,
      type: f.type ?? "tariff",
      state: f.state ?? "announced",
      protocol_state: f.protocolState ?? null,
      short_code: f.shortCode ?? `t${seq}${Date.now().toString(36)}`,
      title_ky: f.titleKy ?? "Таштанды чыгаруу тарифи — Түп айылы",
      title_ru: f.titleRu ?? "Тариф на вывоз ТБО — село Тюп",
      summary_ky:
        "«Таза-Мурас» муниципалдык ишканасы таштанды чыгаруу тарифин жогорулатууну сунуштайт.",
      summary_ru: "Муниципальное предприятие «Таза-Мурас» предлагает повысить тариф на вывоз ТБО.",
      initiator_kind: "enterprise",
      initiator_name_ky: "Таза-Мурас",
      initiator_name_ru: "Таза-Мурас",
      notice_at: at,
      comment_start_at: f.commentStartAt ?? "2026-12-01T18:00:00.000Z",
      comment_end_at: f.commentEndAt ?? "2026-12-20T17:59:59.999Z",
      meeting_at: f.meetingAt ?? "2026-12-22T09:00:00.000Z",
      meeting_place_ky: "Түп айылы, маданият үйү, Ленин көчөсү 12",
      meeting_place_ru: "с. Тюп, Дом культуры, ул. Ленина 12",
      announced_at: at,
      closed_at: f.closedAt ?? null,
      created_by: f.createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if ((f.type ?? "tariff") === "tariff") {
    const lines = [
      ["Таштанды чыгаруу", "Калк / население", "бир адамга айына", 2000, 2500],
      ["Таштанды чыгаруу", "Бюджеттик уюмдар", "м³", 45000, 52050],
    ] as const;
    for (const [i, [service, category, unit, cur, prop]] of lines.entries()) {
      await db
        .insertInto("tariff_lines")
        .values({
          hearing_id: id,
          position: i + 1,
          service,
          category,
          unit,
          current_price: cur,
          proposed_price: prop,
        })
        .execute();
    }
  } else {
    const sections = [
      ["Ичүүчү суу менен камсыздоо", "Питьевое водоснабжение", 1_250_000_00],
      ["Жолдор", "Дороги", 800_000_00],
    ] as const;
    for (const [i, [ky, ru, budget]] of sections.entries()) {
      const s = await db
        .insertInto("plan_sections")
        .values({ hearing_id: id, position: i + 1, name_ky: ky, name_ru: ru })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("plan_projects")
        .values({
          section_id: s.id,
          position: 1,
          title_ky: ky,
          title_ru: ru,
          budget,
          year_from: 2026,
          year_to: 2030,
          funding_source: "local",
        })
        .execute();
    }
  }
  return id;
}
