import type { DB } from "#db/connection";
import type { Lang } from "../i18n/config";

export interface VillageChoice {
  municipalityId: number;
  municipality: string;
  slug: string;
  villages: { id: number; name: string }[];
}

/** Municipalities with their villages, for the registration form (one grouped select). */
export async function villageChoices(db: DB, lang: Lang): Promise<VillageChoice[]> {
  const rows = await db
    .selectFrom("villages as v")
    .innerJoin("municipalities as m", "m.id", "v.municipality_id")
    .select([
      "v.id",
      "v.name_ky",
      "v.name_ru",
      "m.id as mid",
      "m.slug",
      "m.name_ky as mky",
      "m.name_ru as mru",
    ])
    .execute();
  const byM = new Map<number, VillageChoice>();
  for (const r of rows) {
    let m = byM.get(r.mid);
    if (!m) {
      m = {
        municipalityId: r.mid,
        municipality: lang === "ky" ? r.mky : r.mru,
        slug: r.slug,
        villages: [],
      };
      byM.set(r.mid, m);
    }
    m.villages.push({ id: r.id, name: lang === "ky" ? r.name_ky : r.name_ru });
  }
  const out = [...byM.values()].sort((a, b) => a.municipality.localeCompare(b.municipality, lang));
  for (const m of out) m.villages.sort((a, b) => a.name.localeCompare(b.name, lang));
  return out;
}

export async function municipalityOfVillage(db: DB, villageId: number): Promise<number | null> {
  const r = await db
    .selectFrom("villages")
    .select("municipality_id")
    .where("id", "=", villageId)
    .executeTakeFirst();
  return r?.municipality_id ?? null;
}
