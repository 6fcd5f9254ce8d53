/**
 * Administration: municipalities' hearing settings, roles granted to existing accounts or by a
 * one-time invitation link (valid 7 days). Every change goes to the audit log.
 */
import type { DB } from "#db/connection";
import type { RoleName } from "#db/schema";
import { audit } from "../audit/audit.server";
import { now, nowIso } from "../core/clock.server";
import { DomainError } from "../core/errors";
import { parseLogin, loginKey } from "../auth/credentials.server";
import { newToken } from "../auth/tokens.server";
import { findInvitation } from "./queries.server";

/** True when the municipality exists (roles and invitations refer to it). */
async function municipalityExists(db: DB, municipalityId: number): Promise<boolean> {
  const m = await db
    .selectFrom("municipalities")
    .select("id")
    .where("id", "=", municipalityId)
    .executeTakeFirst();
  return !!m;
}

export { ROLE_NAMES } from "./roles";
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Meta {
  ip?: string | null;
}

export interface MunicipalitySettings {
  minNoticeDays: number;
  minCommentDays: number;
  minVotingAge: number;
  unverifiedMayComment: boolean;
  inPersonQuorum: number;
}

export async function updateMunicipalitySettings(
  db: DB,
  adminId: number,
  municipalityId: number,
  s: MunicipalitySettings,
  meta: Meta,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("municipalities")
      .set({
        min_notice_days: s.minNoticeDays,
        min_comment_days: s.minCommentDays,
        min_voting_age: s.minVotingAge,
        unverified_may_comment: s.unverifiedMayComment ? 1 : 0,
        in_person_quorum: s.inPersonQuorum,
      })
      .where("id", "=", municipalityId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await audit(trx, {
      actorUserId: adminId,
      municipalityId,
      action: "municipality.settings",
      targetType: "municipality",
      targetId: municipalityId,
      ip: meta.ip,
      details: { ...s },
    });
    return true;
  });
}

/**
 * Grant a role to an existing account found by email or phone.
 *
 * Outcomes: the role is held (a `roles` row and an audit entry). Refusals (DomainError, status
 * 400, at the field `login`): `admin:errors.loginInvalid` (neither an email nor a phone),
 * `admin:errors.noSuchAccount`, `admin:errors.alreadyHasRole`.
 */
export async function grantRole(
  db: DB,
  adminId: number,
  input: { login: string; municipalityId: number; role: RoleName },
  meta: Meta,
): Promise<void> {
  const login = parseLogin(input.login);
  if (!login) throw new DomainError("admin:errors.loginInvalid", {}, 400, "login");
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select("id")
      .where(login.kind === "email" ? "email" : "phone", "=", loginKey(login))
      .executeTakeFirst();
    if (!user) throw new DomainError("admin:errors.noSuchAccount", {}, 400, "login");
    if (!(await municipalityExists(trx, input.municipalityId)))
      throw new DomainError("admin:errors.noSuchMunicipality", {}, 400, "login");
    await grantRoleToUser(
      trx,
      adminId,
      user.id,
      input.municipalityId,
      input.role,
      meta,
      "role.grant",
    );
  });
}

/** Inside the caller's transaction: refuses a role already held (400 at `login`). */
async function grantRoleToUser(
  trx: DB,
  grantedBy: number,
  userId: number,
  municipalityId: number,
  role: RoleName,
  meta: Meta,
  action: string,
): Promise<void> {
  const existing = await trx
    .selectFrom("roles")
    .select("id")
    .where("user_id", "=", userId)
    .where("municipality_id", "=", municipalityId)
    .where("role", "=", role)
    .executeTakeFirst();
  if (existing) throw new DomainError("admin:errors.alreadyHasRole", {}, 400, "login");
  await trx
    .insertInto("roles")
    .values({
      user_id: userId,
      municipality_id: municipalityId,
      role,
      granted_by: grantedBy,
      created_at: nowIso(),
    })
    .execute();
  await audit(trx, {
    actorUserId: grantedBy,
    municipalityId,
    action,
    targetType: "user",
    targetId: userId,
    ip: meta.ip,
    details: { role },
  });
}

export async function revokeRole(
  db: DB,
  adminId: number,
  roleId: number,
  meta: Meta,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom("roles").selectAll().where("id", "=", roleId).executeTakeFirst();
    if (!r) return false;
    await trx.deleteFrom("roles").where("id", "=", roleId).execute();
    await audit(trx, {
      actorUserId: adminId,
      municipalityId: r.municipality_id,
      action: "role.revoke",
      targetType: "user",
      targetId: r.user_id,
      ip: meta.ip,
      details: { role: r.role },
    });
    return true;
  });
}

/** A one-time invitation; the token is shown once (only its SHA-256 is stored). */
export async function createInvitation(
  db: DB,
  adminId: number,
  input: { municipalityId: number; role: RoleName; note?: string | null },
  meta: Meta,
): Promise<{ id: number; token: string; expiresAt: string }> {
  if (!(await municipalityExists(db, input.municipalityId)))
    throw new DomainError("admin:errors.noSuchMunicipality", {}, 404, "municipalityId");
  const { token, hash } = newToken();
  const t = now();
  const expiresAt = new Date(t.getTime() + INVITATION_TTL_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("invitations")
      .values({
        token_hash: hash,
        municipality_id: input.municipalityId,
        role: input.role,
        note: input.note?.trim() || null,
        created_by: adminId,
        created_at: t.toISOString(),
        expires_at: expiresAt,
        accepted_by: null,
        accepted_at: null,
        revoked_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: adminId,
      municipalityId: input.municipalityId,
      action: "invitation.create",
      targetType: "invitation",
      targetId: id,
      ip: meta.ip,
      details: { role: input.role },
    });
    return { id, token, expiresAt };
  });
}

export async function revokeInvitation(db: DB, adminId: number, id: number, meta: Meta) {
  const res = await db
    .updateTable("invitations")
    .set({ revoked_at: nowIso() })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1)
    await audit(db, {
      actorUserId: adminId,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: id,
      ip: meta.ip,
    });
}

/**
 * Accept an invitation: the signed-in person gets its role in its municipality (once).
 *
 * Outcomes: the role is held and the invitation marked accepted. Refusal: 400
 * `admin:errors.invitationInvalid` (unknown, expired, revoked or already accepted — also when two
 * accept at the same moment, only one claims it).
 */
export async function acceptInvitation(
  db: DB,
  token: string,
  userId: number,
  meta: Meta,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inv = await findInvitation(trx, token);
    if (!inv) throw new DomainError("admin:errors.invitationInvalid");
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_by: userId, accepted_at: nowIso() })
      .where("id", "=", inv.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new DomainError("admin:errors.invitationInvalid");
    const has = await trx
      .selectFrom("roles")
      .select("id")
      .where("user_id", "=", userId)
      .where("municipality_id", "=", inv.municipalityId)
      .where("role", "=", inv.role)
      .executeTakeFirst();
    if (!has)
      await trx
        .insertInto("roles")
        .values({
          user_id: userId,
          municipality_id: inv.municipalityId,
          role: inv.role,
          granted_by: null,
          created_at: nowIso(),
        })
        .execute();
    await audit(trx, {
      actorUserId: userId,
      municipalityId: inv.municipalityId,
      action: "invitation.accept",
      targetType: "invitation",
      targetId: inv.id,
      ip: meta.ip,
      details: { role: inv.role },
    });
  });
}
