import PDFDocument from "pdfkit";
import type { Actor } from "~/modules/auth/permissions";
import { loadSessionUser } from "~/modules/auth/session.server";
import { fromBishkekLocal, toBishkekDateInput } from "~/modules/format/time";
import { dejavu } from "~/modules/protocol/typeset.server";
import { enterTariff, type ManualTariffInput } from "~/modules/tariffs/commands.server";
import { firstOfNextMonth } from "~/modules/tariffs/register";
import { buildHearing, protocolTo, settleAt } from "./build";
import type { SeedContext } from "./index";

/**
 * Demo content for the tariff register (issue 15), all marked as demo:
 * - Issyk-Kul ayil aimak: tariffs entered by hand from before the portal (2022, with a scan), then
 *   a waste-collection tariff hearing held about a year ago whose protocol the council approved
 *   (the register entries come from that approval, through the same command a secretary uses);
 * - Sary-Oi and a dozen more municipalities in six oblasts with tariffs entered by hand, so the
 *   comparison on a new hearing has neighbours to compare with.
 * The demo hearings' "current" prices match what the register says is in force.
 */
export async function seedTariffs(ctx: SeedContext): Promise<void> {
  const { db, now, accounts, places } = ctx;
  const admin: Actor = { ...(await loadSessionUser(db, accounts.admin))!, isAdmin: true };
  const scan = await scanPdf();
  const at = now.toISOString();
  const enter = (municipalityId: number, e: Partial<ManualTariffInput> & Entry) =>
    enterTariff(db, admin, municipalityId, {
      providerKind: "enterprise",
      providerNameKy: "",
      providerNameRu: "",
      validTo: null,
      document: { fileName: "toktom-scan.pdf", data: scan },
      correctsId: null,
      reason: null,
      isDemo: true,
      ...e,
    });

  // ---- Issyk-Kul ayil aimak (Tyup): before the portal, by hand ----------------------------------
  const ik = places.issykKul.id;
  const tazaMuras = {
    providerKind: "enterprise" as const,
    providerNameKy: "«Таза-Мурас» муниципалдык ишканасы",
    providerNameRu: "Муниципальное предприятие «Таза-Мурас»",
  };
  const okmotu = {
    providerKind: "okmotu" as const,
    providerNameKy: "Ысык-Көл айыл өкмөтү",
    providerNameRu: "Айыл окмоту Иссык-Кульского айылного аймака",
  };
  const old = { resolutionNumber: "7/2", resolutionDate: "2021-12-15", validFrom: "2022-01-01" };
  await enter(ik, { ...W_POP, ...tazaMuras, ...old, price: 2000 });
  await enter(ik, { ...W_BUDGET, ...tazaMuras, ...old, price: 20000 });
  await enter(ik, { ...W_OTHER, ...tazaMuras, ...old, price: 100000 });
  const water = { resolutionNumber: "21/4", resolutionDate: "2023-02-10", validFrom: "2023-03-01" };
  await enter(ik, { ...D_POP, ...okmotu, ...water, price: 2000 });
  await enter(ik, { ...D_M3, ...okmotu, ...water, price: 1000 });
  await enter(ik, { ...D_BUDGET, ...okmotu, ...water, price: 2500 });
  await enter(ik, { ...D_OTHER, ...okmotu, ...water, price: 3500 });

  // ---- Issyk-Kul: a waste tariff hearing a year ago, approved by the council --------------------
  await approvedWasteHearing(ctx);

  // ---- Sary-Oi and a dozen more municipalities, by hand -----------------------------------------
  const so = places.saryOi.id;
  const soRes = { resolutionNumber: "4/1", resolutionDate: "2024-05-20", validFrom: "2024-06-01" };
  await enter(so, { ...D_POP, ...soRes, price: 2000, providerKind: "okmotu" });
  await enter(so, { ...D_M3, ...soRes, price: 1000, providerKind: "okmotu" });
  await enter(so, { ...W_POP, ...soRes, price: 2200, providerKind: "okmotu" });
  await enter(places.lebedinovka.id, { ...W_POP, ...res(2024, 3), price: 3000 });
  await enter(places.lebedinovka.id, { ...D_M3, ...res(2023, 9), price: 1600 });
  await enter(places.karaSuu.id, { ...W_POP, ...res(2023, 1), price: 2000 });
  await enter(places.karaSuu.id, { ...D_POP, ...res(2024, 1), price: 2500 });

  const ids = await morePlaces(ctx, at);
  for (const [slug, prices] of Object.entries(MORE_PRICES)) {
    const m = ids[slug];
    const [waste, waterPop, waterM3, wasteBudget] = prices;
    const r = res(2023 + (m % 3), 1 + (m % 9));
    if (waste) await enter(m, { ...W_POP, ...r, price: waste });
    if (waterPop) await enter(m, { ...D_POP, ...r, price: waterPop, providerKind: "okmotu" });
    if (waterM3) await enter(m, { ...D_M3, ...r, price: waterM3, providerKind: "okmotu" });
    if (wasteBudget) await enter(m, { ...W_BUDGET, ...r, price: wasteBudget });
  }
}

interface Entry {
  service: string;
  category: string;
  unit: string;
  price: number;
  resolutionNumber: string;
  resolutionDate: string;
  validFrom: string;
}
const W_POP = { service: "waste_collection", category: "population", unit: "person_month" };
const W_BUDGET = { service: "waste_collection", category: "budget", unit: "m3" };
const W_OTHER = { service: "waste_collection", category: "other", unit: "tonne" };
const D_POP = { service: "drinking_water", category: "population", unit: "person_month" };
const D_M3 = { service: "drinking_water", category: "population", unit: "m3" };
const D_BUDGET = { service: "drinking_water", category: "budget", unit: "m3" };
const D_OTHER = { service: "drinking_water", category: "other", unit: "m3" };

/** A resolution of the given year and month, in force from the first of the next month. */
function res(year: number, month: number) {
  const date = `${year}-${String(month).padStart(2, "0")}-15`;
  return {
    resolutionNumber: `${month}/${year % 100}`,
    resolutionDate: date,
    validFrom: firstOfNextMonth(date),
  };
}

/** Prices in tyiyn: waste per person a month, water per person a month, water per m³, waste budget per m³. */
const MORE_PRICES: Record<string, [number, number, number, number]> = {
  ananyevo: [2300, 2500, 1200, 22000],
  tamga: [2000, 1800, 0, 0],
  bokonbaev: [2500, 3000, 1500, 26000],
  belovodskoe: [3500, 4000, 1800, 30000],
  baitik: [3000, 3500, 1700, 0],
  kemin: [2800, 0, 1400, 24000],
  nookat: [2000, 2200, 1100, 0],
  "kara-kulja": [1500, 1500, 900, 0],
  "bazar-korgon": [1800, 2000, 1000, 18000],
  toktogul: [2500, 2800, 1300, 0],
  kochkor: [2000, 2500, 0, 20000],
  "manas-talas": [2200, 2400, 1200, 0],
};

const MORE: {
  slug: string;
  oblast: string;
  district: [string, string, string];
  kind: "ayil_aimak" | "city";
  ky: string;
  ru: string;
}[] = [
  {
    slug: "ananyevo",
    oblast: "issyk-kul",
    district: ["issyk-kul-district", "", ""],
    kind: "ayil_aimak",
    ky: "Ананьево айыл аймагы",
    ru: "Ананьевский айылный аймак",
  },
  {
    slug: "tamga",
    oblast: "issyk-kul",
    district: ["jeti-oguz", "Жети-Өгүз району", "Джети-Огузский район"],
    kind: "ayil_aimak",
    ky: "Тамга айыл аймагы",
    ru: "Тамгинский айылный аймак",
  },
  {
    slug: "bokonbaev",
    oblast: "issyk-kul",
    district: ["ton", "Тоң району", "Тонский район"],
    kind: "ayil_aimak",
    ky: "Бөкөнбаев айыл аймагы",
    ru: "Боконбаевский айылный аймак",
  },
  {
    slug: "belovodskoe",
    oblast: "chui",
    district: ["moskva-district", "Москва району", "Московский район"],
    kind: "ayil_aimak",
    ky: "Беловодск айыл аймагы",
    ru: "Беловодский айылный аймак",
  },
  {
    slug: "baitik",
    oblast: "chui",
    district: ["alamudun", "", ""],
    kind: "ayil_aimak",
    ky: "Байтик айыл аймагы",
    ru: "Байтикский айылный аймак",
  },
  {
    slug: "kemin",
    oblast: "chui",
    district: ["kemin-district", "Кемин району", "Кеминский район"],
    kind: "ayil_aimak",
    ky: "Кемин айыл аймагы",
    ru: "Кеминский айылный аймак",
  },
  {
    slug: "nookat",
    oblast: "osh",
    district: ["nookat-district", "Ноокат району", "Ноокатский район"],
    kind: "city",
    ky: "Ноокат шаары",
    ru: "Город Ноокат",
  },
  {
    slug: "kara-kulja",
    oblast: "osh",
    district: ["kara-kulja-district", "Кара-Кулжа району", "Кара-Кульджинский район"],
    kind: "ayil_aimak",
    ky: "Кара-Кулжа айыл аймагы",
    ru: "Кара-Кульджинский айылный аймак",
  },
  {
    slug: "bazar-korgon",
    oblast: "jalal-abad",
    district: ["bazar-korgon-district", "Базар-Коргон району", "Базар-Коргонский район"],
    kind: "ayil_aimak",
    ky: "Базар-Коргон айыл аймагы",
    ru: "Базар-Коргонский айылный аймак",
  },
  {
    slug: "toktogul",
    oblast: "jalal-abad",
    district: ["toktogul-district", "Токтогул району", "Токтогульский район"],
    kind: "city",
    ky: "Токтогул шаары",
    ru: "Город Токтогул",
  },
  {
    slug: "kochkor",
    oblast: "naryn",
    district: ["kochkor-district", "Кочкор району", "Кочкорский район"],
    kind: "ayil_aimak",
    ky: "Кочкор айыл аймагы",
    ru: "Кочкорский айылный аймак",
  },
  {
    slug: "manas-talas",
    oblast: "talas",
    district: ["talas-district", "Талас району", "Таласский район"],
    kind: "ayil_aimak",
    ky: "Манас айыл аймагы",
    ru: "Манасский айылный аймак",
  },
];
const NEW_OBLASTS: Record<string, [string, string]> = {
  "jalal-abad": ["Жалал-Абад облусу", "Джалал-Абадская область"],
  naryn: ["Нарын облусу", "Нарынская область"],
  talas: ["Талас облусу", "Таласская область"],
};

/** The dozen demo municipalities (and their new oblasts and districts); slug → id. */
async function morePlaces(ctx: SeedContext, at: string): Promise<Record<string, number>> {
  const { db } = ctx;
  const oblastId = async (slug: string) => {
    const o = await db
      .selectFrom("oblasts")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (o) return o.id;
    const [ky, ru] = NEW_OBLASTS[slug];
    return (
      await db
        .insertInto("oblasts")
        .values({ slug, name_ky: ky, name_ru: ru })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  };
  const out: Record<string, number> = {};
  for (const m of MORE) {
    const [dslug, dky, dru] = m.district;
    let d = await db
      .selectFrom("districts")
      .select("id")
      .where("slug", "=", dslug)
      .executeTakeFirst();
    if (!d)
      d = await db
        .insertInto("districts")
        .values({ oblast_id: await oblastId(m.oblast), slug: dslug, name_ky: dky, name_ru: dru })
        .returning("id")
        .executeTakeFirstOrThrow();
    const r = await db
      .insertInto("municipalities")
      .values({
        district_id: d.id,
        slug: m.slug,
        kind: m.kind,
        name_ky: m.ky,
        name_ru: m.ru,
        is_demo: 1,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    out[m.slug] = r.id;
  }
  return out;
}

/** A one-page PDF standing in for a resolution's scan, marked as demo. */
async function scanPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A5" });
  doc.registerFont("R", dejavu().files.R);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  doc
    .font("R")
    .fontSize(14)
    .text("Демо мазмун: токтомдун сканы\nДемонстрационные данные: скан постановления");
  doc.end();
  return new Uint8Array(await done);
}

const DAY = 864e5;

/**
 * A waste-collection tariff hearing of Issyk-Kul held about a year ago (20 → 25 сом per person a
 * month), closed, its protocol drafted, submitted and approved by the demo secretary: the
 * approval writes the register entries in force from the first of the following month.
 */
async function approvedWasteHearing(ctx: SeedContext): Promise<void> {
  const { db, now, accounts, places } = ctx;
  const day = (n: number, time = "00:00") =>
    fromBishkekLocal(toBishkekDateInput(new Date(now.getTime() + n * DAY)), time)!.toISOString();
  const { id } = await buildHearing(db, {
    municipalityId: places.issykKul.id,
    official: accounts.official,
    type: "tariff",
    shortCode: "IKW2025",
    titleKy: "Таштанды чыгаруу тарифи, 2025 (демо)",
    titleRu: "Тариф на вывоз ТБО, 2025 (демо)",
    summaryKy: "20 сомдон 25 сомго чейин бир адамга айына. Демо мазмун.",
    summaryRu: "С 20 до 25 сом на человека в месяц. Демонстрационные данные.",
    bodyKy: "Демо мазмун: бул угуулар порталды көрсөтүү үчүн түзүлгөн.",
    bodyRu: "Демо-содержание: эти слушания созданы для показа портала.",
    authoritativeLang: "ky",
    initiatorKind: "enterprise",
    initiatorNameKy: "«Таза-Мурас» муниципалдык ишканасы",
    initiatorNameRu: "Муниципальное предприятие «Таза-Мурас»",
    createdAt: day(-402),
    noticeAt: day(-400),
    commentStartAt: day(-390),
    commentEndAt: day(-370),
    meetingAt: day(-372, "10:00"),
    meetingPlaceKy: "Ак-Булуң айылындагы маданият үйү",
    meetingPlaceRu: "Дом культуры села Ак-Булун",
    lines: (
      [
        [W_POP, 2000, 2500],
        [W_BUDGET, 20000, 25000],
        [W_OTHER, 100000, 120000],
      ] as const
    ).map(([k, currentPrice, proposedPrice]) => ({ ...k, currentPrice, proposedPrice })),
  });
  // closed by the clock after its period; ten days later the council approved the protocol (the
  // tariffs in force from the first of the following month)
  await settleAt(db, id, new Date(Date.parse(day(-370)) + 1000).toISOString());
  await protocolTo(db, id, {
    stage: "approved",
    officialId: accounts.official,
    secretaryId: accounts.secretary,
    at: day(-360, "12:00"),
    chairName: "Жылдыз Асанова",
    secretaryName: "Айнура Үсөнова",
    conclusionsKy: "Тарифти бекитүү сунушталат. (Демо мазмун)",
    conclusionsRu: "Рекомендуется утвердить тариф. (Демонстрационные данные)",
    resolutionNumber: "31/2",
    deputies: { for: 12, against: 2, abstain: 1 },
    demo: true,
  });
}
