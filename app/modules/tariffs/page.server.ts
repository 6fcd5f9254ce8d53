/**
 * What the register's pages get from the server: plain view models in one language (the route
 * stays thin), and the hand-entry form's handling (multipart, no JavaScript needed; on a refusal
 * the typed values come back with a localized message per field).
 */
import type { DB } from "#db/connection";
import type { Actor } from "../auth/permissions";
import { isDomainError } from "../core/errors";
import { moneyRangeParams, readMoney } from "../format/format";
import { lineLabel, lineWords } from "../hearings/labels.server";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { enterTariff } from "./commands.server";
import type { EntryView } from "./components";
import { mayEnterTariffs } from "./policy";
import { compareHearingLines, municipalityRegister, type TariffPeriod } from "./queries.server";
import { firstOfNextMonth } from "./register";
import { toId } from "../http/ids";

function entryView(p: TariffPeriod, lang: Lang): EntryView {
  return {
    id: p.id,
    price: p.price,
    validFrom: p.validFrom,
    until: p.until,
    corrected: p.corrected,
    closedBy: p.closedBy,
    correctsId: p.correctsId,
    reason: p.reason,
    source: p.source,
    resolution: p.resolution,
    hearingId: p.hearingId,
    protocolCode: p.protocolCode,
    hasDocument: p.hasDocument,
    provider: p.provider.name[lang],
    isDemo: p.isDemo,
  };
}

/** The register page of a municipality in one language; null when the slug is unknown. */
export async function registerPage(db: DB, slug: string, lang: Lang, user: Actor | null) {
  const reg = await municipalityRegister(db, slug);
  if (!reg) return null;
  const words = (p: { service: string; category: string; unit: string }) => lineWords(p, lang);
  return {
    municipality: {
      id: reg.municipality.id,
      slug: reg.municipality.slug,
      name: reg.municipality.name[lang],
    },
    today: reg.today,
    inForce: reg.inForce.map((p) => ({ ...entryView(p, lang), ...words(p) })),
    histories: reg.histories.map((h) => ({
      key: h.key,
      label: `${words(h).service} — ${words(h).category}, ${words(h).unit}`,
      entries: h.entries.map((p) => entryView(p, lang)),
    })),
    canEnter: mayEnterTariffs(user, reg.municipality.id),
  };
}

/** The proposed lines of a tariff hearing next to the register (for the hearing page). */
export async function hearingComparison(db: DB, hearingId: number, lang: Lang) {
  const lines = await compareHearingLines(db, hearingId);
  return lines.map((l) => ({
    lineId: l.lineId,
    label: `${lineLabel(l, lang)}, ${lineWords(l, lang).unit}`,
    proposed: l.proposed,
    current: l.current
      ? {
          price: l.current.price,
          validFrom: l.current.validFrom,
          resolutionNumber: l.current.resolution.number,
        }
      : null,
    oblast: l.oblast,
    country: l.country,
  }));
}

/** The default effective date shown on the council's approval form (Asia/Bishkek). */
export const defaultEffectiveFrom = (today: string): string => firstOfNextMonth(today);

const FIELDS = [
  "service",
  "category",
  "unit",
  "providerKind",
  "providerNameKy",
  "providerNameRu",
  "price",
  "validFrom",
  "validTo",
  "resolutionNumber",
  "resolutionDate",
  "correctsId",
  "reason",
] as const;

export type EntryFormResult =
  | { ok: true; id: number }
  | {
      ok: false;
      formError: string | null;
      errors: Record<string, string[]>;
      values: Record<string, string>;
    };

/**
 * Handle the hand-entry form: read the fields and the scan, call `enterTariff`, and turn a
 * refusal into messages per field in `lang` with the typed values kept (the file must be chosen
 * again: browsers never refill a file input).
 */
export async function submitEntryForm(
  db: DB,
  user: Actor,
  municipalityId: number,
  form: FormData,
  lang: Lang,
  ip: string | null,
): Promise<EntryFormResult> {
  const t = getFixedT(lang, "tariffs");
  const values: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = form.get(f);
    values[f] = typeof v === "string" ? v.slice(0, 500) : "";
  }
  const file = form.get("document");
  const doc =
    file && typeof file !== "string" && file.size > 0
      ? { fileName: file.name || "scan", data: new Uint8Array(await file.arrayBuffer()) }
      : null;
  const read = readMoney(values.price);
  const price = "tyiyn" in read ? read.tyiyn : null;
  const correctsId = toId(values.correctsId.trim());
  const errors: Record<string, string[]> = {};
  if (values.price.trim() && price == null)
    errors.price = [
      "error" in read && read.error === "range"
        ? t("common:errors.moneyRange", moneyRangeParams())
        : t("errors.badPrice"),
    ];
  if (values.correctsId.trim() && correctsId == null) errors.correctsId = [t("errors.notFound")];
  if (Object.keys(errors).length) return { ok: false, formError: null, errors, values };
  try {
    const r = await enterTariff(
      db,
      user,
      municipalityId,
      {
        service: values.service,
        category: values.category,
        unit: values.unit,
        providerKind: values.providerKind === "okmotu" ? "okmotu" : "enterprise",
        providerNameKy: values.providerNameKy,
        providerNameRu: values.providerNameRu,
        price: price ?? 0,
        validFrom: values.validFrom.trim(),
        validTo: values.validTo.trim() || null,
        resolutionNumber: values.resolutionNumber,
        resolutionDate: values.resolutionDate.trim(),
        document: doc,
        correctsId,
        reason: values.reason || null,
      },
      { ip },
    );
    return { ok: true, id: r.id };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    let formError: string | null = null;
    const problems = e.problems.length
      ? e.problems
      : [{ field: e.field, key: e.key, params: e.params }];
    for (const p of problems) {
      const [ns, key] = p.key.split(":");
      const msg = getFixedT(lang, ns)(key, p.params ?? {});
      if (p.field === "_form") formError = msg;
      else errors[p.field] = [...(errors[p.field] ?? []), msg];
    }
    return { ok: false, formError, errors, values };
  }
}
