/**
 * Closed hearings with a full record, inserted straight into the tables (the hearings and
 * participation features own the pages that make them): a tariff hearing and a plan hearing, with
 * tariff lines / sections / projects, questions, comments (online and in person, some anonymous,
 * answered with each status), online votes, a meeting record and in-person tallies.
 */
import type { DB } from "#db/connection";
import type { AnswerStatus, Stance, VoteChoice } from "#db/schema";
import { makeUser, seedPlaces, type SeededPlaces } from "./factories";

export interface ProtocolWorld {
  places: SeededPlaces;
  municipalityId: number;
  official: number;
  secretary: number;
  member: number;
  resident: number;
  otherOfficial: number;
  otherSecretary: number;
  residents: number[];
  tariffHearing: number;
  planHearing: number;
  /** comment bodies of the tariff hearing, in order */
  tariffComments: string[];
  planComments: string[];
}

const DAY = 864e5;
let seq = 0;

export async function createProtocolWorld(
  db: DB,
  opts: { now?: Date; places?: SeededPlaces } = {},
): Promise<ProtocolWorld> {
  const now = opts.now ?? new Date();
  const places = opts.places ?? (await seedPlaces(db, now.toISOString()));
  const ik = places.issykKul;
  const m = ik.id;
  const official = await makeUser(db, {
    name: "Жылдыз Асанова",
    municipalityId: m,
    roles: [{ municipalityId: m, role: "official" }],
  });
  const secretary = await makeUser(db, {
    name: "Эркин Токтогулов",
    municipalityId: m,
    roles: [{ municipalityId: m, role: "council_secretary" }],
  });
  const member = await makeUser(db, {
    name: "Гүлнара Садыкова",
    municipalityId: m,
    roles: [{ municipalityId: m, role: "council_member" }],
  });
  const resident = await makeUser(db, {
    name: "Айгүл Бекова",
    municipalityId: m,
    villageId: ik.villages.akBulung,
    verifiedIn: [{ municipalityId: m, villageId: ik.villages.akBulung }],
  });
  const otherOfficial = await makeUser(db, {
    name: "Тилек Бообеков",
    municipalityId: places.saryOi.id,
    roles: [{ municipalityId: places.saryOi.id, role: "official" }],
  });
  const otherSecretary = await makeUser(db, {
    name: "Нурбек Осмонов",
    municipalityId: places.saryOi.id,
    roles: [{ municipalityId: places.saryOi.id, role: "council_secretary" }],
  });
  const residents = [resident];
  const names = ["Бакыт Усөнов", "Нурлан Жээнбеков", "Чолпон Үсөнова", "Мээрим Төлөгөнова"];
  const villageKeys = Object.keys(ik.villages);
  for (let i = 0; i < names.length; i++) {
    const v = ik.villages[villageKeys[i % villageKeys.length]];
    residents.push(
      await makeUser(db, {
        name: names[i],
        municipalityId: m,
        villageId: v,
        verifiedIn: [{ municipalityId: m, villageId: v }],
      }),
    );
  }

  const iso = (d: number) => new Date(now.getTime() + d * DAY).toISOString();
  seq += 1;
  const base = {
    municipality_id: m,
    initiator_kind: "enterprise" as const,
    notice_at: iso(-30),
    comment_start_at: iso(-25),
    comment_end_at: iso(-1),
    meeting_at: iso(-3),
    created_by: official,
    created_at: iso(-31),
    updated_at: iso(-1),
  };
  const tariff = await db
    .insertInto("hearings")
    .values({
      ...base,
      type: "tariff",
      state: "closed",
      closed_at: iso(-1),
      short_code: `IK-T-${seq}-${Date.now() % 100000}`,
      title_ky: "Таштанды чыгаруу тарифи (демо)",
      title_ru: "Тариф на вывоз ТБО (демо)",
      summary_ky: "«Таза-Мурас» муниципалдык ишканасынын таштанды жыйноо жана чыгаруу тарифтери.",
      summary_ru: "Тарифы муниципального предприятия «Таза-Мурас» на сбор и вывоз ТБО.",
      initiator_name_ky: "«Таза-Мурас» муниципалдык ишканасы",
      initiator_name_ru: "Муниципальное предприятие «Таза-Мурас»",
      meeting_place_ky: "Ак-Булуң айылындагы маданият үйү",
      meeting_place_ru: "Дом культуры села Ак-Булун",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto("hearings")
    .values({
      ...base,
      initiator_kind: "okmotu",
      type: "plan",
      state: "open", // derived as closed: its comment period has ended
      short_code: `IK-P-${seq}-${Date.now() % 100000}`,
      title_ky: "Социалдык-экономикалык өнүктүрүү программасы 2026–2030 (демо)",
      title_ru: "Программа социально-экономического развития 2026–2030 (демо)",
      initiator_name_ky: "Ысык-Көл айыл өкмөтү",
      initiator_name_ru: "Айыл окмоту Иссык-Кульского айылного аймака",
      meeting_place_ky: "Чоң-Таш айылынын мектеби",
      meeting_place_ru: "Школа села Чон-Таш",
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  // tariff lines and their questions
  const lines = [
    ["Таштанды чыгаруу", "Калк", "бир адамга айына", 2000, 2500],
    ["Таштанды чыгаруу", "Бюджеттик уюмдар", "м³", 15000, 18000],
    ["Таштанды чыгаруу", "Башка керектөөчүлөр", "м³", 20000, 24000],
  ] as const;
  const lineIds: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const [service, category, unit, current_price, proposed_price] = lines[i];
    const r = await db
      .insertInto("tariff_lines")
      .values({
        hearing_id: tariff.id,
        position: i + 1,
        service,
        category,
        unit,
        current_price,
        proposed_price,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    lineIds.push(r.id);
  }
  const tq: number[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await db
      .insertInto("questions")
      .values({
        hearing_id: tariff.id,
        position: i + 1,
        title_ky: i === 0 ? "Калк үчүн тарифти бекитүү" : "Уюмдар үчүн тарифти бекитүү",
        title_ru: i === 0 ? "Утвердить тариф для населения" : "Утвердить тариф для организаций",
        tariff_line_id: lineIds[i],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    tq.push(r.id);
  }

  // plan sections, projects, one question
  const sections = [
    ["Ичүүчү суу менен камсыздоо", "Питьевое водоснабжение"],
    ["Билим берүү", "Образование"],
  ] as const;
  const sectionIds: number[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = await db
      .insertInto("plan_sections")
      .values({
        hearing_id: plan.id,
        position: i + 1,
        name_ky: sections[i][0],
        name_ru: sections[i][1],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    sectionIds.push(s.id);
    await db
      .insertInto("plan_projects")
      .values([
        {
          section_id: s.id,
          position: 1,
          title_ky: i === 0 ? "Суу түтүгүн алмаштыруу" : "Мектептин чатырын оңдоо",
          title_ru: i === 0 ? "Замена водопровода" : "Ремонт крыши школы",
          budget: 125000000 + i * 1000000,
          year_from: 2026,
          year_to: 2027,
          funding_source: i === 0 ? "republican" : "local",
        },
        {
          section_id: s.id,
          position: 2,
          title_ky: i === 0 ? "Жаңы скважина" : "Балдар бакчасы",
          title_ru: i === 0 ? "Новая скважина" : "Детский сад",
          budget: 45000000,
          year_from: 2027,
          year_to: 2028,
          funding_source: i === 0 ? "donor" : "community",
        },
      ])
      .execute();
  }
  const pq = await db
    .insertInto("questions")
    .values({
      hearing_id: plan.id,
      position: 1,
      title_ky: "Программаны бекитүүнү сунуштоо",
      title_ru: "Рекомендовать программу к утверждению",
      tariff_line_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  // comments
  type C = {
    source: "online" | "in_person";
    author?: number;
    speaker?: string;
    anonymous?: boolean;
    village?: string;
    stance: Stance;
    body: string;
    answer?: [AnswerStatus, string];
    line?: number;
    section?: number;
  };
  const statuses: AnswerStatus[] = ["accepted", "partly_accepted", "not_accepted", "not_relevant"];
  const tariffComments: C[] = [
    {
      source: "online",
      author: residents[1],
      stance: "against",
      body: "Тариф өтө кымбат, пенсионерлерге жеңилдик керек. Үй-бүлөбүздө төрт адам бар.",
      answer: [statuses[0], "Пенсионерлер үчүн 20 пайыз жеңилдик сунушталат."],
      line: 0,
    },
    {
      source: "online",
      author: residents[2],
      anonymous: true,
      village: "chongTash",
      stance: "for",
      body: "Машина жумасына эки жолу келсе, баасы туура. Көчөлөр тазараат.",
      answer: [statuses[1], "Графикти айылдар боюнча карап чыгабыз."],
    },
    {
      source: "in_person",
      speaker: "Асан Мамбетов",
      stance: "neutral",
      body: "Тариф эсептөөсүн толук жарыялап коюңуздар, чыгымдардын түзүмүн көргүбүз келет.",
      answer: [statuses[2], "Чыгымдардын түзүмү кулактандыруу менен бирге жарыяланган."],
    },
    {
      source: "in_person",
      anonymous: true,
      village: "saryBulak",
      stance: "against",
      body: "Мусорные контейнеры стоят далеко от домов, зимой до них трудно дойти.",
      answer: [statuses[3], "Контейнерлердин жайгашуусу өзүнчө маселе."],
    },
    {
      source: "online",
      author: residents[3],
      stance: "for",
      body: "Жаңы тариф менен ишкананын машинасы оңдолот деп үмүттөнөбүз.",
    },
  ];
  const planComments: C[] = [
    {
      source: "online",
      author: residents[4],
      stance: "for",
      body: "Суу түтүгүн алмаштыруу биринчи орунда болушу керек, өтө эски.",
      answer: [statuses[0], "Программанын биринчи жылына киргизилди."],
      section: 0,
    },
    {
      source: "in_person",
      speaker: "Мээрим Төлөгөнова",
      stance: "against",
      body: "Балдар бакчасы үчүн жамааттын салымы өтө чоң.",
      answer: [statuses[2], "Донорлордон кошумча каражат изделет."],
      section: 1,
    },
  ];
  async function insertComments(hearingId: number, list: C[]) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      await db
        .insertInto("comments")
        .values({
          hearing_id: hearingId,
          source: c.source,
          author_user_id: c.author ?? null,
          speaker_name: c.speaker ?? null,
          entered_by: c.source === "in_person" ? official : null,
          anonymous: c.anonymous ? 1 : 0,
          village_id: c.village ? ik.villages[c.village] : null,
          author_verified: 1,
          stance: c.stance,
          tariff_line_id: c.line != null ? lineIds[c.line] : null,
          plan_section_id: c.section != null ? sectionIds[c.section] : null,
          body: c.body,
          created_at: iso(-20 + i),
          answer_status: c.answer?.[0] ?? null,
          answer_text: c.answer?.[1] ?? null,
          answered_by: c.answer ? official : null,
          answered_at: c.answer ? iso(-2) : null,
        })
        .execute();
    }
  }
  await insertComments(tariff.id, tariffComments);
  await insertComments(plan.id, planComments);
  // a hidden comment never reaches the protocol
  await db
    .insertInto("comments")
    .values({
      hearing_id: tariff.id,
      source: "online",
      author_user_id: residents[4],
      anonymous: 0,
      stance: "neutral",
      body: "HIDDEN-SPAM-COMMENT",
      created_at: iso(-10),
      hidden_at: iso(-9),
      hidden_by: official,
      hidden_reason: "spam",
    })
    .execute();

  // online votes
  const choices: VoteChoice[] = ["for", "against", "for", "abstain", "for"];
  for (let i = 0; i < residents.length; i++) {
    for (const q of tq)
      await db
        .insertInto("votes")
        .values({
          hearing_id: tariff.id,
          question_id: q,
          user_id: residents[i],
          choice: choices[(i + q) % choices.length],
          village_id: null,
          created_at: iso(-5),
          updated_at: iso(-5),
        })
        .execute();
    await db
      .insertInto("votes")
      .values({
        hearing_id: plan.id,
        question_id: pq.id,
        user_id: residents[i],
        choice: choices[i],
        village_id: null,
        created_at: iso(-5),
        updated_at: iso(-5),
      })
      .execute();
  }
  // meeting records and tallies
  for (const [hid, qs, att] of [
    [tariff.id, tq, 47],
    [plan.id, [pq.id], 63],
  ] as const) {
    await db
      .insertInto("meeting_records")
      .values({
        hearing_id: hid,
        attendance: att,
        held_at: iso(-3),
        notes: null,
        entered_by: official,
        updated_at: iso(-3),
      })
      .execute();
    for (let i = 0; i < qs.length; i++)
      await db
        .insertInto("meeting_tallies")
        .values({
          question_id: qs[i],
          hearing_id: hid,
          for_count: 31 + i,
          against_count: 9 + i,
          abstain_count: 7 - i,
          entered_by: official,
          updated_at: iso(-3),
        })
        .execute();
  }

  return {
    places,
    municipalityId: m,
    official,
    secretary,
    member,
    resident,
    otherOfficial,
    otherSecretary,
    residents,
    tariffHearing: tariff.id,
    planHearing: plan.id,
    tariffComments: tariffComments.map((c) => c.body),
    planComments: planComments.map((c) => c.body),
  };
}
