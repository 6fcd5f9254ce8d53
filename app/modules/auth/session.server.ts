/**
 * Sessions as the Lucia guide describes (lucia-auth.com): a random token in the cookie, only its
 * SHA-256 (hex) in the database as the session id, a 30-day sliding expiry.
 */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { compiledOnce } from "#db/compiled-once";
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

/** The session id stored for a cookie token: SHA-256 of its UTF-8 bytes, lower-case hex. */
export function sessionIdFromToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
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

/** The columns of `users` a SessionUser is made of. */
const USER_COLUMNS = [
  "u.id",
  "u.email",
  "u.phone",
  "u.display_name",
  "u.municipality_id",
  "u.village_id",
  "u.is_admin",
  "u.locale",
] as const;

interface UserRow {
  id: number;
  email: string | null;
  phone: string | null;
  display_name: string;
  municipality_id: number | null;
  village_id: number | null;
  is_admin: number;
  locale: string;
}

/**
 * The person's roles and active residence verifications, in one statement (slot 0: the user id).
 * Built once (db/compiled-once.ts): it runs on every signed-in request.
 */
const sessionFacts = compiledOnce(1, (db: DB, ...s) =>
  db
    .selectFrom("roles")
    .select([
      sql<"role" | "verified">`'role'`.as("kind"),
      "municipality_id",
      sql<string | null>`role`.as("value"),
    ])
    .where("user_id", "=", s[0] as unknown as number)
    .unionAll(
      db
        .selectFrom("verifications")
        .select([
          sql<"role" | "verified">`'verified'`.as("kind"),
          "municipality_id",
          sql<string | null>`birth_date`.as("value"),
        ])
        .where("user_id", "=", s[0] as unknown as number)
        .where("revoked_at", "is", null),
    ),
);

/** The person's roles and active residence verifications, in one statement. */
async function toSessionUser(db: DB, u: UserRow): Promise<SessionUser> {
  const facts = (await sessionFacts(db, [u.id])).rows;
  const roles = facts.filter((f) => f.kind === "role");
  const verifications = facts.filter((f) => f.kind === "verified");
  return {
    id: u.id,
    email: u.email,
    phone: u.phone,
    displayName: u.display_name,
    municipalityId: u.municipality_id,
    villageId: u.village_id,
    isAdmin: Number(u.is_admin) === 1,
    locale: u.locale,
    roles: roles.map((r) => ({ municipalityId: r.municipality_id, role: r.value as RoleName })),
    verifiedIn: verifications.map((v) => v.municipality_id),
    birthDates: Object.fromEntries(verifications.map((v) => [v.municipality_id, v.value])),
  };
}

/** The person of a session (slot 0: the user id). Built once: every signed-in request reads it. */
const sessionPerson = compiledOnce(1, (db: DB, ...s) =>
  db
    .selectFrom("users as u")
    .select(USER_COLUMNS)
    .where("u.id", "=", s[0] as unknown as number),
);

/** The session row of token hash slot 0. Built once: every signed-in request reads it. */
const sessionRow = compiledOnce(1, (db: DB, ...s) =>
  db
    .selectFrom("sessions")
    .select(["user_id", "expires_at", "last_seen_at"])
    .where("id", "=", s[0] as unknown as string),
);

/** The person `userId` with roles and active verifications (2 statements), or null. */
export async function loadSessionUser(db: DB, userId: number): Promise<SessionUser | null> {
  const u = (await sessionPerson(db, [userId])).rows[0];
  return u ? toSessionUser(db, u) : null;
}

/**
 * The session of cookie token `token` and its person, or null (unknown, expired — then deleted —
 * or its person gone). Renews the sliding expiry when less than 15 days are left, and notes
 * `last_seen_at` at most hourly. Three statements in the common case (session, person, then roles
 * with verifications), read by every signed-in request.
 */
export async function validateSessionToken(
  db: DB,
  token: string,
): Promise<ValidatedSession | null> {
  const id = sessionIdFromToken(token);
  // (a join of sessions and users measured slower on SQLite than the two primary-key reads —
  // measured while SQLite re-prepared joined statements at every run, before ADR 0071)
  const row = (await sessionRow(db, [id])).rows[0];
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
