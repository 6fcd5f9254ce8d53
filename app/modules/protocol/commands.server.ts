/**
 * The protocol's workflow: draft → submitted → approved | returned → (revised) drafted → … Every
 * command takes the db first, checks who may act (scoped to the municipality), owns its
 * transaction, and refuses any change to an approved protocol.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { ProtocolStage } from "#db/schema";
import { audit } from "../audit/audit.server";
import type { Actor } from "../auth/permissions";
import { now, nowIso } from "../core/clock.server";
import { env } from "../core/env.server";
import { DomainError, refuseIf } from "../core/errors";
import { bishkekParts, parseCalendarDate, toBishkekDateInput } from "../format/time";
import { deriveState } from "../hearings/state";
import { isLang, type Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { enqueueMail } from "../mail/outbox.server";
import { emit } from "../notify/events.server";
import { getStorage, sha256Hex } from "../storage/storage.server";
import { assertEffectiveDate, recordApprovedTariffs } from "../tariffs/commands.server";
import { firstOfNextMonth } from "../tariffs/register";
import {
  buildProtocolContent,
  canonicalJson,
  contentHash,
  type ProtocolContent,
} from "./content.server";
import { calendarDate } from "./document.server";
import {
  decideRefusal,
  draftRefusal,
  reviseRefusal,
  submitRefusal,
  type HearingFacts,
} from "./policy";
import { peopleWithRoles } from "./queries.server";
import { renderVersion, verifyUrl, type FileFormat, type VersionRow } from "./render.server";

export interface DraftInput {
  chairName: string;
  secretaryName: string;
  conclusionsKy: string;
  conclusionsRu: string;
}

export type DecisionInput =
  | {
      decision: "approve";
      resolutionNumber: string;
      /** yyyy-mm-dd */
      resolutionDate: string;
      deputies?: { for: number; against: number; abstain: number } | null;
      /**
       * yyyy-mm-dd (Asia/Bishkek): for a tariff hearing, the day its tariffs enter into force
       * (default: the first day of the next month); ignored for other hearings
       */
      effectiveFrom?: string | null;
    }
  | { decision: "return"; comments: string };

type Ctx = {
  ip?: string | null;
  /** demo seed: mark what it creates as demo content */ demo?: boolean;
};

async function loadClosedHearing(db: DB, hearingId: number) {
  const h = await db
    .selectFrom("hearings")
    .select([
      "id",
      "municipality_id",
      "state",
      "protocol_state",
      "comment_start_at",
      "comment_end_at",
      "closed_at",
      "short_code",
      "title_ky",
      "title_ru",
    ])
    .where("id", "=", hearingId)
    .executeTakeFirst();
  if (!h) throw new DomainError("protocol:errors.notFound", {}, 404);
  return h;
}

/**
 * The council's resolution date: a real calendar date (parseCalendarDate), not before the
 * hearing closed (its Bishkek calendar day) and not after today in Bishkek — a resolution on a
 * protocol cannot predate the hearing it concludes nor be dated ahead.
 * @returns the date as "yyyy-mm-dd"
 * @throws DomainError 400 at the field `resolutionDate`
 */
function checkResolutionDate(
  h: { closed_at: string | null; comment_end_at: string | null },
  value: string,
): string {
  const day = parseCalendarDate(value);
  if (!day)
    throw new DomainError("protocol:errors.resolutionDateInvalid", {}, 400, "resolutionDate");
  const closed = h.closed_at ?? h.comment_end_at;
  if (closed && day < toBishkekDateInput(closed))
    throw new DomainError(
      "protocol:errors.resolutionBeforeClose",
      { date: toBishkekDateInput(closed).split("-").reverse().join(".") },
      400,
      "resolutionDate",
    );
  if (day > toBishkekDateInput(now()))
    throw new DomainError("protocol:errors.resolutionInFuture", {}, 400, "resolutionDate");
  return day;
}

/** The hearing row as the policy's facts, its state derived at the clock's now. */
function facts(h: {
  municipality_id: number;
  state: string;
  comment_start_at: string | null;
  comment_end_at: string | null;
}): HearingFacts {
  return {
    municipalityId: h.municipality_id,
    state: deriveState(h as Parameters<typeof deriveState>[0], now()),
  };
}

async function setStage(db: DB, hearingId: number, protocolId: number, stage: ProtocolStage) {
  const t = nowIso();
  await db.updateTable("protocols").set({ state: stage }).where("id", "=", protocolId).execute();
  await db
    .updateTable("hearings")
    .set({ protocol_state: stage, updated_at: t })
    .where("id", "=", hearingId)
    .execute();
}

/**
 * The next protocol number of a municipality in the Asia/Bishkek year of `at`: «3/2026» is the
 * third protocol that municipality drafted in 2026. One upsert on a counter row, so concurrent
 * drafts never get the same number (on SQLite and PostgreSQL alike).
 */
export async function nextProtocolNumber(
  db: DB,
  municipalityId: number,
  at: Date,
): Promise<{ number: string; year: number; seq: number }> {
  const year = bishkekParts(at).year;
  const r = await db
    .insertInto("protocol_number_counters")
    .values({ municipality_id: municipalityId, year, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(["municipality_id", "year"])
        .doUpdateSet({ last: sql<number>`protocol_number_counters.last + 1` }),
    )
    .returning("last")
    .executeTakeFirstOrThrow();
  const seq = Number(r.last);
  return { number: `${seq}/${year}`, year, seq };
}

/** Create the protocol (version 1) or update the current draft; a returned one gets a new version. */
export async function saveDraft(
  db: DB,
  actor: Actor,
  hearingId: number,
  input: DraftInput,
  ctx: Ctx = {},
): Promise<{ protocolId: number; version: number }> {
  return db.transaction().execute(async (trx) => {
    const h = await loadClosedHearing(trx, hearingId);
    const at = nowIso();
    let p = await trx
      .selectFrom("protocols")
      .selectAll()
      .where("hearing_id", "=", hearingId)
      .executeTakeFirst();
    refuseIf(draftRefusal(actor, facts(h), p?.state ?? null));
    const fields = {
      chair_name: input.chairName.trim(),
      secretary_name: input.secretaryName.trim(),
      conclusions_ky: input.conclusionsKy.trim(),
      conclusions_ru: input.conclusionsRu.trim(),
      updated_by: actor.id,
      updated_at: at,
    };
    let version: number;
    let isNewVersion: boolean;
    if (!p) {
      const n = await nextProtocolNumber(trx, h.municipality_id, now());
      p = await trx
        .insertInto("protocols")
        .values({
          hearing_id: hearingId,
          municipality_id: h.municipality_id,
          number: n.number,
          number_year: n.year,
          number_seq: n.seq,
          state: "drafted",
          current_version: 1,
          created_by: actor.id,
          created_at: at,
          ...fields,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      version = 1;
      isNewVersion = true;
    } else {
      version = p.state === "returned" ? p.current_version + 1 : p.current_version;
      isNewVersion = p.state === "returned";
      await trx
        .updateTable("protocols")
        .set({ ...fields, current_version: version })
        .where("id", "=", p.id)
        .execute();
    }
    const content = await buildProtocolContent(
      trx,
      hearingId,
      {
        number: p.number,
        version,
        chairName: fields.chair_name,
        secretaryName: fields.secretary_name,
        conclusionsKy: fields.conclusions_ky,
        conclusionsRu: fields.conclusions_ru,
      },
      at,
    );
    const json = canonicalJson(content);
    if (isNewVersion) {
      await trx
        .insertInto("protocol_versions")
        .values({
          protocol_id: p.id,
          version,
          content_json: json,
          content_sha256: contentHash(json),
          created_by: actor.id,
          created_at: at,
        })
        .execute();
    } else {
      await trx
        .updateTable("protocol_versions")
        .set({ content_json: json, content_sha256: contentHash(json) })
        .where("protocol_id", "=", p.id)
        .where("version", "=", version)
        .where("submitted_at", "is", null)
        .execute();
    }
    await setStage(trx, hearingId, p.id, "drafted");
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: h.municipality_id,
      action: isNewVersion ? "protocol.version" : "protocol.draft",
      targetType: "protocol",
      targetId: p.id,
      ip: ctx.ip,
      details: { hearingId, version },
    });
    return { protocolId: p.id, version };
  });
}

/** After a return: a new version from the current fields and the record as it stands. */
export async function reviseProtocol(
  db: DB,
  actor: Actor,
  hearingId: number,
  ctx: Ctx = {},
): Promise<{ protocolId: number; version: number }> {
  const p = await db
    .selectFrom("protocols")
    .selectAll()
    .where("hearing_id", "=", hearingId)
    .executeTakeFirst();
  refuseIf(reviseRefusal(p?.state ?? null));
  if (!p) throw new DomainError("protocol:errors.notFound", {}, 404);
  return saveDraft(
    db,
    actor,
    hearingId,
    {
      chairName: p.chair_name,
      secretaryName: p.secretary_name,
      conclusionsKy: p.conclusions_ky,
      conclusionsRu: p.conclusions_ru,
    },
    ctx,
  );
}

const langOf = (l: string): Lang => (isLang(l) ? l : "ky");

/** The current draft goes to the council: the record is read again, frozen in the version. */
export async function submitProtocol(
  db: DB,
  actor: Actor,
  hearingId: number,
  ctx: Ctx = {},
): Promise<{ protocolId: number; version: number }> {
  return db.transaction().execute(async (trx) => {
    const h = await loadClosedHearing(trx, hearingId);
    const p = await trx
      .selectFrom("protocols")
      .selectAll()
      .where("hearing_id", "=", hearingId)
      .executeTakeFirst();
    refuseIf(submitRefusal(actor, facts(h), p?.state ?? null));
    if (!p) throw new DomainError("protocol:errors.notFound", {}, 404);
    const at = nowIso();
    const content = await buildProtocolContent(
      trx,
      hearingId,
      {
        number: p.number,
        version: p.current_version,
        chairName: p.chair_name,
        secretaryName: p.secretary_name,
        conclusionsKy: p.conclusions_ky,
        conclusionsRu: p.conclusions_ru,
      },
      at,
    );
    const json = canonicalJson(content);
    const r = await trx
      .updateTable("protocol_versions")
      .set({
        content_json: json,
        content_sha256: contentHash(json),
        submitted_by: actor.id,
        submitted_at: at,
      })
      .where("protocol_id", "=", p.id)
      .where("version", "=", p.current_version)
      .where("submitted_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new DomainError("protocol:errors.notEditable", {}, 409);
    await setStage(trx, hearingId, p.id, "submitted");
    for (const person of await peopleWithRoles(trx, h.municipality_id, [
      "council_secretary",
      "council_member",
    ])) {
      const lang = langOf(person.locale);
      const t = getFixedT(lang, "protocol");
      const hearing = lang === "ky" ? h.title_ky : h.title_ru;
      await enqueueMail(trx, {
        to: person.email!,
        kind: "protocol_submitted",
        subject: t("mail.submittedSubject", { hearing }),
        text: t("mail.submittedBody", {
          hearing,
          number: p.number,
          url: `${env().publicUrl}/${lang}/council/protocols/${p.id}`,
        }),
      });
    }
    await emit(trx, { type: "protocol.submitted", hearingId });
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: h.municipality_id,
      action: "protocol.submit",
      targetType: "protocol",
      targetId: p.id,
      ip: ctx.ip,
      details: { hearingId, version: p.current_version },
    });
    return { protocolId: p.id, version: p.current_version };
  });
}

/** A short, readable, unique code: 10 characters of Crockford base32 in two groups. */
export function newVerificationCode(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const bytes = randomBytes(10);
  let s = "";
  for (const b of bytes) s += alphabet[b % 32];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/**
 * The council secretary records the council's decision on the submitted version, once.
 *
 * Approval: the four files (PDF and DOCX, ky and ru) of the approved version are rendered and
 * stored BEFORE the write transaction (seconds for a large hearing; on SQLite a write
 * transaction would block every vote meanwhile). The transaction then checks everything again,
 * also that the version is still the one rendered (same id and content hash, still undecided),
 * and commits the decision with the files' hashes atomically; if it refuses, the stored files are
 * removed. Return: one transaction, nothing rendered.
 *
 * Outcomes: `{ version, code }` (code null for "return"); DomainError 404 (no protocol), 403 (not
 * the council's secretary), 409 (hearing not closed, not submitted, already decided, or the
 * version changed while its files were rendered), 400 (resolution or effective date refused).
 */
export async function decideProtocol(
  db: DB,
  actor: Actor,
  protocolId: number,
  input: DecisionInput,
  ctx: Ctx = {},
): Promise<{ version: number; code: string | null }> {
  if (input.decision !== "approve") return decideInTransaction(db, actor, protocolId, input, ctx);
  const { v } = await checkDecidable(db, actor, protocolId, input);
  const approval = approvalOf(v, actor.id, input, nowIso(), newVerificationCode());
  const files = await renderFiles(approval.row);
  try {
    return await decideInTransaction(db, actor, protocolId, input, ctx, { ...approval, files });
  } catch (error) {
    const storage = getStorage();
    for (const f of files) await storage.remove(f.storage_key).catch(() => {});
    throw error;
  }
}

/** The protocol, its closed hearing and its current version, if `actor` may decide it now. */
async function checkDecidable(db: DB, actor: Actor, protocolId: number, input: DecisionInput) {
  const p = await db
    .selectFrom("protocols")
    .selectAll()
    .where("id", "=", protocolId)
    .executeTakeFirst();
  if (!p) throw new DomainError("protocol:errors.notFound", {}, 404);
  const h = await loadClosedHearing(db, p.hearing_id);
  const v = await db
    .selectFrom("protocol_versions")
    .selectAll()
    .where("protocol_id", "=", p.id)
    .where("version", "=", p.current_version)
    .executeTakeFirstOrThrow();
  refuseIf(
    decideRefusal(actor, facts(h), p.state, {
      decided: !!v.decision,
      submitted: !!v.submitted_at,
    }),
  );
  if (input.decision === "approve")
    input.resolutionDate = checkResolutionDate(h, input.resolutionDate);
  return { p, h, v };
}

/** What approving version `v` writes: the frozen content with the decision, as the stored row. */
function approvalOf(
  v: VersionRow,
  actorId: number,
  input: DecisionInput & { decision: "approve" },
  at: string,
  code: string,
) {
  // the frozen canonical content: the snapshot the council read, with its decision
  const content = JSON.parse(v.content_json) as Record<string, unknown>;
  const snapshot = content as unknown as ProtocolContent;
  const isTariff = snapshot.hearing?.type === "tariff" && snapshot.tariffLines?.length > 0;
  const effectiveFrom = isTariff
    ? input.effectiveFrom?.trim() || firstOfNextMonth(toBishkekDateInput(now()))
    : null;
  if (effectiveFrom) assertEffectiveDate(effectiveFrom, input.resolutionDate);
  const frozen = canonicalJson({
    ...content,
    decision: {
      decision: "approved",
      resolutionNumber: input.resolutionNumber.trim(),
      resolutionDate: input.resolutionDate,
      deputies: input.deputies ?? null,
      decidedAt: at,
      verificationCode: code,
      ...(effectiveFrom ? { tariffsEffectiveFrom: effectiveFrom } : {}),
    },
  });
  const row: VersionRow = {
    ...v,
    decision: "approved",
    decided_by: actorId,
    decided_at: at,
    resolution_number: input.resolutionNumber.trim(),
    resolution_date: input.resolutionDate,
    deputies_for: input.deputies?.for ?? null,
    deputies_against: input.deputies?.against ?? null,
    deputies_abstain: input.deputies?.abstain ?? null,
    verification_code: code,
    content_json: frozen,
    content_sha256: contentHash(frozen),
  };
  return { at, code, snapshot, effectiveFrom, row, renderedFrom: v };
}

type Approval = ReturnType<typeof approvalOf> & { files: StoredFile[] };

async function decideInTransaction(
  db: DB,
  actor: Actor,
  protocolId: number,
  input: DecisionInput,
  ctx: Ctx,
  approval?: Approval,
): Promise<{ version: number; code: string | null }> {
  return db.transaction().execute(async (trx) => {
    const { p, h, v } = await checkDecidable(trx, actor, protocolId, input);
    const at = approval?.at ?? nowIso();
    let code: string | null = null;
    if (input.decision === "return") {
      const r = await trx
        .updateTable("protocol_versions")
        .set({
          decision: "returned",
          decided_by: actor.id,
          decided_at: at,
          return_comments: input.comments.trim(),
        })
        .where("id", "=", v.id)
        .where("decision", "is", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new DomainError("protocol:errors.alreadyDecided", {}, 409);
      await setStage(trx, h.id, p.id, "returned");
    } else {
      if (!approval) throw new Error("decideInTransaction: approval without rendered files");
      // the version must still be the one whose files were rendered outside the transaction
      if (
        v.id !== approval.renderedFrom.id ||
        v.content_sha256 !== approval.renderedFrom.content_sha256 ||
        v.content_json !== approval.renderedFrom.content_json
      )
        throw new DomainError("protocol:errors.alreadyDecided", {}, 409);
      code = approval.code;
      const { row, snapshot, effectiveFrom } = approval;
      const r = await trx
        .updateTable("protocol_versions")
        .set({
          decision: "approved",
          decided_by: actor.id,
          decided_at: at,
          resolution_number: row.resolution_number,
          resolution_date: row.resolution_date,
          deputies_for: row.deputies_for,
          deputies_against: row.deputies_against,
          deputies_abstain: row.deputies_abstain,
          verification_code: code,
          content_json: row.content_json,
          content_sha256: row.content_sha256,
        })
        .where("id", "=", v.id)
        .where("decision", "is", null)
        .where("content_sha256", "=", approval.renderedFrom.content_sha256)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new DomainError("protocol:errors.alreadyDecided", {}, 409);
      for (const f of approval.files)
        await trx
          .insertInto("protocol_files")
          .values({ ...f, version_id: v.id, created_at: at })
          .execute();
      await setStage(trx, h.id, p.id, "approved");
      // the register: in the same transaction as the decision (ADR 0041)
      if (effectiveFrom)
        await recordApprovedTariffs(trx, {
          municipalityId: h.municipality_id,
          hearingId: h.id,
          protocolVersionId: v.id,
          resolutionNumber: input.resolutionNumber.trim(),
          resolutionDate: input.resolutionDate,
          effectiveFrom,
          provider: {
            kind: snapshot.hearing.initiator.kind,
            nameKy: snapshot.hearing.initiator.name.ky ?? "",
            nameRu: snapshot.hearing.initiator.name.ru ?? "",
          },
          lines: snapshot.tariffLines,
          actorId: actor.id,
          isDemo: !!ctx.demo,
        });
    }
    for (const person of await peopleWithRoles(trx, h.municipality_id, ["official"])) {
      const lang = langOf(person.locale);
      const t = getFixedT(lang, "protocol");
      const hearing = lang === "ky" ? h.title_ky : h.title_ru;
      const url = `${env().publicUrl}/${lang}/office/hearings/${h.id}/protocol`;
      await enqueueMail(trx, {
        to: person.email!,
        kind: input.decision === "approve" ? "protocol_approved" : "protocol_returned",
        subject: t(input.decision === "approve" ? "mail.approvedSubject" : "mail.returnedSubject", {
          hearing,
        }),
        text:
          input.decision === "approve"
            ? t("mail.approvedBody", {
                hearing,
                number: p.number,
                resolution: input.resolutionNumber.trim(),
                date: calendarDate(input.resolutionDate),
                url: verifyUrl(lang, code!),
              })
            : t("mail.returnedBody", { hearing, number: p.number, comments: input.comments, url }),
      });
    }
    await emit(trx, {
      type: input.decision === "approve" ? "protocol.approved" : "protocol.returned",
      hearingId: h.id,
    });
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: h.municipality_id,
      action: input.decision === "approve" ? "protocol.approve" : "protocol.return",
      targetType: "protocol",
      targetId: p.id,
      ip: ctx.ip,
      details: { version: v.version, ...(code ? { code } : {}) },
    });
    return { version: v.version, code };
  });
}

type StoredFile = {
  lang: "ky" | "ru";
  format: FileFormat;
  storage_key: string;
  sha256: string;
  size: number;
};

/** Render each language and format of an approved version and store it (no database write). */
async function renderFiles(v: VersionRow): Promise<StoredFile[]> {
  const storage = getStorage();
  const out: StoredFile[] = [];
  try {
    for (const lang of ["ky", "ru"] as const)
      for (const format of ["pdf", "docx"] as FileFormat[]) {
        const data = await renderVersion(v, lang, format);
        const key = `protocols/${v.protocol_id}/v${v.version}-${lang}-${randomBytes(6).toString("hex")}.${format}`;
        await storage.put(key, data);
        out.push({ lang, format, storage_key: key, sha256: sha256Hex(data), size: data.length });
      }
  } catch (error) {
    for (const f of out) await storage.remove(f.storage_key).catch(() => {});
    throw error;
  }
  return out;
}
