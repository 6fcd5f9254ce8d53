/**
 * Reads for the protocol pages, downloads, the council dashboard, the verify page and the API.
 */
import type { DB } from "#db/connection";
import type { HearingState, ProtocolStage, RoleName } from "#db/schema";
import { can, type Actor } from "../auth/permissions";
import { now } from "../core/clock.server";
import { toBishkekDateInput } from "../format/time";
import { deriveState } from "../hearings/state";
import type { L10n } from "./content.server";
import type { FileFormat, VersionRow } from "./render.server";
import { getStorage, sha256Hex } from "../storage/storage.server";

export interface HearingInfo {
  id: number;
  municipalityId: number;
  municipalitySlug: string;
  municipalityName: L10n;
  title: L10n;
  shortCode: string;
  /** "tariff" or "plan" */
  type: string;
  state: HearingState;
  protocolState: ProtocolStage | null;
}

export async function getHearingInfo(db: DB, hearingId: number): Promise<HearingInfo | null> {
  const h = await db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .select([
      "h.id",
      "h.municipality_id",
      "h.type",
      "h.state",
      "h.comment_start_at",
      "h.comment_end_at",
      "h.protocol_state",
      "h.short_code",
      "h.title_ky",
      "h.title_ru",
      "m.slug",
      "m.name_ky",
      "m.name_ru",
    ])
    .where("h.id", "=", hearingId)
    .executeTakeFirst();
  if (!h) return null;
  return {
    id: h.id,
    municipalityId: h.municipality_id,
    municipalitySlug: h.slug,
    municipalityName: { ky: h.name_ky, ru: h.name_ru },
    title: { ky: h.title_ky, ru: h.title_ru },
    shortCode: h.short_code,
    type: h.type,
    state: deriveState(h, now()),
    protocolState: h.protocol_state,
  };
}

export interface FileRow {
  id: number;
  versionId: number;
  lang: "ky" | "ru";
  format: FileFormat;
  storageKey: string;
  sha256: string;
  size: number;
}

export interface HearingProtocol {
  hearing: HearingInfo;
  protocol: {
    id: number;
    number: string;
    state: ProtocolStage;
    chairName: string;
    secretaryName: string;
    conclusionsKy: string;
    conclusionsRu: string;
    currentVersion: number;
  } | null;
  /** newest first */
  versions: VersionRow[];
  files: FileRow[];
}

export async function getHearingProtocol(
  db: DB,
  hearingId: number,
): Promise<HearingProtocol | null> {
  const hearing = await getHearingInfo(db, hearingId);
  if (!hearing) return null;
  const p = await db
    .selectFrom("protocols")
    .selectAll()
    .where("hearing_id", "=", hearingId)
    .executeTakeFirst();
  if (!p) return { hearing, protocol: null, versions: [], files: [] };
  const versions = await db
    .selectFrom("protocol_versions")
    .selectAll()
    .where("protocol_id", "=", p.id)
    .orderBy("version", "desc")
    .execute();
  const files = versions.length
    ? await db
        .selectFrom("protocol_files")
        .selectAll()
        .where(
          "version_id",
          "in",
          versions.map((v) => v.id),
        )
        .execute()
    : [];
  return {
    hearing,
    protocol: {
      id: p.id,
      number: p.number,
      state: p.state,
      chairName: p.chair_name,
      secretaryName: p.secretary_name,
      conclusionsKy: p.conclusions_ky,
      conclusionsRu: p.conclusions_ru,
      currentVersion: p.current_version,
    },
    versions,
    files: files.map((f) => ({
      id: f.id,
      versionId: f.version_id,
      lang: f.lang,
      format: f.format,
      storageKey: f.storage_key,
      sha256: f.sha256,
      size: Number(f.size),
    })),
  };
}

export async function protocolHearingId(db: DB, protocolId: number): Promise<number | null> {
  const p = await db
    .selectFrom("protocols")
    .select("hearing_id")
    .where("id", "=", protocolId)
    .executeTakeFirst();
  return p?.hearing_id ?? null;
}

/** Approved versions are public; the others only for the municipality's officials and council. */
export function canReadVersion(
  actor: Actor | null,
  municipalityId: number,
  v: Pick<VersionRow, "decision">,
): boolean {
  return v.decision === "approved" || can(actor, "protocol.councilRead", { municipalityId });
}

/** The newest version this person may read (approved for the public). */
export function latestReadable(actor: Actor | null, hp: HearingProtocol): VersionRow | null {
  return hp.versions.find((v) => canReadVersion(actor, hp.hearing.municipalityId, v)) ?? null;
}

/** The date a version's file names carry: the resolution date, else the submission or creation. */
export function versionDate(v: VersionRow): string {
  return v.resolution_date ?? toBishkekDateInput(v.submitted_at ?? v.created_at);
}

export async function readStoredFile(f: FileRow): Promise<Buffer | null> {
  return getStorage().get(f.storageKey);
}

export interface CouncilItem {
  protocolId: number;
  hearingId: number;
  number: string;
  state: ProtocolStage;
  hearingTitle: L10n;
  municipalityName: L10n;
  version: number;
  submittedAt: string | null;
  decidedAt: string | null;
}

/** The council dashboard: protocols awaiting a decision and recent decisions, in the municipalities
 * where this person is a council member, the secretary or an official. */
export async function listCouncilProtocols(
  db: DB,
  actor: Actor,
): Promise<{ awaiting: CouncilItem[]; recent: CouncilItem[] }> {
  const munis = [
    ...new Set(
      actor.roles
        .filter((r) => can(actor, "protocol.councilRead", { municipalityId: r.municipalityId }))
        .map((r) => r.municipalityId),
    ),
  ];
  if (!munis.length) return { awaiting: [], recent: [] };
  const rows = await db
    .selectFrom("protocols as p")
    .innerJoin("hearings as h", "h.id", "p.hearing_id")
    .innerJoin("municipalities as m", "m.id", "p.municipality_id")
    .innerJoin("protocol_versions as v", (j) =>
      j.onRef("v.protocol_id", "=", "p.id").onRef("v.version", "=", "p.current_version"),
    )
    .select([
      "p.id",
      "p.hearing_id",
      "p.number",
      "p.state",
      "p.current_version",
      "h.title_ky",
      "h.title_ru",
      "m.name_ky",
      "m.name_ru",
      "v.submitted_at",
      "v.decided_at",
    ])
    .where("p.municipality_id", "in", munis)
    .where("p.state", "in", ["submitted", "approved", "returned"])
    .orderBy("v.submitted_at", "desc")
    .limit(200)
    .execute();
  const items = rows.map((r) => ({
    protocolId: r.id,
    hearingId: r.hearing_id,
    number: r.number,
    state: r.state,
    hearingTitle: { ky: r.title_ky, ru: r.title_ru },
    municipalityName: { ky: r.name_ky, ru: r.name_ru },
    version: r.current_version,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
  }));
  return {
    awaiting: items.filter((i) => i.state === "submitted"),
    recent: items.filter((i) => i.state !== "submitted").slice(0, 20),
  };
}

export interface VerificationView {
  code: string;
  municipalityName: L10n;
  hearingId: number;
  hearingTitle: L10n;
  number: string;
  version: number;
  resolutionNumber: string;
  resolutionDate: string;
  decidedAt: string;
  contentSha256: string;
  files: { lang: "ky" | "ru"; format: FileFormat; sha256: string; size: number }[];
}

export async function findVerification(db: DB, code: string): Promise<VerificationView | null> {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-Z-]{4,20}$/.test(c)) return null;
  const v = await db
    .selectFrom("protocol_versions as v")
    .innerJoin("protocols as p", "p.id", "v.protocol_id")
    .innerJoin("hearings as h", "h.id", "p.hearing_id")
    .innerJoin("municipalities as m", "m.id", "p.municipality_id")
    .select([
      "v.id",
      "v.version",
      "v.resolution_number",
      "v.resolution_date",
      "v.decided_at",
      "v.content_sha256",
      "v.verification_code",
      "p.number",
      "h.id as hearing_id",
      "h.title_ky",
      "h.title_ru",
      "m.name_ky",
      "m.name_ru",
    ])
    .where("v.verification_code", "=", c)
    .where("v.decision", "=", "approved")
    .executeTakeFirst();
  if (!v) return null;
  const files = await db
    .selectFrom("protocol_files")
    .select(["lang", "format", "sha256", "size"])
    .where("version_id", "=", v.id)
    .orderBy("lang")
    .orderBy("format")
    .execute();
  return {
    code: v.verification_code!,
    municipalityName: { ky: v.name_ky, ru: v.name_ru },
    hearingId: v.hearing_id,
    hearingTitle: { ky: v.title_ky, ru: v.title_ru },
    number: v.number,
    version: v.version,
    resolutionNumber: v.resolution_number ?? "",
    resolutionDate: v.resolution_date ?? "",
    decidedAt: v.decided_at ?? "",
    contentSha256: v.content_sha256,
    files: files.map((f) => ({ ...f, size: Number(f.size) })),
  };
}

/** Does an uploaded file equal one of the frozen files of this verification? */
export function matchUpload(
  view: VerificationView,
  data: Uint8Array,
): { sha256: string; match: VerificationView["files"][number] | null } {
  const sha256 = sha256Hex(data);
  return { sha256, match: view.files.find((f) => f.sha256 === sha256) ?? null };
}

/** Approved protocols of a municipality (for its page). */
export async function listApprovedProtocols(db: DB, municipalityId: number) {
  const rows = await db
    .selectFrom("protocols as p")
    .innerJoin("hearings as h", "h.id", "p.hearing_id")
    .innerJoin("protocol_versions as v", (j) =>
      j.onRef("v.protocol_id", "=", "p.id").onRef("v.version", "=", "p.current_version"),
    )
    .select([
      "p.id",
      "p.hearing_id",
      "p.number",
      "h.title_ky",
      "h.title_ru",
      "v.resolution_number",
      "v.resolution_date",
      "v.verification_code",
    ])
    .where("p.municipality_id", "=", municipalityId)
    .where("p.state", "=", "approved")
    .orderBy("v.resolution_date", "desc")
    .execute();
  return rows.map((r) => ({
    protocolId: r.id,
    hearingId: r.hearing_id,
    number: r.number,
    title: { ky: r.title_ky, ru: r.title_ru },
    resolutionNumber: r.resolution_number,
    resolutionDate: r.resolution_date,
    code: r.verification_code,
  }));
}

/**
 * The people holding any of `roles` in the municipality who have an e-mail address (each once:
 * id, email, locale) — whom the protocol commands notify on submission and decision; they call
 * it with their transaction so the mail is queued with the change.
 */
export async function peopleWithRoles(db: DB, municipalityId: number, roles: RoleName[]) {
  return db
    .selectFrom("roles as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.id", "u.email", "u.locale"])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.role", "in", roles)
    .where("u.email", "is not", null)
    .distinct()
    .execute();
}
