/**
 * Participation test data straight into the tables: a hearing (open by default) with tariff lines,
 * plan sections and questions, people of every role, and their session cookies.
 */
import type { DB } from "#db/connection";
import type { HearingState, ProtocolStage } from "#db/schema";
import { makeUser, seedPlaces, sessionCookieFor, type SeededPlaces } from "./factories";

let seq = 0;

export interface FixtureHearing {
  id: number;
  municipalityId: number;
  lineIds: number[];
  sectionIds: number[];
  questionIds: number[];
}

export async function insertHearing(
  db: DB,
  municipalityId: number,
  createdBy: number,
  o: {
    state?: HearingState;
    start?: string;
    end?: string;
    protocolState?: ProtocolStage | null;
    questions?: number;
  } = {},
): Promise<FixtureHearing> {
  seq += 1;
  const at = "2026-01-01T00:00:00.000Z";
  const h = await db
    .insertInto("hearings")
    .values({
      municipality_id: municipalityId,
      type: "tariff",
      state: o.state ?? "open",
      protocol_state: o.protocolState ?? null,
      short_code: `T${Date.now().toString(36)}${seq}${Math.random().toString(36).slice(2, 6)}`,
      title_ky: "Таштанды чыгаруунун тарифи",
      title_ru: "Тариф на вывоз ТБО",
      initiator_kind: "enterprise",
      comment_start_at: o.start ?? "2026-03-01T00:00:00.000Z",
      comment_end_at: o.end ?? "2026-03-15T17:59:59.999Z",
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const lineIds: number[] = [];
  for (const [i, cat] of ["население", "бюджетные"].entries()) {
    const r = await db
      .insertInto("tariff_lines")
      .values({
        hearing_id: h.id,
        position: i + 1,
        service: "Вывоз ТБО",
        category: cat,
        unit: "чел./мес.",
        current_price: 2000,
        proposed_price: 2500,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    lineIds.push(r.id);
  }
  const s = await db
    .insertInto("plan_sections")
    .values({ hearing_id: h.id, position: 1, name_ky: "Суу", name_ru: "Вода" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const questionIds: number[] = [];
  for (let i = 0; i < (o.questions ?? 1); i++) {
    const q = await db
      .insertInto("questions")
      .values({
        hearing_id: h.id,
        position: i + 1,
        title_ky: `Сунушту колдойсузбу? ${i + 1}`,
        title_ru: `Поддерживаете ли вы предложение? ${i + 1}`,
        tariff_line_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    questionIds.push(q.id);
  }
  return { id: h.id, municipalityId, lineIds, sectionIds: [s.id], questionIds };
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
