/** Read models for the admin pages. */
import type { DB } from "#db/connection";
import type { MailStatus, RoleName } from "#db/schema";
import type { Lang } from "../i18n/config";
import { nowIso } from "../core/clock.server";
import { hashToken } from "../auth/tokens.server";

export interface MunicipalityRow {
  id: number;
  slug: string;
  name: string;
  minNoticeDays: number;
  minCommentDays: number;
  minVotingAge: number;
  unverifiedMayComment: boolean;
  inPersonQuorum: number;
}

export async function listMunicipalities(db: DB, lang: Lang): Promise<MunicipalityRow[]> {
  const rows = await db.selectFrom("municipalities").selectAll().execute();
  return rows
    .map((m) => ({
      id: m.id,
      slug: m.slug,
      name: lang === "ky" ? m.name_ky : m.name_ru,
      minNoticeDays: m.min_notice_days,
      minCommentDays: m.min_comment_days,
      minVotingAge: m.min_voting_age,
      unverifiedMayComment: m.unverified_may_comment === 1,
      inPersonQuorum: m.in_person_quorum,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

export async function getMunicipality(
  db: DB,
  lang: Lang,
  id: number,
): Promise<MunicipalityRow | null> {
  return (await listMunicipalities(db, lang)).find((m) => m.id === id) ?? null;
}

export interface RoleRow {
  id: number;
  userId: number;
  displayName: string;
  login: string;
  municipality: string;
  role: RoleName;
  createdAt: string;
}

export async function listRoles(db: DB, lang: Lang): Promise<RoleRow[]> {
  const rows = await db
    .selectFrom("roles as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .innerJoin("municipalities as m", "m.id", "r.municipality_id")
    .select([
      "r.id",
      "r.user_id",
      "r.role",
      "r.created_at",
      "u.display_name",
      "u.email",
      "u.phone",
      "m.name_ky",
      "m.name_ru",
    ])
    .orderBy("m.id")
    .orderBy("r.role")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    login: r.email ?? r.phone ?? "",
    municipality: lang === "ky" ? r.name_ky : r.name_ru,
    role: r.role,
    createdAt: r.created_at,
  }));
}

export interface InvitationRow {
  id: number;
  municipality: string;
  role: RoleName;
  note: string | null;
  createdAt: string;
  expiresAt: string;
  status: "open" | "accepted" | "revoked" | "expired";
}

export async function listInvitations(db: DB, lang: Lang): Promise<InvitationRow[]> {
  const t = nowIso();
  const rows = await db
    .selectFrom("invitations as i")
    .innerJoin("municipalities as m", "m.id", "i.municipality_id")
    .select([
      "i.id",
      "i.role",
      "i.note",
      "i.created_at",
      "i.expires_at",
      "i.accepted_at",
      "i.revoked_at",
      "m.name_ky",
      "m.name_ru",
    ])
    .orderBy("i.id", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    municipality: lang === "ky" ? r.name_ky : r.name_ru,
    role: r.role,
    note: r.note,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status: r.accepted_at
      ? "accepted"
      : r.revoked_at
        ? "revoked"
        : r.expires_at <= t
          ? "expired"
          : "open",
  }));
}

export interface AuditRow {
  id: number;
  createdAt: string;
  actor: string | null;
  municipality: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details: string;
}

export const AUDIT_PAGE = 50;

export async function listAudit(
  db: DB,
  lang: Lang,
  opts: { page?: number; action?: string } = {},
): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  const page = Math.max(1, opts.page ?? 1);
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .leftJoin("municipalities as m", "m.id", "a.municipality_id")
    .select([
      "a.id",
      "a.created_at",
      "a.action",
      "a.target_type",
      "a.target_id",
      "a.ip",
      "a.details_json",
      "u.display_name",
      "m.name_ky",
      "m.name_ru",
    ]);
  if (opts.action) q = q.where("a.action", "like", `${opts.action}%`);
  const rows = await q
    .orderBy("a.id", "desc")
    .limit(AUDIT_PAGE + 1)
    .offset((page - 1) * AUDIT_PAGE)
    .execute();
  return {
    hasMore: rows.length > AUDIT_PAGE,
    rows: rows.slice(0, AUDIT_PAGE).map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      actor: r.display_name,
      municipality: (lang === "ky" ? r.name_ky : r.name_ru) ?? null,
      action: r.action,
      target: r.target_type ? `${r.target_type} ${r.target_id ?? ""}`.trim() : null,
      ip: r.ip,
      details: r.details_json === "{}" ? "" : r.details_json,
    })),
  };
}

export interface MailRow {
  id: number;
  to: string;
  subject: string;
  /** null when hidden (a one-time link in a message really sent) */
  text: string | null;
  kind: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

/** Kinds whose body holds a secret (a one-time link): hidden when real mail is sent. */
const SECRET_KINDS = ["password_reset"];

export async function listMail(
  db: DB,
  opts: { status?: MailStatus; redactSecrets?: boolean } = {},
): Promise<MailRow[]> {
  let q = db.selectFrom("mail_outbox").selectAll();
  if (opts.status) q = q.where("status", "=", opts.status);
  const rows = await q.orderBy("id", "desc").limit(100).execute();
  return rows.map((m) => ({
    id: m.id,
    to: m.to_address,
    subject: m.subject,
    text: opts.redactSecrets && SECRET_KINDS.includes(m.kind) ? null : m.text_body,
    kind: m.kind,
    status: m.status,
    attempts: m.attempts,
    lastError: m.last_error,
    createdAt: m.created_at,
    sentAt: m.sent_at,
    nextAttemptAt: m.next_attempt_at,
  }));
}

/** A live invitation as its page shows it (the role it grants and where). */
export interface InvitationView {
  id: number;
  municipalityId: number;
  role: RoleName;
  note: string | null;
  expiresAt: string;
}

/**
 * A live invitation (not used, not revoked, not expired) by its token (compared as its hash), or
 * null. `acceptInvitation` calls it with its transaction before it claims the invitation.
 */
export async function findInvitation(db: DB, token: string): Promise<InvitationView | null> {
  const row = await db
    .selectFrom("invitations")
    .select(["id", "municipality_id", "role", "note", "expires_at"])
    .where("token_hash", "=", hashToken(token))
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso())
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        municipalityId: row.municipality_id,
        role: row.role,
        note: row.note,
        expiresAt: row.expires_at,
      }
    : null;
}
