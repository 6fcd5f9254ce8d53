/**
 * Reads of the tariff register (issue 15): entries with their derived periods, what is in force
 * on a date, a municipality's register with history, the comparison of a hearing's proposed
 * lines with other municipalities, and the open-data shapes (JSON, CSV). Only reads.
 * Dates: Asia/Bishkek calendar dates "yyyy-mm-dd"; prices: integer tyiyn.
 */
import type { DB } from "#db/connection";
import { now } from "../core/clock.server";
import { toBishkekDateInput } from "../format/time";
import { lineWords } from "../hearings/labels.server";
import type { Lang } from "../i18n/config";
import {
  derivePeriods,
  firstOfNextMonth,
  inForceOn,
  spread,
  standing,
  tariffKey,
  type EntryCore,
  type Period,
  type Spread,
  type Standing,
} from "./register";

type L10n = { ky: string; ru: string };

/** One register entry with its place and links, as read from the database. */
export interface TariffEntry extends EntryCore {
  municipality: { id: number; slug: string; name: L10n };
  district: { slug: string; name: L10n };
  oblast: { id: number; slug: string; name: L10n };
  provider: { kind: "okmotu" | "enterprise"; name: L10n };
  resolution: { number: string; date: string };
  source: "hearing" | "manual";
  hearingId: number | null;
  /** the approved protocol version's verification code (link to the frozen protocol) */
  protocolCode: string | null;
  hasDocument: boolean;
  reason: string | null;
  isDemo: boolean;
  createdAt: string;
}

export type TariffPeriod = Period<TariffEntry>;

/** Filters of the register; every one optional. `asOf` is a yyyy-mm-dd date. */
export interface TariffFilter {
  oblast?: string;
  district?: string;
  municipality?: string;
  service?: string;
  category?: string;
  unit?: string;
}

/** Today in Asia/Bishkek, yyyy-mm-dd (by the server's clock). */
export const bishkekToday = (): string => toBishkekDateInput(now());

/**
 * Every entry matching the filter, with its derived period. The filters are on the key's
 * dimensions (place, service, category, unit), so each key's whole history is read and the
 * periods are exact.
 */
export async function loadPeriods(db: DB, f: TariffFilter = {}): Promise<TariffPeriod[]> {
  let q = db
    .selectFrom("tariffs as t")
    .innerJoin("municipalities as m", "m.id", "t.municipality_id")
    .innerJoin("districts as d", "d.id", "m.district_id")
    .innerJoin("oblasts as o", "o.id", "d.oblast_id")
    .leftJoin("protocol_versions as pv", "pv.id", "t.protocol_version_id")
    .select([
      "t.id",
      "t.municipality_id",
      "t.service",
      "t.category",
      "t.unit",
      "t.price",
      "t.valid_from",
      "t.valid_to",
      "t.corrects_id",
      "t.provider_kind",
      "t.provider_name_ky",
      "t.provider_name_ru",
      "t.resolution_number",
      "t.resolution_date",
      "t.source",
      "t.hearing_id",
      "t.document_storage_key",
      "t.reason",
      "t.is_demo",
      "t.created_at",
      "m.slug as m_slug",
      "m.name_ky as m_ky",
      "m.name_ru as m_ru",
      "d.slug as d_slug",
      "d.name_ky as d_ky",
      "d.name_ru as d_ru",
      "o.id as o_id",
      "o.slug as o_slug",
      "o.name_ky as o_ky",
      "o.name_ru as o_ru",
      "pv.verification_code",
    ]);
  if (f.oblast) q = q.where("o.slug", "=", f.oblast);
  if (f.district) q = q.where("d.slug", "=", f.district);
  if (f.municipality) q = q.where("m.slug", "=", f.municipality);
  if (f.service) q = q.where("t.service", "=", f.service);
  if (f.category) q = q.where("t.category", "=", f.category);
  if (f.unit) q = q.where("t.unit", "=", f.unit);
  const rows = await q.orderBy("t.id").execute();
  const entries: TariffEntry[] = rows.map((r) => ({
    id: r.id,
    municipalityId: r.municipality_id,
    service: r.service,
    category: r.category,
    unit: r.unit,
    price: Number(r.price),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    correctsId: r.corrects_id,
    municipality: { id: r.municipality_id, slug: r.m_slug, name: { ky: r.m_ky, ru: r.m_ru } },
    district: { slug: r.d_slug, name: { ky: r.d_ky, ru: r.d_ru } },
    oblast: { id: r.o_id, slug: r.o_slug, name: { ky: r.o_ky, ru: r.o_ru } },
    provider: { kind: r.provider_kind, name: { ky: r.provider_name_ky, ru: r.provider_name_ru } },
    resolution: { number: r.resolution_number, date: r.resolution_date },
    source: r.source,
    hearingId: r.hearing_id,
    protocolCode: r.verification_code ?? null,
    hasDocument: r.document_storage_key != null,
    reason: r.reason,
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
  }));
  return derivePeriods(entries);
}

/** The entries in force on `asOf` (default: today in Bishkek) matching the filter. */
export async function tariffsInForce(
  db: DB,
  f: TariffFilter = {},
  asOf: string = bishkekToday(),
): Promise<TariffPeriod[]> {
  return (await loadPeriods(db, f)).filter((p) => inForceOn(p, asOf));
}

/** A municipality's register: what is in force today, and every key's history, newest first. */
export interface MunicipalityRegister {
  municipality: { id: number; slug: string; name: L10n };
  today: string;
  inForce: TariffPeriod[];
  /** per service+category+unit: every entry (corrected ones too), by valid-from */
  histories: {
    key: string;
    service: string;
    category: string;
    unit: string;
    entries: TariffPeriod[];
  }[];
}

/** The register page's data; null when no municipality has that slug. */
export async function municipalityRegister(
  db: DB,
  slug: string,
  today: string = bishkekToday(),
): Promise<MunicipalityRegister | null> {
  const m = await db
    .selectFrom("municipalities")
    .select(["id", "slug", "name_ky", "name_ru"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!m) return null;
  const periods = await loadPeriods(db, { municipality: slug });
  const byKey = new Map<string, TariffPeriod[]>();
  for (const p of periods) byKey.set(tariffKey(p), [...(byKey.get(tariffKey(p)) ?? []), p]);
  const histories = [...byKey.entries()]
    .map(([key, entries]) => ({
      key,
      service: entries[0].service,
      category: entries[0].category,
      unit: entries[0].unit,
      entries: [...entries].sort((a, b) =>
        a.validFrom === b.validFrom ? a.id - b.id : a.validFrom < b.validFrom ? -1 : 1,
      ),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    municipality: { id: m.id, slug: m.slug, name: { ky: m.name_ky, ru: m.name_ru } },
    today,
    inForce: periods
      .filter((p) => inForceOn(p, today))
      .sort((a, b) => (tariffKey(a) < tariffKey(b) ? -1 : 1)),
    histories,
  };
}

/** One proposed line of a tariff hearing next to the register. */
export interface LineComparison {
  lineId: number;
  service: string;
  category: string;
  unit: string;
  proposed: number;
  /** this municipality's tariff in force today for the same service, category and unit */
  current: TariffPeriod | null;
  /** other municipalities of the same oblast, and of the whole country, same key */
  oblast: Spread & { standing: Standing };
  country: Spread & { standing: Standing };
}

/**
 * For each line of a tariff hearing: the municipality's tariff in force on `asOf` and the spread
 * of the tariffs in force in the other municipalities (same oblast; whole country) for exactly
 * the same service, consumer category and unit — never across units.
 */
export async function compareHearingLines(
  db: DB,
  hearingId: number,
  asOf: string = bishkekToday(),
): Promise<LineComparison[]> {
  const h = await db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .innerJoin("districts as d", "d.id", "m.district_id")
    .select(["h.id", "h.type", "h.municipality_id", "d.oblast_id"])
    .where("h.id", "=", hearingId)
    .executeTakeFirst();
  if (!h || h.type !== "tariff") return [];
  const lines = await db
    .selectFrom("tariff_lines")
    .select(["id", "service", "category", "unit", "proposed_price"])
    .where("hearing_id", "=", hearingId)
    .orderBy("position")
    .execute();
  return compareLines(
    db,
    { municipalityId: h.municipality_id, oblastId: h.oblast_id },
    lines.map((l) => ({
      id: l.id,
      service: l.service,
      category: l.category,
      unit: l.unit,
      proposed: Number(l.proposed_price),
    })),
    asOf,
  );
}

/** The comparison for given lines of a municipality (see compareHearingLines). */
export async function compareLines(
  db: DB,
  place: { municipalityId: number; oblastId: number },
  lines: { id: number; service: string; category: string; unit: string; proposed: number }[],
  asOf: string,
): Promise<LineComparison[]> {
  const out: LineComparison[] = [];
  for (const l of lines) {
    const same = await tariffsInForce(
      db,
      { service: l.service, category: l.category, unit: l.unit },
      asOf,
    );
    const own = same.find((p) => p.municipalityId === place.municipalityId) ?? null;
    const others = same.filter((p) => p.municipalityId !== place.municipalityId);
    const ob = spread(others.filter((p) => p.oblast.id === place.oblastId).map((p) => p.price));
    const co = spread(others.map((p) => p.price));
    out.push({
      lineId: l.id,
      service: l.service,
      category: l.category,
      unit: l.unit,
      proposed: l.proposed,
      current: own,
      oblast: { ...ob, standing: standing(l.proposed, ob) },
      country: { ...co, standing: standing(l.proposed, co) },
    });
  }
  return out;
}

// ---- open data ---------------------------------------------------------------------------------

const som = (tyiyn: number) => Math.round(tyiyn) / 100;

/**
 * The API shape of an entry (docs/api.md): stable `id`, codes and their names, the price as
 * integer tyiyn and as a decimal сом string, the period, the resolution, links.
 */
export function apiTariff(p: TariffPeriod, base: string) {
  const words = (lang: Lang) => lineWords(p, lang);
  const ky = words("ky");
  const ru = words("ru");
  return {
    id: p.id,
    municipality: { slug: p.municipality.slug, name: p.municipality.name },
    district: { slug: p.district.slug, name: p.district.name },
    oblast: { slug: p.oblast.slug, name: p.oblast.name },
    service: { code: p.service, name: { ky: ky.service, ru: ru.service } },
    category: { code: p.category, name: { ky: ky.category, ru: ru.category } },
    unit: { code: p.unit, name: { ky: ky.unit, ru: ru.unit } },
    provider: p.provider,
    price: { tyiyn: p.price, som: som(p.price), currency: "KGS" as const },
    validFrom: p.validFrom,
    validTo: p.until,
    resolution: p.resolution,
    source: p.source,
    hearing: p.hearingId
      ? { id: p.hearingId, url: `${base}/api/v1/hearings/${p.hearingId}` }
      : null,
    protocol: p.protocolCode
      ? {
          verificationCode: p.protocolCode,
          url: {
            ky: `${base}/ky/verify/${p.protocolCode}`,
            ru: `${base}/ru/verify/${p.protocolCode}`,
          },
        }
      : null,
    document: p.hasDocument
      ? {
          url: {
            ky: `${base}/ky/m/${p.municipality.slug}/tariffs/${p.id}/document`,
            ru: `${base}/ru/m/${p.municipality.slug}/tariffs/${p.id}/document`,
          },
        }
      : null,
    corrects: p.correctsId,
    replacedBy: p.closedBy,
    corrected: p.corrected,
    reason: p.reason,
    demo: p.isDemo,
  };
}

/** `GET /api/v1/tariffs`: the entries in force on `asOf`, sorted by place and key. */
export async function apiTariffs(db: DB, f: TariffFilter, asOf: string, base: string) {
  const list = (await tariffsInForce(db, f, asOf)).sort((a, b) =>
    a.oblast.slug + a.municipality.slug + tariffKey(a) <
    b.oblast.slug + b.municipality.slug + tariffKey(b)
      ? -1
      : 1,
  );
  return { asOf, count: list.length, tariffs: list.map((p) => apiTariff(p, base)) };
}

/** `GET /api/v1/municipalities/{slug}/tariffs`: in force on `asOf` plus every entry's history. */
export async function apiMunicipalityTariffs(db: DB, slug: string, asOf: string, base: string) {
  const reg = await municipalityRegister(db, slug, asOf);
  if (!reg) return null;
  return {
    municipality: reg.municipality,
    asOf,
    inForce: reg.inForce.map((p) => apiTariff(p, base)),
    history: reg.histories.flatMap((h) => h.entries.map((p) => apiTariff(p, base))),
  };
}

const CSV_COLUMNS = [
  "id",
  "oblast",
  "district",
  "municipality",
  "service",
  "category",
  "unit",
  "provider",
  "price_som",
  "price_tyiyn",
  "valid_from",
  "valid_to",
  "resolution_number",
  "resolution_date",
  "source",
  "protocol_code",
  "demo",
] as const;

/** A CSV cell: quoted when needed; a leading = + - @ is prefixed with ' (spreadsheet formulas). */
function csvCell(v: string | number | null): string {
  let s = v == null ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The tariffs in force as CSV: UTF-8 with a BOM (Excel), comma-separated, names in `lang`. */
export async function tariffsCsv(
  db: DB,
  f: TariffFilter,
  asOf: string,
  lang: Lang,
): Promise<string> {
  const list = (await apiTariffs(db, f, asOf, "")).tariffs;
  const lines = [CSV_COLUMNS.join(",")];
  for (const t of list)
    lines.push(
      [
        t.id,
        t.oblast.name[lang],
        t.district.name[lang],
        t.municipality.name[lang],
        t.service.name[lang],
        t.category.name[lang],
        t.unit.name[lang],
        t.provider.name[lang],
        t.price.som.toFixed(2),
        t.price.tyiyn,
        t.validFrom,
        t.validTo,
        t.resolution.number,
        t.resolution.date,
        t.source,
        t.protocol?.verificationCode ?? null,
        t.demo ? 1 : 0,
      ]
        .map(csvCell)
        .join(","),
    );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The stored scan of a hand-entered tariff's resolution, if this municipality has it. */
export async function tariffDocument(db: DB, slug: string, id: number) {
  return db
    .selectFrom("tariffs as t")
    .innerJoin("municipalities as m", "m.id", "t.municipality_id")
    .select([
      "t.document_storage_key as key",
      "t.document_name as name",
      "t.document_content_type as contentType",
    ])
    .where("m.slug", "=", slug)
    .where("t.id", "=", id)
    .where("t.document_storage_key", "is not", null)
    .executeTakeFirst();
}

/**
 * For the council's approval form: the default effective date when the hearing is a tariff
 * hearing (the first day of next month in Asia/Bishkek), else null.
 */
export async function approvalEffectiveDefault(db: DB, hearingId: number): Promise<string | null> {
  const h = await db
    .selectFrom("hearings")
    .select("type")
    .where("id", "=", hearingId)
    .executeTakeFirst();
  return h?.type === "tariff" ? firstOfNextMonth(bishkekToday()) : null;
}
