/**
 * Closed hearings with a full record, made through the commands with the clock moved to each
 * step (app/modules/demo/build.ts, ADR 0090): a tariff hearing and a plan hearing, with tariff
 * lines / sections / projects, questions, comments (online and in person, some anonymous,
 * answered with each status, one hidden), online votes, a meeting record and in-person tallies.
 * Dates are relative to `now`: created −31 days, comments −25 … −1, meeting −3, closed −1.
 */
import type { DB } from "#db/connection";
import type { AnswerStatus, Stance, VoteChoice } from "#db/schema";
import { buildHearing, makeComment, makeVote, recordMeeting, settleAt } from "~/modules/demo/build";
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
  // one schedule for both: created −31 days, notice −30, comments −25 … −1, meeting −3
  const schedule = {
    municipalityId: m,
    official,
    createdAt: iso(-31),
    noticeAt: iso(-30),
    commentStartAt: iso(-25),
    commentEndAt: iso(-1),
    meetingAt: iso(-3),
  };
  const tariff = await buildHearing(db, {
    ...schedule,
    type: "tariff",
    shortCode: `IK-T-${seq}-${Date.now() % 100000}`,
    titleKy: "Таштанды чыгаруу тарифи (демо)",
    titleRu: "Тариф на вывоз ТБО (демо)",
    summaryKy: "«Таза-Мурас» муниципалдык ишканасынын таштанды жыйноо жана чыгаруу тарифтери.",
    summaryRu: "Тарифы муниципального предприятия «Таза-Мурас» на сбор и вывоз ТБО.",
    initiatorKind: "enterprise",
    initiatorNameKy: "«Таза-Мурас» муниципалдык ишканасы",
    initiatorNameRu: "Муниципальное предприятие «Таза-Мурас»",
    meetingPlaceKy: "Ак-Булуң айылындагы маданият үйү",
    meetingPlaceRu: "Дом культуры села Ак-Булун",
    lines: (
      [
        ["Таштанды чыгаруу", "Калк", "бир адамга айына", 2000, 2500],
        ["Таштанды чыгаруу", "Бюджеттик уюмдар", "м³", 15000, 18000],
        ["Таштанды чыгаруу", "Башка керектөөчүлөр", "м³", 20000, 24000],
      ] as const
    ).map(([service, category, unit, currentPrice, proposedPrice]) => ({
      service,
      category,
      unit,
      currentPrice,
      proposedPrice,
    })),
    questions: [
      { titleKy: "Калк үчүн тарифти бекитүү", titleRu: "Утвердить тариф для населения", line: 0 },
      {
        titleKy: "Уюмдар үчүн тарифти бекитүү",
        titleRu: "Утвердить тариф для организаций",
        line: 1,
      },
    ],
  });
  const plan = await buildHearing(db, {
    ...schedule,
    type: "plan",
    shortCode: `IK-P-${seq}-${Date.now() % 100000}`,
    titleKy: "Социалдык-экономикалык өнүктүрүү программасы 2026–2030 (демо)",
    titleRu: "Программа социально-экономического развития 2026–2030 (демо)",
    summaryKy: "Айыл аймагынын 2026–2030-жылдарга өнүктүрүү программасы.",
    summaryRu: "Программа развития айылного аймака на 2026–2030 годы.",
    initiatorKind: "okmotu",
    initiatorNameKy: "Ысык-Көл айыл өкмөтү",
    initiatorNameRu: "Айыл окмоту Иссык-Кульского айылного аймака",
    meetingPlaceKy: "Чоң-Таш айылынын мектеби",
    meetingPlaceRu: "Школа села Чон-Таш",
    sections: (
      [
        ["Ичүүчү суу менен камсыздоо", "Питьевое водоснабжение"],
        ["Билим берүү", "Образование"],
      ] as const
    ).map(([nameKy, nameRu], i) => ({
      nameKy,
      nameRu,
      projects: [
        {
          titleKy: i === 0 ? "Суу түтүгүн алмаштыруу" : "Мектептин чатырын оңдоо",
          titleRu: i === 0 ? "Замена водопровода" : "Ремонт крыши школы",
          budget: 125000000 + i * 1000000,
          yearFrom: 2026,
          yearTo: 2027,
          fundingSource: i === 0 ? ("republican" as const) : ("local" as const),
        },
        {
          titleKy: i === 0 ? "Жаңы скважина" : "Балдар бакчасы",
          titleRu: i === 0 ? "Новая скважина" : "Детский сад",
          budget: 45000000,
          yearFrom: 2027,
          yearTo: 2028,
          fundingSource: i === 0 ? ("donor" as const) : ("community" as const),
        },
      ],
    })),
    questions: [
      {
        titleKy: "Программаны бекитүүнү сунуштоо",
        titleRu: "Рекомендовать программу к утверждению",
      },
    ],
  });
  // both open from the comment start
  await settleAt(db, tariff.id, schedule.commentStartAt);
  await settleAt(db, plan.id, schedule.commentStartAt);
  const lineIds = tariff.lineIds;
  const sectionIds = plan.sectionIds;
  const tq = tariff.questionIds;
  const pq = plan.questionIds[0];

  // comments: residents online (the one from Sary-Bulak without her name), speakers entered by
  // the official; answered two days before the end
  type C = {
    author?: number;
    speaker?: string;
    anonymous?: boolean;
    stance: Stance;
    body: string;
    answer?: [AnswerStatus, string];
    line?: number;
    section?: number;
  };
  const statuses: AnswerStatus[] = ["accepted", "partly_accepted", "not_accepted", "not_relevant"];
  const tariffComments: C[] = [
    {
      author: residents[1],
      stance: "against",
      body: "Тариф өтө кымбат, пенсионерлерге жеңилдик керек. Үй-бүлөбүздө төрт адам бар.",
      answer: [statuses[0], "Пенсионерлер үчүн 20 пайыз жеңилдик сунушталат."],
      line: 0,
    },
    {
      author: residents[2], // of Chong-Tash
      anonymous: true,
      stance: "for",
      body: "Машина жумасына эки жолу келсе, баасы туура. Көчөлөр тазараат.",
      answer: [statuses[1], "Графикти айылдар боюнча карап чыгабыз."],
    },
    {
      speaker: "Асан Мамбетов",
      stance: "neutral",
      body: "Тариф эсептөөсүн толук жарыялап коюңуздар, чыгымдардын түзүмүн көргүбүз келет.",
      answer: [statuses[2], "Чыгымдардын түзүмү кулактандыруу менен бирге жарыяланган."],
    },
    {
      author: residents[3], // of Sary-Bulak
      anonymous: true,
      stance: "against",
      body: "Мусорные контейнеры стоят далеко от домов, зимой до них трудно дойти.",
      answer: [statuses[3], "Контейнерлердин жайгашуусу өзүнчө маселе."],
    },
    {
      author: residents[3],
      stance: "for",
      body: "Жаңы тариф менен ишкананын машинасы оңдолот деп үмүттөнөбүз.",
    },
  ];
  const planComments: C[] = [
    {
      author: residents[4],
      stance: "for",
      body: "Суу түтүгүн алмаштыруу биринчи орунда болушу керек, өтө эски.",
      answer: [statuses[0], "Программанын биринчи жылына киргизилди."],
      section: 0,
    },
    {
      speaker: "Мээрим Төлөгөнова",
      stance: "against",
      body: "Балдар бакчасы үчүн жамааттын салымы өтө чоң.",
      answer: [statuses[2], "Донорлордон кошумча каражат изделет."],
      section: 1,
    },
  ];
  async function comments(hearingId: number, list: C[]) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      await makeComment(db, hearingId, {
        at: iso(-20 + i),
        author: c.author,
        anonymous: c.anonymous,
        speaker: c.speaker,
        enteredBy: c.speaker !== undefined ? official : undefined,
        stance: c.stance,
        body: c.body,
        tariffLineId: c.line != null ? lineIds[c.line] : null,
        planSectionId: c.section != null ? sectionIds[c.section] : null,
        answer: c.answer
          ? { status: c.answer[0], text: c.answer[1], by: official, at: iso(-2) }
          : undefined,
      });
    }
  }
  await comments(tariff.id, tariffComments);
  await comments(plan.id, planComments);
  // a hidden comment never reaches the protocol
  await makeComment(db, tariff.id, {
    at: iso(-10),
    author: residents[4],
    stance: "neutral",
    body: "HIDDEN-SPAM-COMMENT",
    hidden: { reason: "spam", by: official, at: iso(-9) },
  });

  // online votes
  const choices: VoteChoice[] = ["for", "against", "for", "abstain", "for"];
  for (let i = 0; i < residents.length; i++) {
    for (const q of tq)
      await makeVote(db, tariff.id, {
        userId: residents[i],
        questionId: q,
        choice: choices[(i + q) % choices.length],
        at: iso(-5),
      });
    await makeVote(db, plan.id, {
      userId: residents[i],
      questionId: pq,
      choice: choices[i],
      at: iso(-5),
    });
  }
  // the meetings, recorded when held, and their show-of-hands tallies
  for (const [hid, qs, attendance] of [
    [tariff.id, tq, 47],
    [plan.id, [pq], 63],
  ] as const)
    await recordMeeting(db, hid, {
      officialId: official,
      at: iso(-3),
      heldAt: iso(-3),
      attendance,
      tallies: qs.map((questionId, i) => ({
        questionId,
        for: 31 + i,
        against: 9 + i,
        abstain: 7 - i,
      })),
    });
  // the tariff hearing's closing is stored (its comment period ended at −1 day); the plan
  // hearing's is not yet: stored open, derived closed
  await settleAt(db, tariff.id, new Date(now.getTime() - DAY + 1000).toISOString());

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
