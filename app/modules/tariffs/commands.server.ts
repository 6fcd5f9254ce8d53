/**
 * Writes to the tariff register (issue 15, ADR 0041). Entries are only ever inserted:
 * - `recordApprovedTariffs` — called by the protocol's approval inside its own transaction: each
 *   line of the frozen protocol becomes a tariff in force from the effective date;
 * - `enterTariff` — an official or the council secretary enters a tariff in force from before the
 *   portal (resolution number, date and its scan), or corrects an entry (a new entry with a
 *   reason that replaces the corrected one; nothing is overwritten).
 * Legal basis: Law No. 123 of 20.10.2021, art. 34 (the council approves tariffs); drinking water:
 * Cabinet Resolution No. 320 of 19.06.2024.
 */
import type { DB } from "#db/connection";
import type { Actor } from "../auth/permissions";
import { audit } from "../audit/audit.server";
import { nowIso } from "../core/clock.server";
import { DomainError, type FieldProblem } from "../core/errors";
import { isMoneyInRange, moneyRangeParams } from "../format/format";
import { checkUpload } from "../hearings/uploads.server";
import { getStorage, newKey, sha256Hex } from "../storage/storage.server";
import { mayEnterTariffs } from "./policy";
import { isCalendarDate } from "./register";

/** What an approved tariff hearing hands to the register. */
export interface ApprovedTariffs {
  municipalityId: number;
  hearingId: number;
  protocolVersionId: number;
  resolutionNumber: string;
  /** yyyy-mm-dd */
  resolutionDate: string;
  /** yyyy-mm-dd, Asia/Bishkek: the first day the tariffs are in force */
  effectiveFrom: string;
  provider: { kind: "okmotu" | "enterprise"; nameKy: string; nameRu: string };
  /** the lines of the frozen protocol content; price in tyiyn */
  lines: { id: number; service: string; category: string; unit: string; proposedPrice: number }[];
  actorId: number;
  isDemo?: boolean;
}

/**
 * Check an approval's effective date: a real calendar date, not before the resolution's date.
 * @throws DomainError 400 on field `effectiveFrom` ("tariffs:errors.badDate" /
 *   "tariffs:errors.beforeResolution").
 */
export function assertEffectiveDate(effectiveFrom: string, resolutionDate: string): void {
  if (!isCalendarDate(effectiveFrom))
    throw new DomainError("tariffs:errors.badDate", {}, 400, "effectiveFrom");
  if (effectiveFrom < resolutionDate)
    throw new DomainError("tariffs:errors.beforeResolution", {}, 400, "effectiveFrom");
}

/**
 * Insert one register entry per line of an approved tariff protocol. Runs in the caller's
 * transaction (the approval's), so the decision and its tariffs are written together or not at
 * all. An earlier entry for the same service, category and unit is closed by derivation (it
 * ends the day before `effectiveFrom`), never updated. Returns the new entries' ids.
 */
export async function recordApprovedTariffs(trx: DB, a: ApprovedTariffs): Promise<number[]> {
  assertEffectiveDate(a.effectiveFrom, a.resolutionDate);
  const at = nowIso();
  const ids: number[] = [];
  for (const l of a.lines) {
    const r = await trx
      .insertInto("tariffs")
      .values({
        municipality_id: a.municipalityId,
        service: l.service,
        category: l.category,
        unit: l.unit,
        provider_kind: a.provider.kind,
        provider_name_ky: a.provider.nameKy,
        provider_name_ru: a.provider.nameRu,
        price: l.proposedPrice,
        valid_from: a.effectiveFrom,
        valid_to: null,
        resolution_number: a.resolutionNumber,
        resolution_date: a.resolutionDate,
        source: "hearing",
        hearing_id: a.hearingId,
        protocol_version_id: a.protocolVersionId,
        tariff_line_id: l.id,
        is_demo: a.isDemo ? 1 : 0,
        created_by: a.actorId,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(r.id);
  }
  await audit(trx, {
    actorUserId: a.actorId,
    municipalityId: a.municipalityId,
    action: "tariffs.fromProtocol",
    targetType: "hearing",
    targetId: a.hearingId,
    details: { entries: ids, effectiveFrom: a.effectiveFrom },
  });
  return ids;
}

/** A tariff entered by hand (from before the portal), or a correction of an entry. */
export interface ManualTariffInput {
  service: string;
  category: string;
  unit: string;
  providerKind: "okmotu" | "enterprise";
  providerNameKy: string;
  providerNameRu: string;
  /** tyiyn, > 0 */
  price: number;
  /** yyyy-mm-dd */
  validFrom: string;
  /** yyyy-mm-dd, optional known last day */
  validTo: string | null;
  resolutionNumber: string;
  /** yyyy-mm-dd */
  resolutionDate: string;
  /** the resolution's scan (PDF, PNG or JPEG, up to 10 MB); required unless correcting */
  document: { fileName: string; data: Uint8Array } | null;
  /** the entry this one corrects, with the reason (required then) */
  correctsId: number | null;
  reason: string | null;
  isDemo?: boolean;
}

const MAX_SCAN = 10 * 1024 * 1024;

/**
 * Enter a tariff by hand for a municipality, or correct one of its entries.
 * @throws DomainError 403 when the actor is not an official or the council secretary of the
 *   municipality; 404 when the corrected entry is not this municipality's; 409 when it was
 *   already corrected; 400 with every field problem at once for bad input.
 */
export async function enterTariff(
  db: DB,
  actor: Actor,
  municipalityId: number,
  input: ManualTariffInput,
  ctx: { ip?: string | null } = {},
): Promise<{ id: number }> {
  if (!mayEnterTariffs(actor, municipalityId))
    throw new DomainError("tariffs:errors.forbidden", {}, 403);
  const problems: FieldProblem[] = [];
  const bad = (field: string, key: string) => problems.push({ field, key });
  if (!input.service.trim()) bad("service", "tariffs:errors.required");
  if (!input.category.trim()) bad("category", "tariffs:errors.required");
  if (!input.unit.trim()) bad("unit", "tariffs:errors.required");
  if (!Number.isSafeInteger(input.price) || input.price <= 0)
    bad("price", "tariffs:errors.badPrice");
  else if (!isMoneyInRange(input.price))
    problems.push({ field: "price", key: "common:errors.moneyRange", params: moneyRangeParams() });
  if (!isCalendarDate(input.validFrom)) bad("validFrom", "tariffs:errors.badDate");
  if (input.validTo != null) {
    if (!isCalendarDate(input.validTo)) bad("validTo", "tariffs:errors.badDate");
    else if (input.validTo < input.validFrom) bad("validTo", "tariffs:errors.endBeforeStart");
  }
  if (!input.resolutionNumber.trim()) bad("resolutionNumber", "tariffs:errors.required");
  if (!isCalendarDate(input.resolutionDate)) bad("resolutionDate", "tariffs:errors.badDate");
  if (input.correctsId != null && !input.reason?.trim()) bad("reason", "tariffs:errors.reason");
  let scan: { contentType: string } | null = null;
  if (input.document) {
    const c = checkUpload(input.document.fileName, input.document.data, MAX_SCAN);
    if (!c.ok) bad("document", `tariffs:errors.scan.${c.error}`);
    else scan = c;
  } else if (input.correctsId == null) bad("document", "tariffs:errors.scanRequired");
  if (problems.length) throw new DomainError(problems[0].key, {}, 400, problems[0].field, problems);

  return db.transaction().execute(async (trx) => {
    if (input.correctsId != null) {
      const old = await trx
        .selectFrom("tariffs")
        .select(["id", "municipality_id"])
        .where("id", "=", input.correctsId)
        .executeTakeFirst();
      if (!old || old.municipality_id !== municipalityId)
        throw new DomainError("tariffs:errors.notFound", {}, 404, "correctsId");
      const again = await trx
        .selectFrom("tariffs")
        .select("id")
        .where("corrects_id", "=", input.correctsId)
        .executeTakeFirst();
      if (again) throw new DomainError("tariffs:errors.alreadyCorrected", {}, 409, "correctsId");
    }
    let doc: { key: string; sha: string } | null = null;
    if (input.document && scan) {
      const ext = scan.contentType === "application/pdf" ? "pdf" : scan.contentType.slice(6);
      const key = newKey("tariffs", ext === "jpeg" ? "jpg" : ext);
      await getStorage().put(key, input.document.data);
      doc = { key, sha: sha256Hex(input.document.data) };
    }
    const r = await trx
      .insertInto("tariffs")
      .values({
        municipality_id: municipalityId,
        service: input.service.trim(),
        category: input.category.trim(),
        unit: input.unit.trim(),
        provider_kind: input.providerKind,
        provider_name_ky: input.providerNameKy.trim(),
        provider_name_ru: input.providerNameRu.trim(),
        price: input.price,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        resolution_number: input.resolutionNumber.trim(),
        resolution_date: input.resolutionDate,
        source: "manual",
        document_storage_key: doc?.key ?? null,
        document_name: input.document?.fileName ?? null,
        document_content_type: scan?.contentType ?? null,
        document_sha256: doc?.sha ?? null,
        corrects_id: input.correctsId,
        reason: input.reason?.trim() || null,
        is_demo: input.isDemo ? 1 : 0,
        created_by: actor.id,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId,
      action: input.correctsId != null ? "tariffs.correct" : "tariffs.enter",
      targetType: "tariff",
      targetId: r.id,
      ip: ctx.ip,
      details: { correctsId: input.correctsId },
    });
    return { id: r.id };
  });
}
