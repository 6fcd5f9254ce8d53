/**
 * Demo participation (labelled demo content through its municipality): the open waste-collection
 * hearing gets ~40 comments in Kyrgyz and Russian with stances, replies, answers and one hidden
 * comment, and votes from the demo residents and extra demo voters; the closed development
 * programme gets online and in-person votes, a meeting record and answered comments.
 * Hearings missing from SeededHearings (null) are skipped. Everything is done through the
 * participation commands with the clock at each moment (ADR 0090); only the extra demo voters
 * (people and their verifications) are inserted directly.
 */
import type { DB } from "#db/connection";
import type { AnswerStatus, Stance, VoteChoice } from "#db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { withClock } from "~/modules/core/clock.server";
import { hideComment, reportComment } from "~/modules/participation/commands.server";
import { actorOf, makeComment, makeVote, recordMeeting } from "./build";
import type { SeededHearings } from "./hearings";
import type { SeedContext } from "./index";

const HOUR = 60 * 60 * 1000;

/**
 * What a demo comment is about: a tariff line by its category (the waste tariff has one line per
 * category), a plan section by its position (1 water, 2 roads, 3 schools, 4 waste, 5 sport; see
 * hearings.ts), or the whole hearing (null). Every comment sits where its text belongs, and every
 * answer agrees with the proposal's numbers (tests/integration/demo-truth.test.ts).
 */
type Target = { line: "population" | "budget" | "other" } | { section: number } | null;
type DemoComment = [Stance, "ky" | "ru", string, Target, [AnswerStatus, string]?];

const POP: Target = { line: "population" };
const BUDGET: Target = { line: "budget" };
const OTHER: Target = { line: "other" };

/** The waste-collection tariff («Таза-Мурас»): population 25 → 35 сом per person a month (+40 %),
 * budget organisations 250 → 320 сом per m³, others 1 200 → 1 500 сом per tonne. */
const WASTE: DemoComment[] = [
  [
    "against",
    "ky",
    "Тариф өтө кымбат. Пенсионерлерге жеңилдик керек.",
    POP,
    [
      "partly_accepted",
      "Бул сунушта жеңилдик каралган эмес; айыл өкмөтү пенсионерлерге социалдык жардам программасы аркылуу төлөп берүүнү карайт.",
    ],
  ],
  ["for", "ky", "Таштанды үзгүлтүксүз чыгарылса, макулмун.", null],
  [
    "neutral",
    "ru",
    "Сколько раз в неделю будут вывозить мусор в Ак-Булуне?",
    null,
    ["accepted", "Два раза в неделю: во вторник и пятницу."],
  ],
  ["against", "ru", "Зарплаты в селе не растут, а тариф растёт на 40 %.", POP],
  ["for", "ky", "Көчөлөрдө таштанды азайды, ишкана жакшы иштеп жатат.", null],
  [
    "against",
    "ky",
    "Чоң-Таштын ичкери көчөлөрүнө машина такыр келбейт.",
    null,
    ["accepted", "Графикке ички көчөлөр кошулду."],
  ],
  ["neutral", "ru", "Прошу опубликовать смету затрат «Таза-Мурас» подробнее.", POP],
  ["for", "ru", "Поддерживаю: новые контейнеры нужны, старые сгнили.", null],
  [
    "against",
    "ky",
    "Бир үйдө 8 адам жашайбыз, адам башына эсептөө адилетсиз.",
    POP,
    [
      "not_accepted",
      "Адам башына эсептөө Кабинеттин токтомуна ылайык; үй-бүлөлөргө жеңилдик каралбайт.",
    ],
  ],
  [
    "neutral",
    "ky",
    "Төлөмдү мобилдик банк аркылуу кабыл алса болобу?",
    null,
    ["accepted", "Ооба, 2026-жылдан тартып мобилдик банк аркылуу төлөсө болот."],
  ],
  ["against", "ru", "Должники из WhatsApp-списков — это нарушение приватности.", null],
  ["for", "ky", "Жаштар үчүн жумуш орду ачылат, колдойм.", null],
  [
    "neutral",
    "ru",
    "Будет ли отдельный тариф для гостевых домов на берегу?",
    OTHER,
    [
      "partly_accepted",
      "Отдельного тарифа не будет: гостевые дома платят по тарифу для прочих потребителей, 1 500 сом за тонну.",
    ],
  ],
  ["against", "ky", "Сары-Булакта контейнер бир гана, жетишпейт.", null],
  ["for", "ru", "Лучше платить 35 сом, чем жить рядом со свалкой.", POP],
  ["neutral", "ky", "Кыш мезгилинде график кандай болот?", null],
  [
    "against",
    "ru",
    "Сначала отчитайтесь за прошлый год, потом повышайте.",
    null,
    ["not_accepted", "Отчёт за 2025 год опубликован на странице слушаний."],
  ],
  ["for", "ky", "Балдар бакчасынын жанын тазалап турушат, рахмат.", BUDGET],
  ["against", "ky", "Айылда иш жок, 35 сом көп.", POP],
  [
    "neutral",
    "ru",
    "Можно ли сортировать пластик отдельно?",
    null,
    ["accepted", "Да, в 2026 году поставим отдельные контейнеры для пластика."],
  ],
  ["for", "ru", "Поддерживаю, но прошу контроль качества со стороны кенеша.", null],
  ["against", "ky", "Кызыл-Суу жакта машина эки жумада бир келет.", null],
  ["neutral", "ky", "Тарифтин негиздемесин кыргыз тилинде да жарыялагыла.", null],
  ["for", "ky", "Туристтер көп келет, тазалык керек. Колдойм.", null],
  [
    "against",
    "ru",
    "Для школ 320 сом за кубометр — слишком много.",
    BUDGET,
    [
      "partly_accepted",
      "Тариф для бюджетных организаций остаётся 320 сом за м³ (сейчас 250 сом); вывоз от школ — два раза в неделю без доплаты.",
    ],
  ],
  ["neutral", "ru", "Кто будет вывозить строительный мусор?", OTHER],
  ["for", "ky", "Мен макулмун, бирок төлөм квитанциясы айына бир келсин.", null],
  ["against", "ky", "Мурдагы тарифте да кызмат начар болчу.", null],
  ["neutral", "ru", "Будет ли скидка многодетным семьям?", POP],
  ["for", "ru", "За. Свалка у реки — позор для села.", null],
  ["against", "ky", "Жеке үйлөр менен көп кабаттуу үйлөрдүн тарифи бирдей болбошу керек.", POP],
  ["neutral", "ky", "Ишкананын телефон номерин жарыялап койгула.", null],
];
const WASTE_REPLIES: [number, "ky" | "ru", string][] = [
  [0, "ky", "Туура айтасыз, пенсиябыз аз."],
  [0, "ru", "Согласна, льгота нужна и инвалидам."],
  [3, "ru", "Но без повышения предприятие не купит новую машину."],
  [5, "ky", "Биздин көчөгө да келбейт."],
  [10, "ru", "Списки можно рассылать лично, а не в общий чат."],
  [14, "ky", "Мен да ушундай ойдомун."],
];

/**
 * The development programme (closed). Budgets: 61 млн сом in all — donors 25,8 млн (42 %),
 * republican budget 15,6 млн (26 %), local budget 17,5 млн (29 %), community 2,1 млн (3 %).
 */
const PLAN: [Stance, "ky" | "ru", string, Target, [AnswerStatus, string]][] = [
  [
    "for",
    "ky",
    "Мектептин чатырын оңдоо биринчи кезекте болсун.",
    { section: 3 },
    ["accepted", "Сары-Булак мектебинин чатыры 2026-жылы оңдолот."],
  ],
  [
    "against",
    "ru",
    "Спортплощадка подождёт, сначала отремонтируйте мост в Кызыл-Суу.",
    { section: 2 },
    [
      "partly_accepted",
      "Ремонт моста в Кызыл-Суу — в 2028 году за счёт республиканского бюджета; раньше средств нет.",
    ],
  ],
  [
    "neutral",
    "ky",
    "Ичүүчү суу түтүктөрүн алмаштыруу каралганбы?",
    { section: 1 },
    ["accepted", "Ооба, «Суу менен камсыздоо» бөлүмүндө, 2026–2027-жылдары."],
  ],
  [
    "for",
    "ru",
    "Поддерживаю программу, особенно асфальт на центральной улице.",
    { section: 2 },
    ["accepted", "Спасибо, центральную улицу асфальтируют в 2026 году."],
  ],
  [
    "against",
    "ky",
    "Донорлордун акчасына гана таянуу туура эмес.",
    null,
    [
      "not_accepted",
      "Программада донорлордун үлүшү 42 %; калганы республикалык бюджет (26 %), жергиликтүү бюджет (29 %) жана коомчулук (3 %).",
    ],
  ],
];

/** In-person speakers at the meeting of the development programme. */
const PLAN_SPEAKERS: [string, Stance, string, Target, [AnswerStatus, string]][] = [
  [
    "Токтосун Абдыкадыров",
    "for",
    "Жолдорду оңдоо биринчи орунда болсун.",
    { section: 2 },
    ["accepted", "Борбордук көчө 2026-жылы асфальтталат."],
  ],
  [
    "Гүлмира Асанова",
    "neutral",
    "Балдар бакчасына орун жетишпейт.",
    { section: 3 },
    ["partly_accepted", "75 орундуу жаңы бала бакча 2028–2030-жылдары курулат."],
  ],
  [
    "Сергей Ким",
    "against",
    "Бюджет слишком оптимистичный.",
    null,
    ["not_accepted", "Бюджет согласован с районной администрацией."],
  ],
];

/** The ids of a hearing's questions, in order (every hearing has at least one). */
async function firstQuestion(db: DB, hearingId: number): Promise<number[]> {
  const qs = await db
    .selectFrom("questions")
    .select("id")
    .where("hearing_id", "=", hearingId)
    .orderBy("position")
    .execute();
  return qs.map((q) => q.id);
}

/** Extra verified demo voters of Issyk-Kul (no sign-in needed; they exist for the counts). */
async function extraVoters(
  ctx: SeedContext,
  n: number,
): Promise<{ id: number; village: number }[]> {
  const { db, now, places } = ctx;
  const at = now.toISOString();
  const hash = await hashPassword(`demo-voter-${ctx.secret}`);
  const villages = Object.values(places.issykKul.villages);
  const out: { id: number; village: number }[] = [];
  for (let i = 0; i < n; i++) {
    const village = villages[i % villages.length];
    const u = await db
      .insertInto("users")
      .values({
        email: `voter${i + 1}@jyiyn.demo`,
        phone: null,
        display_name: `Демо шайлоочу ${i + 1}`,
        password_hash: hash,
        municipality_id: places.issykKul.id,
        village_id: village,
        is_admin: 0,
        locale: i % 2 ? "ru" : "ky",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("verifications")
      .values({
        user_id: u.id,
        municipality_id: places.issykKul.id,
        village_id: village,
        person_hash: `demo-voter-${i + 1}`,
        birth_date: `${1960 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
        method: "in_person",
        verified_by: ctx.accounts.official,
        created_at: at,
      })
      .execute();
    out.push({ id: u.id, village });
  }
  return out;
}

export async function seedParticipation(ctx: SeedContext, hearings: SeededHearings): Promise<void> {
  const { db, now, accounts, places } = ctx;
  if (!hearings.wasteTariff && !hearings.devPlan) return;
  const ik = places.issykKul.villages;
  const residents = [
    { id: accounts.residents.aigul, village: ik.akBulung },
    { id: accounts.residents.bakyt, village: ik.chongTash },
    { id: accounts.residents.nurlan, village: ik.saryBulak },
  ];
  const voters = [...residents, ...(await extraVoters(ctx, 24))];
  const authors = [...residents, { id: accounts.residents.unverified, village: ik.kyzylSuu }];

  /** The row ids a demo target names, in this hearing (the whole hearing if it has no such part). */
  async function targetIds(hearingId: number, target: Target) {
    if (target && "line" in target) {
      const l = await db
        .selectFrom("tariff_lines")
        .select("id")
        .where("hearing_id", "=", hearingId)
        .where("category", "=", target.line)
        .executeTakeFirst();
      return { tariff_line_id: l?.id ?? null, plan_section_id: null };
    }
    if (target && "section" in target) {
      const sec = await db
        .selectFrom("plan_sections")
        .select("id")
        .where("hearing_id", "=", hearingId)
        .where("position", "=", target.section)
        .executeTakeFirst();
      return { tariff_line_id: null, plan_section_id: sec?.id ?? null };
    }
    return { tariff_line_id: null, plan_section_id: null };
  }

  /** Comments posted through the commands, spread over [from, to]; answered half a step later. */
  async function seedComments(
    hearingId: number,
    items: DemoComment[],
    from: number,
    to: number,
  ): Promise<number[]> {
    const ids: number[] = [];
    const step = (to - from) / (items.length + 1);
    for (const [i, [stance, lang, body, target, answer]] of items.entries()) {
      const a = authors[i % authors.length];
      const t = await targetIds(hearingId, target);
      ids.push(
        await makeComment(db, hearingId, {
          at: new Date(from + step * (i + 1)).toISOString(),
          author: a.id,
          anonymous: i % 4 === 3,
          stance,
          body,
          lang,
          tariffLineId: t.tariff_line_id,
          planSectionId: t.plan_section_id,
          answer: answer
            ? {
                status: answer[0],
                text: answer[1],
                by: accounts.official,
                at: new Date(from + step * (i + 1.5)).toISOString(),
              }
            : undefined,
        }),
      );
    }
    return ids;
  }

  /** Votes cast through castVote at `at`. */
  async function seedVotes(
    hearingId: number,
    questionIds: number[],
    who: { id: number; village: number }[],
    pick: (i: number) => VoteChoice,
    at: string,
  ) {
    for (const q of questionIds)
      for (const [i, v] of who.entries())
        await makeVote(db, hearingId, { userId: v.id, questionId: q, choice: pick(i), at });
  }

  if (hearings.wasteTariff) {
    const h = await db
      .selectFrom("hearings")
      .select(["id", "comment_start_at"])
      .where("id", "=", hearings.wasteTariff)
      .executeTakeFirstOrThrow();
    const start = h.comment_start_at
      ? Date.parse(h.comment_start_at)
      : now.getTime() - 5 * 24 * HOUR;
    const ids = await seedComments(h.id, WASTE, start, now.getTime() - HOUR);
    for (const [k, [parent, lang, body]] of WASTE_REPLIES.entries())
      await makeComment(db, h.id, {
        at: new Date(now.getTime() - HOUR + (k + 1) * 60_000).toISOString(),
        author: authors[(k + 1) % authors.length].id,
        parentId: ids[parent],
        stance: "neutral",
        body,
        lang,
      });
    // one hidden comment (text kept), reported by a resident first
    const hidden = await makeComment(db, h.id, {
      at: new Date(now.getTime() - 30 * 60_000).toISOString(),
      author: accounts.residents.unverified,
      stance: "against",
      body: "Бул жерде жарнама: арзан көмүр сатабыз, телефон 0555 000 000!",
      lang: "ky",
    });
    await withClock(new Date(now.getTime() - 25 * 60_000), async () =>
      reportComment(db, await actorOf(db, accounts.residents.nurlan), hidden, "Жарнама"),
    );
    await withClock(new Date(now.getTime() - 20 * 60_000), async () =>
      hideComment(db, await actorOf(db, accounts.official), hidden, "Жарнама / Реклама"),
    );
    // demo voters (not Айгүл, so a visitor can try voting with her account)
    const qs = await firstQuestion(db, h.id);
    await seedVotes(
      h.id,
      qs,
      voters.slice(1),
      (i) => (["for", "for", "against", "abstain", "for"] as const)[i % 5],
      new Date(now.getTime() - 2 * HOUR).toISOString(),
    );
  }

  if (hearings.devPlan) {
    const h = await db
      .selectFrom("hearings")
      .select(["id", "comment_start_at", "comment_end_at", "meeting_at"])
      .where("id", "=", hearings.devPlan)
      .executeTakeFirstOrThrow();
    const end = h.comment_end_at ? Date.parse(h.comment_end_at) : now.getTime() - 3 * 24 * HOUR;
    const start = h.comment_start_at ? Date.parse(h.comment_start_at) : end - 14 * 24 * HOUR;
    await seedComments(h.id, PLAN, start, end - HOUR);
    const qs = await firstQuestion(db, h.id);
    await seedVotes(
      h.id,
      qs,
      voters,
      (i) => (["for", "for", "for", "against", "abstain"] as const)[i % 5],
      new Date(end - 2 * 24 * HOUR).toISOString(),
    );
    const at = new Date(h.meeting_at ? Date.parse(h.meeting_at) : end - 24 * HOUR).toISOString();
    // the official records the meeting two hours after it: attendance, tally, the speakers with
    // the answers given there
    await recordMeeting(db, h.id, {
      officialId: accounts.official,
      at: new Date(Date.parse(at) + 2 * HOUR).toISOString(),
      heldAt: at,
      attendance: 64,
      notes: "Демо: жыйын айыл өкмөтүнүн залында өттү.",
      tallies: qs.map((questionId) => ({ questionId, for: 41, against: 15, abstain: 8 })),
    });
    const villages = Object.values(ik);
    for (const [i, [name, stance, body, target, answer]] of PLAN_SPEAKERS.entries()) {
      const t = await targetIds(h.id, target);
      await makeComment(db, h.id, {
        at: new Date(Date.parse(at) + 2 * HOUR + (i + 1) * 60_000).toISOString(),
        speaker: name,
        enteredBy: accounts.official,
        villageId: villages[i % villages.length],
        stance,
        body,
        tariffLineId: t.tariff_line_id,
        planSectionId: t.plan_section_id,
        answer: {
          status: answer[0],
          text: answer[1],
          by: accounts.official,
          at: new Date(Date.parse(at) + 3 * HOUR).toISOString(),
        },
      });
    }
  }
}
