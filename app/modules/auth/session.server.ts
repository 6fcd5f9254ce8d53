/**
 * Sessions as the Lucia guide describes (lucia-auth.com): a random token in the cookie, only its
 * SHA-256 (hex) in the database as the session id, a 30-day sliding expiry.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { DB } from "#db/connection";
import type { RoleName } from "#db/schema";
import { now } from "../core/clock.server";

export const SESSION_COOKIE = "jyiyn_session";
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;
const RENEW_WHEN_LEFT_MS = 15 * DAY;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export async function createSession(db: DB, token: string, userId: number, meta: SessionMeta = {}) {
  const t = now();
  const row = {
    id: sessionIdFromToken(token),
    user_id: userId,
    expires_at: new Date(t.getTime() + SESSION_TTL_MS).toISOString(),
    created_at: t.toISOString(),
    last_seen_at: t.toISOString(),
    ip: meta.ip ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  };
  await db.insertInto("sessions").values(row).execute();
  return row;
}

export interface SessionUser {
  id: number;
  email: string | null;
  phone: string | null;
  displayName: string;
  municipalityId: number | null;
  villageId: number | null;
  isAdmin: boolean;
  locale: string;
  roles: { municipalityId: number; role: RoleName }[];
  verifiedIn: number[];
  /** yyyy-mm-dd per municipality, from the residence verification (for the voting-age rule) */
  birthDates: Record<number, string | null>;
}

export interface ValidatedSession {
  session: { id: string; userId: number; expiresAt: string };
  user: SessionUser;
}

export async function loadSessionUser(db: DB, userId: number): Promise<SessionUser | null> {
  const u = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!u) return null;
  const [roles, verifications] = await Promise.all([
    db
      .selectFrom("roles")
      .select(["municipality_id", "role"])
      .where("user_id", "=", userId)
      .execute(),
    db
      .selectFrom("verifications")
      .select(["municipality_id", "birth_date"])
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute(),
  ]);
  return {
    id: u.id,
    email: u.email,
    phone: u.phone,
    displayName: u.display_name,
    municipalityId: u.municipality_id,
    villageId: u.village_id,
    isAdmin: u.is_admin === 1,
    locale: u.locale,
    roles: roles.map((r) => ({ municipalityId: r.municipality_id, role: r.role })),
    verifiedIn: verifications.map((v) => v.municipality_id),
    birthDates: Object.fromEntries(verifications.map((v) => [v.municipality_id, v.birth_date])),
  };
}

export async function validateSessionToken(
  db: DB,
  token: string,
): Promise<ValidatedSession | null> {
  const id = sessionIdFromToken(token);
  const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const t = now();
  if (t.getTime() >= Date.parse(row.expires_at)) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (Date.parse(row.expires_at) - t.getTime() < RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(t.getTime() + SESSION_TTL_MS).toISOString();
    await db
      .updateTable("sessions")
      .set({ expires_at: expiresAt, last_seen_at: t.toISOString() })
      .where("id", "=", id)
      .execute();
  } else if (t.getTime() - Date.parse(row.last_seen_at) > 60 * 60 * 1000) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: t.toISOString() })
      .where("id", "=", id)
      .execute();
  }
  const user = await loadSessionUser(db, row.user_id);
  if (!user) return null;
  return { session: { id, userId: row.user_id, expiresAt }, user };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function invalidateAllSessions(db: DB, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export function sessionCookie(token: string, expiresAt: string, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - now().getTime()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Re-exported for the callers that know it from here; the helper lives in core. */
export { readCookie } from "../core/cookies.server";
