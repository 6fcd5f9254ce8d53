import type { DB } from "#db/connection";
import { updateDetails } from "~/modules/hearings/commands.server";
import { withClock } from "~/modules/core/clock.server";
import { endOfBishkekDay, fromBishkekLocal, toBishkekDateInput } from "~/modules/format/time";
import { actorOf, buildHearing, settleAt, type SectionSpec } from "./build";
import type { SeedContext } from "./index";

/** Ids of the demo hearings (filled in by the hearings feature). */
export interface SeededHearings {
  /** Issyk-Kul: waste collection by «Таза-Мурас», open for comments now */
  wasteTariff: number | null;
  /** Issyk-Kul: drinking water, announced, comments start in the future */
  waterTariff: number | null;
  /** Issyk-Kul: development programme 2026–2030, closed */
  devPlan: number | null;
  /** another municipality's hearing */
  other: number | null;
}

const DAY = 864e5;
const DEMO_KY = "Демо мазмун: бул угуулар порталды көрсөтүү үчүн түзүлгөн.";
const DEMO_RU = "Демо-содержание: эти слушания созданы для показа портала.";

interface Texts {
  title_ky: string;
  title_ru: string;
  summary_ky: string;
  summary_ru: string;
  body_ky: string;
  body_ru: string;
}
interface Line {
  service: string;
  category: string;
  unit: string;
  current: number; // tyiyn
  proposed: number;
  just_ky: string;
  just_ru: string;
  cost?: [string, string, number][];
}

/** The Bishkek day `days` from now: its start, or its end. */
function day(now: Date, days: number, end = false): string {
  const d = toBishkekDateInput(new Date(now.getTime() + days * DAY));
  return (end ? endOfBishkekDay(d) : fromBishkekLocal(d, "00:00"))!.toISOString();
}
function at(now: Date, days: number, time: string): string {
  return fromBishkekLocal(
    toBishkekDateInput(new Date(now.getTime() + days * DAY)),
    time,
  )!.toISOString();
}

/** Numbers of demo hearings: the fields of the old rows, made through buildHearing. */
interface DemoHearing extends Texts {
  municipality_id: number;
  type: "tariff" | "plan";
  state: "announced" | "open" | "closed";
  short_code: string;
  initiator_kind: "okmotu" | "enterprise";
  initiator_name_ky?: string;
  initiator_name_ru?: string;
  notice_at: string;
  comment_start_at: string;
  comment_end_at: string;
  meeting_at: string;
  meeting_place_ky: string;
  meeting_place_ru: string;
  created_by: number;
  created_at: string;
}

const CATEGORY_WORDS: Record<string, [string, string]> = {
  population: ["калк", "населения"],
  budget: ["бюджеттик уюмдар", "бюджетных организаций"],
  other: ["башка керектөөчүлөр", "прочих потребителей"],
};

/**
 * A demo hearing as its official made it (app/modules/demo/build.ts): created, filled in and
 * announced on its notice day, with its tariff lines (and, with `questionPerLine`, a question on
 * each line after the general one) or its plan sections and projects; stored open at its comment
 * start when `state` is open or closed (the close is stored by settleDemoHearings).
 */
async function hearing(
  db: DB,
  h: DemoHearing,
  o: { lines?: Line[]; questionPerLine?: boolean; sections?: SectionSpec[] } = {},
): Promise<number> {
  const lines = o.lines ?? [];
  const built = await buildHearing(db, {
    municipalityId: h.municipality_id,
    official: h.created_by,
    type: h.type,
    shortCode: h.short_code,
    titleKy: h.title_ky,
    titleRu: h.title_ru,
    summaryKy: h.summary_ky,
    summaryRu: h.summary_ru,
    bodyKy: h.body_ky,
    bodyRu: h.body_ru,
    authoritativeLang: "ky",
    initiatorKind: h.initiator_kind,
    initiatorNameKy: h.initiator_name_ky ?? null,
    initiatorNameRu: h.initiator_name_ru ?? null,
    createdAt: h.created_at,
    noticeAt: h.notice_at,
    commentStartAt: h.comment_start_at,
    commentEndAt: h.comment_end_at,
    meetingAt: h.meeting_at,
    meetingPlaceKy: h.meeting_place_ky,
    meetingPlaceRu: h.meeting_place_ru,
    lines: lines.map((l) => ({
      service: l.service,
      category: l.category,
      unit: l.unit,
      currentPrice: l.current,
      proposedPrice: l.proposed,
      justificationKy: l.just_ky,
      justificationRu: l.just_ru,
      costItems: (l.cost ?? []).map(([nameKy, nameRu, amount]) => ({ nameKy, nameRu, amount })),
    })),
    sections: o.sections,
    moreQuestions: o.questionPerLine
      ? lines.map((l, i) => {
          const cat = CATEGORY_WORDS[l.category]!;
          return {
            titleKy: `${cat[0][0].toUpperCase()}${cat[0].slice(1)} үчүн тарифти колдойсузбу?`,
            titleRu: `Поддерживаете ли вы тариф для ${cat[1]}?`,
            line: i,
          };
        })
      : undefined,
  });
  // a hearing whose period has ended is closed later, by settleDemoHearings, once the
  // participation seed has added its comments and votes (nothing is added after a close)
  if (h.state === "open" || h.state === "closed") await settleAt(db, built.id, h.comment_start_at);
  return built.id;
}

/**
 * Store what the clock gives every demo hearing at `now` (closed when its period is over), as the
 * job tick would: run after the participation seed, before the protocols.
 */
export async function settleDemoHearings(ctx: SeedContext, hearings: SeededHearings) {
  for (const id of Object.values(hearings))
    if (id != null) await settleAt(ctx.db, id, ctx.now.toISOString());
}

export async function seedHearings(ctx: SeedContext): Promise<SeededHearings> {
  const { db, now, places, accounts } = ctx;
  const ik = places.issykKul.id;
  const created = new Date(now.getTime() - 30 * DAY).toISOString();
  const placeKy = "Ак-Булуң айылы, маданият үйү";
  const placeRu = "село Ак-Булун, Дом культуры";

  // 1. Waste collection by «Таза-Мурас»: open now (started 17 days ago, ends in 5 days).
  const wasteTexts: DemoHearing = {
    municipality_id: ik,
    type: "tariff",
    state: "open",
    short_code: "taza26",
    initiator_kind: "enterprise",
    initiator_name_ky: "«Таза-Мурас» муниципалдык ишканасы",
    initiator_name_ru: "Муниципальное предприятие «Таза-Мурас»",
    title_ky: "Таштанды чыгаруу тарифин өзгөртүү",
    title_ru: "Изменение тарифа на вывоз ТБО",
    summary_ky:
      "«Таза-Мурас» ишканасы калк үчүн таштанды чыгаруунун тарифин бир адамга айына 25 сомдон 35 сомго чейин көтөрүүнү сунуштайт.",
    summary_ru:
      "Предприятие «Таза-Мурас» предлагает поднять тариф на вывоз ТБО для населения с 25 до 35 сом на человека в месяц.",
    body_ky: `Күйүүчү май кымбаттады, эки таштанды ташуучу унаа оңдоого муктаж. Жаңы тариф менен ишкана жумасына эки жолу ар бир айылдан таштанды чыгарууну камсыз кылат.\n\n${DEMO_KY}`,
    body_ru: `Подорожало топливо, два мусоровоза нуждаются в ремонте. С новым тарифом предприятие обеспечит вывоз мусора из каждого села два раза в неделю.\n\n${DEMO_RU}`,
    notice_at: day(now, -26),
    comment_start_at: day(now, -17),
    comment_end_at: day(now, 5, true),
    meeting_at: at(now, 7, "10:00"),
    meeting_place_ky: placeKy,
    meeting_place_ru: placeRu,
    created_by: accounts.official,
    created_at: created,
  };
  const wasteTariff = await hearing(
    db,
    {
      ...wasteTexts,
      meeting_place_ky: "Ак-Булуң айылы, айыл өкмөтүнүн имараты",
      meeting_place_ru: "село Ак-Булун, здание айыл окмоту",
    },
    {
      questionPerLine: true,
      lines: [
        {
          service: "waste_collection",
          category: "population",
          unit: "person_month",
          current: 2500,
          proposed: 3500,
          just_ky: "Күйүүчү майдын жана оңдоонун баасы өстү.",
          just_ru: "Выросли цены на топливо и ремонт.",
          cost: [
            ["Күйүүчү май", "Топливо", 1200],
            ["Эмгек акы", "Заработная плата", 1500],
            ["Унааны оңдоо", "Ремонт техники", 500],
            ["Таштанды полигону", "Полигон", 300],
          ],
        },
        {
          service: "waste_collection",
          category: "budget",
          unit: "m3",
          current: 25000,
          proposed: 32000,
          just_ky: "Мектептер жана бала бакчалар үчүн.",
          just_ru: "Для школ и детских садов.",
        },
        {
          service: "waste_collection",
          category: "other",
          unit: "tonne",
          current: 120000,
          proposed: 150000,
          just_ky: "Дүкөндөр, кафелер жана башка ишканалар үчүн.",
          just_ru: "Для магазинов, кафе и других предприятий.",
        },
      ],
    },
  );
  // three days ago the official moved the meeting to the house of culture: version 2
  await withClock(at(now, -3, "11:00"), async () =>
    updateDetails(db, await actorOf(db, accounts.official), wasteTariff, {
      titleKy: wasteTexts.title_ky,
      titleRu: wasteTexts.title_ru,
      summaryKy: wasteTexts.summary_ky,
      summaryRu: wasteTexts.summary_ru,
      bodyKy: wasteTexts.body_ky,
      bodyRu: wasteTexts.body_ru,
      authoritativeLang: "ky",
      initiatorKind: "enterprise",
      initiatorNameKy: wasteTexts.initiator_name_ky ?? null,
      initiatorNameRu: wasteTexts.initiator_name_ru ?? null,
      noticeAt: new Date(wasteTexts.notice_at),
      commentStartAt: new Date(wasteTexts.comment_start_at),
      commentEndAt: new Date(wasteTexts.comment_end_at),
      meetingAt: new Date(wasteTexts.meeting_at),
      meetingPlaceKy: placeKy,
      meetingPlaceRu: placeRu,
    }),
  );

  // 2. Drinking water: announced, comments start in 5 days.
  const waterTariff = await hearing(
    db,
    {
      municipality_id: ik,
      type: "tariff",
      state: "announced",
      short_code: "suu26ik",
      initiator_kind: "okmotu",
      title_ky: "Ичүүчү суунун тарифин бекитүү",
      title_ru: "Утверждение тарифа на питьевую воду",
      summary_ky:
        "Эсептегичсиз үйлөр үчүн бир адамга айына 20 сомдон 35 сомго чейин, эсептегичи барлар үчүн 1 м³ үчүн 14,43 сом.",
      summary_ru:
        "Для домов без счётчика — с 20 до 35 сом на человека в месяц, со счётчиком — 14,43 сом за 1 м³.",
      body_ky: `Тариф Министрлер Кабинетинин 2024-жылдын 19-июнундагы №320 токтомуна ылайык эсептелди. Суу түтүктөрүн жаңылоого каражат керек.\n\n${DEMO_KY}`,
      body_ru: `Тариф рассчитан по постановлению Кабинета Министров № 320 от 19.06.2024. Нужны средства на обновление водопровода.\n\n${DEMO_RU}`,
      notice_at: day(now, -2),
      comment_start_at: day(now, 5),
      comment_end_at: day(now, 24, true),
      meeting_at: at(now, 26, "14:00"),
      meeting_place_ky: "Чоң-Таш айылы, мектептин жыйындар залы",
      meeting_place_ru: "село Чон-Таш, актовый зал школы",
      created_by: accounts.official,
      created_at: created,
    },
    {
      questionPerLine: false,
      lines: [
        {
          service: "drinking_water",
          category: "population",
          unit: "person_month",
          current: 2000,
          proposed: 3500,
          just_ky: "Эсептегичсиз үйлөр үчүн.",
          just_ru: "Для домов без счётчика.",
        },
        {
          service: "drinking_water",
          category: "population",
          unit: "m3",
          current: 1000,
          proposed: 1443,
          just_ky: "Эсептегичи бар үйлөр үчүн.",
          just_ru: "Для домов со счётчиком.",
        },
        {
          service: "drinking_water",
          category: "budget",
          unit: "m3",
          current: 2500,
          proposed: 3000,
          just_ky: "",
          just_ru: "",
        },
        {
          service: "drinking_water",
          category: "other",
          unit: "m3",
          current: 3500,
          proposed: 4200,
          just_ky: "",
          just_ru: "",
        },
      ],
    },
  );

  // 3. Development programme 2026–2030: closed 10 days ago.
  const devPlanTexts: DemoHearing = {
    municipality_id: ik,
    type: "plan",
    state: "closed",
    short_code: "psr2630",
    initiator_kind: "okmotu",
    title_ky:
      "Ысык-Көл айыл аймагынын 2026–2030-жылдарга социалдык-экономикалык өнүктүрүү программасы",
    title_ru:
      "Программа социально-экономического развития Иссык-Кульского айылного аймака на 2026–2030 годы",
    summary_ky: "Суу менен камсыздоо, жолдор, мектептер, таштанды жана спорт боюнча беш бөлүм.",
    summary_ru: "Пять разделов: водоснабжение, дороги, школы, обращение с отходами, спорт.",
    body_ky: `Программа айылдардын тургундары менен жыйындарда талкууланган сунуштардын негизинде даярдалды.\n\n${DEMO_KY}`,
    body_ru: `Программа подготовлена по предложениям, собранным на сходах жителей сёл.\n\n${DEMO_RU}`,
    notice_at: day(now, -45),
    comment_start_at: day(now, -40),
    comment_end_at: day(now, -10, true),
    meeting_at: at(now, -8, "10:00"),
    meeting_place_ky: placeKy,
    meeting_place_ru: placeRu,
    created_by: accounts.official,
    created_at: new Date(now.getTime() - 50 * DAY).toISOString(),
  };
  const plan: [
    string,
    string,
    [string, string, number, number, number, "local" | "republican" | "donor" | "community"][],
  ][] = [
    [
      "Суу менен камсыздоо",
      "Водоснабжение",
      [
        [
          "Ак-Булуңда суу түтүгүн алмаштыруу (4,2 км)",
          "Замена водопровода в Ак-Булуне (4,2 км)",
          1250000000,
          2026,
          2027,
          "republican",
        ],
        [
          "Чоң-Ташта суу сактагыч куруу",
          "Строительство резервуара в Чон-Таше",
          480000000,
          2027,
          2028,
          "donor",
        ],
      ],
    ],
    [
      "Жолдор",
      "Дороги",
      [
        [
          "Борбордук көчөнү асфальттоо",
          "Асфальтирование центральной улицы",
          920000000,
          2026,
          2026,
          "local",
        ],
        [
          "Кызыл-Суудагы көпүрөнү оңдоо",
          "Ремонт моста в Кызыл-Суу",
          310000000,
          2028,
          2028,
          "republican",
        ],
      ],
    ],
    [
      "Мектептер жана бала бакчалар",
      "Школы и детские сады",
      [
        [
          "Сары-Булак мектебинин чатырын оңдоо",
          "Ремонт кровли школы в Сары-Булаке",
          180000000,
          2026,
          2026,
          "local",
        ],
        [
          "Жаңы бала бакча (75 орун)",
          "Новый детский сад на 75 мест",
          2100000000,
          2028,
          2030,
          "donor",
        ],
      ],
    ],
    [
      "Таштанды",
      "Обращение с отходами",
      [
        ["Таштанды ташуучу жаңы унаа", "Новый мусоровоз", 650000000, 2027, 2027, "local"],
        [
          "Таштанды челектери үчүн аянтчалар",
          "Контейнерные площадки",
          90000000,
          2026,
          2029,
          "community",
        ],
      ],
    ],
    [
      "Спорт жана жаштар",
      "Спорт и молодёжь",
      [["Спорт аянтчасы", "Спортивная площадка", 120000000, 2029, 2030, "community"]],
    ],
  ];
  const devPlan = await hearing(db, devPlanTexts, {
    sections: plan.map(([nameKy, nameRu, projects]) => ({
      nameKy,
      nameRu,
      projects: projects.map(([titleKy, titleRu, budget, yearFrom, yearTo, fundingSource]) => ({
        titleKy,
        titleRu,
        budget,
        yearFrom,
        yearTo,
        fundingSource,
      })),
    })),
  });

  // 4. Sary-Oi: drinking water, open.
  const other = await hearing(
    db,
    {
      municipality_id: places.saryOi.id,
      type: "tariff",
      state: "open",
      short_code: "saryoi26",
      initiator_kind: "okmotu",
      title_ky: "Сары-Ойдо ичүүчү суунун тарифи",
      title_ru: "Тариф на питьевую воду в Сары-Ое",
      summary_ky: "Бир адамга айына 20 сомдон 35 сомго чейин; эсептегич менен 1 м³ үчүн 14,43 сом.",
      summary_ru: "С 20 до 35 сом на человека в месяц; по счётчику — 14,43 сом за 1 м³.",
      body_ky: `Суу насосунун электр энергиясына чыгымдар өстү.\n\n${DEMO_KY}`,
      body_ru: `Выросли расходы на электроэнергию для насоса.\n\n${DEMO_RU}`,
      notice_at: day(now, -10),
      comment_start_at: day(now, -3),
      comment_end_at: day(now, 12, true),
      meeting_at: at(now, 14, "11:00"),
      meeting_place_ky: "Сары-Ой айыл өкмөтүнүн имараты",
      meeting_place_ru: "здание айыл окмоту Сары-Ой",
      created_by: accounts.officialSaryOi,
      created_at: created,
    },
    {
      questionPerLine: false,
      lines: [
        {
          service: "drinking_water",
          category: "population",
          unit: "person_month",
          current: 2000,
          proposed: 3500,
          just_ky: "",
          just_ru: "",
        },
        {
          service: "drinking_water",
          category: "population",
          unit: "m3",
          current: 1000,
          proposed: 1443,
          just_ky: "",
          just_ru: "",
        },
      ],
    },
  );

  return { wasteTariff, waterTariff, devPlan, other };
}
