import type { DB } from "#db/connection";
import type { Lang } from "~/modules/i18n/config";
import { normalizeSearch } from "~/modules/format/search";

export interface MunicipalityListItem {
  slug: string;
  name: string;
  kind: "ayil_aimak" | "city";
  isDemo: boolean;
}
export interface DistrictGroup {
  slug: string;
  name: string;
  municipalities: MunicipalityListItem[];
}
export interface OblastGroup {
  slug: string;
  name: string;
  districts: DistrictGroup[];
}

const byName = (lang: Lang) => (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, lang === "ky" ? "ky" : "ru");

/** Municipalities grouped by oblast and district, filtered by a search (ӊ/ң alike, both languages). */
export async function listMunicipalitiesGrouped(
  db: DB,
  lang: Lang,
  query = "",
): Promise<OblastGroup[]> {
  const rows = await db
    .selectFrom("municipalities as m")
    .innerJoin("districts as d", "d.id", "m.district_id")
    .innerJoin("oblasts as o", "o.id", "d.oblast_id")
    .select([
      "m.slug",
      "m.kind",
      "m.is_demo",
      "m.name_ky",
      "m.name_ru",
      "d.slug as d_slug",
      "d.name_ky as d_ky",
      "d.name_ru as d_ru",
      "o.slug as o_slug",
      "o.name_ky as o_ky",
      "o.name_ru as o_ru",
    ])
    .execute();
  const q = normalizeSearch(query);
  const oblasts = new Map<string, OblastGroup>();
  for (const r of rows) {
    if (q) {
      const hay = normalizeSearch([r.name_ky, r.name_ru, r.d_ky, r.d_ru, r.o_ky, r.o_ru].join(" "));
      if (!hay.includes(q)) continue;
    }
    let o = oblasts.get(r.o_slug);
    if (!o) {
      o = { slug: r.o_slug, name: lang === "ky" ? r.o_ky : r.o_ru, districts: [] };
      oblasts.set(r.o_slug, o);
    }
    let d = o.districts.find((x) => x.slug === r.d_slug);
    if (!d) {
      d = { slug: r.d_slug, name: lang === "ky" ? r.d_ky : r.d_ru, municipalities: [] };
      o.districts.push(d);
    }
    d.municipalities.push({
      slug: r.slug,
      name: lang === "ky" ? r.name_ky : r.name_ru,
      kind: r.kind,
      isDemo: r.is_demo === 1,
    });
  }
  const sort = byName(lang);
  const out = [...oblasts.values()].sort(sort);
  for (const o of out) {
    o.districts.sort(sort);
    for (const d of o.districts) d.municipalities.sort(sort);
  }
  return out;
}

export async function findMunicipalitySlugs(db: DB, query: string): Promise<string[]> {
  const groups = await listMunicipalitiesGrouped(db, "ru", query);
  return groups.flatMap((o) => o.districts.flatMap((d) => d.municipalities.map((m) => m.slug)));
}

export interface MunicipalityView {
  id: number;
  slug: string;
  kind: "ayil_aimak" | "city";
  name: string;
  nameKy: string;
  nameRu: string;
  district: string;
  oblast: string;
  isDemo: boolean;
  villages: { id: number; name: string }[];
  settings: {
    minNoticeDays: number;
    minCommentDays: number;
    minVotingAge: number;
    unverifiedMayComment: boolean;
    inPersonQuorum: number;
  };
}

export async function getMunicipalityBySlug(
  db: DB,
  slug: string,
  lang: Lang,
): Promise<MunicipalityView | null> {
  const m = await db
    .selectFrom("municipalities as m")
    .innerJoin("districts as d", "d.id", "m.district_id")
    .innerJoin("oblasts as o", "o.id", "d.oblast_id")
    .selectAll("m")
    .select(["d.name_ky as d_ky", "d.name_ru as d_ru", "o.name_ky as o_ky", "o.name_ru as o_ru"])
    .where("m.slug", "=", slug)
    .executeTakeFirst();
  if (!m) return null;
  const villages = await db
    .selectFrom("villages")
    .select(["id", "name_ky", "name_ru"])
    .where("municipality_id", "=", m.id)
    .execute();
  const name = (x: { name_ky: string; name_ru: string }) => (lang === "ky" ? x.name_ky : x.name_ru);
  return {
    id: m.id,
    slug: m.slug,
    kind: m.kind,
    name: name(m),
    nameKy: m.name_ky,
    nameRu: m.name_ru,
    district: lang === "ky" ? m.d_ky : m.d_ru,
    oblast: lang === "ky" ? m.o_ky : m.o_ru,
    isDemo: m.is_demo === 1,
    villages: villages.map((v) => ({ id: v.id, name: name(v) })).sort(byName(lang)),
    settings: {
      minNoticeDays: m.min_notice_days,
      minCommentDays: m.min_comment_days,
      minVotingAge: m.min_voting_age,
      unverifiedMayComment: m.unverified_may_comment === 1,
      inPersonQuorum: m.in_person_quorum,
    },
  };
}

/** A municipality's villages in one language, in the order they were entered. */
export async function listVillages(db: DB, municipalityId: number, lang: Lang) {
  const rows = await db
    .selectFrom("villages")
    .select(["id", "name_ky", "name_ru"])
    .where("municipality_id", "=", municipalityId)
    .orderBy("id")
    .execute();
  return rows.map((v) => ({ id: v.id, name: lang === "ky" ? v.name_ky : v.name_ru }));
}

/** A municipality's name in one language (null when there is no such municipality). */
export async function municipalityName(db: DB, id: number, lang: Lang): Promise<string | null> {
  const m = await db
    .selectFrom("municipalities")
    .select(["name_ky", "name_ru"])
    .where("id", "=", id)
    .executeTakeFirst();
  return m ? (lang === "ky" ? m.name_ky : m.name_ru) : null;
}
