import type { DB } from "#db/connection";

/** Demo places (labelled as demo content): three oblasts, four municipalities, their villages. */
export interface SeededPlaces {
  issykKul: { id: number; villages: Record<string, number> };
  saryOi: { id: number; villages: Record<string, number> };
  lebedinovka: { id: number; villages: Record<string, number> };
  karaSuu: { id: number; villages: Record<string, number> };
}

const OBLASTS = [
  { slug: "issyk-kul", name_ky: "Ысык-Көл облусу", name_ru: "Иссык-Кульская область" },
  { slug: "chui", name_ky: "Чүй облусу", name_ru: "Чуйская область" },
  { slug: "osh", name_ky: "Ош облусу", name_ru: "Ошская область" },
];
const DISTRICTS = [
  { oblast: "issyk-kul", slug: "tyup", name_ky: "Түп району", name_ru: "Тюпский район" },
  {
    oblast: "issyk-kul",
    slug: "issyk-kul-district",
    name_ky: "Ысык-Көл району",
    name_ru: "Иссык-Кульский район",
  },
  { oblast: "chui", slug: "alamudun", name_ky: "Аламүдүн району", name_ru: "Аламудунский район" },
  {
    oblast: "osh",
    slug: "kara-suu-district",
    name_ky: "Кара-Суу району",
    name_ru: "Карасуйский район",
  },
];
const MUNICIPALITIES = [
  {
    key: "issykKul",
    district: "tyup",
    slug: "issyk-kul-tyup",
    kind: "ayil_aimak" as const,
    name_ky: "Ысык-Көл айыл аймагы",
    name_ru: "Иссык-Кульский айылный аймак",
    villages: [
      ["akBulung", "Ак-Булуң", "Ак-Булун"],
      ["chongTash", "Чоң-Таш", "Чон-Таш"],
      ["saryBulak", "Сары-Булак", "Сары-Булак"],
      ["kyzylSuu", "Кызыл-Суу", "Кызыл-Суу"],
    ],
    settings: {
      min_notice_days: 10,
      min_comment_days: 14,
      min_voting_age: 18,
      unverified_may_comment: 1,
      in_person_quorum: 30,
    },
  },
  {
    key: "saryOi",
    district: "issyk-kul-district",
    slug: "sary-oi",
    kind: "ayil_aimak" as const,
    name_ky: "Сары-Ой айыл аймагы",
    name_ru: "Сары-Ойский айылный аймак",
    villages: [
      ["saryOi", "Сары-Ой", "Сары-Ой"],
      ["chyrpykty", "Чырпыкты", "Чырпыкты"],
    ],
    settings: {
      min_notice_days: 7,
      min_comment_days: 10,
      min_voting_age: 18,
      unverified_may_comment: 0,
      in_person_quorum: 0,
    },
  },
  {
    key: "lebedinovka",
    district: "alamudun",
    slug: "lebedinovka",
    kind: "ayil_aimak" as const,
    name_ky: "Лебединовка айыл аймагы",
    name_ru: "Лебединовский айылный аймак",
    villages: [
      ["lebedinovka", "Лебединовка", "Лебединовка"],
      ["kok-jar", "Көк-Жар", "Кок-Жар"],
    ],
    settings: {
      min_notice_days: 10,
      min_comment_days: 14,
      min_voting_age: 18,
      unverified_may_comment: 1,
      in_person_quorum: 0,
    },
  },
  {
    key: "karaSuu",
    district: "kara-suu-district",
    slug: "kara-suu",
    kind: "city" as const,
    name_ky: "Кара-Суу шаары",
    name_ru: "Город Кара-Суу",
    villages: [["karaSuu", "Кара-Суу", "Кара-Суу"]],
    settings: {
      min_notice_days: 15,
      min_comment_days: 20,
      min_voting_age: 18,
      unverified_may_comment: 1,
      in_person_quorum: 50,
    },
  },
];

export async function seedPlaces(db: DB, createdAt: string): Promise<SeededPlaces> {
  const oblastIds: Record<string, number> = {};
  for (const o of OBLASTS) {
    const r = await db.insertInto("oblasts").values(o).returning("id").executeTakeFirstOrThrow();
    oblastIds[o.slug] = r.id;
  }
  const districtIds: Record<string, number> = {};
  for (const d of DISTRICTS) {
    const r = await db
      .insertInto("districts")
      .values({
        oblast_id: oblastIds[d.oblast],
        slug: d.slug,
        name_ky: d.name_ky,
        name_ru: d.name_ru,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    districtIds[d.slug] = r.id;
  }
  const out = {} as SeededPlaces;
  for (const m of MUNICIPALITIES) {
    const r = await db
      .insertInto("municipalities")
      .values({
        district_id: districtIds[m.district],
        slug: m.slug,
        kind: m.kind,
        name_ky: m.name_ky,
        name_ru: m.name_ru,
        is_demo: 1,
        created_at: createdAt,
        ...m.settings,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const villages: Record<string, number> = {};
    for (const [key, ky, ru] of m.villages) {
      const v = await db
        .insertInto("villages")
        .values({ municipality_id: r.id, name_ky: ky, name_ru: ru })
        .returning("id")
        .executeTakeFirstOrThrow();
      villages[key] = v.id;
    }
    out[m.key as keyof SeededPlaces] = { id: r.id, villages };
  }
  return out;
}
