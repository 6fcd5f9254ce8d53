/**
 * Account commands: registration, sign-in, sessions, password change and reset, invitations.
 * Each takes the db first; sign-in and reset answers never reveal whether an account exists.
 */
import type { DB } from "#db/connection";
import { audit } from "../audit/audit.server";
import { now, nowIso } from "../core/clock.server";
import { env } from "../core/env.server";
import { DomainError } from "../core/errors";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { enqueueMail } from "../mail/outbox.server";
import {
  forgiveAttempt,
  giveBackAttempt,
  signInDelayMs,
  LIMITS,
  takeAttempt,
  takeAttempts,
  type LimitState,
} from "../ratelimit/ratelimit.server";
import { loginKey, parseLogin } from "./credentials.server";
import { hashPassword, verifyPassword } from "./password.server";
import {
  createSession,
  generateSessionToken,
  invalidateAllSessions,
  sessionIdFromToken,
} from "./session.server";
import { liveResetLink } from "./queries.server";
import { codeHash, newCode, newToken } from "./tokens.server";

export interface Meta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface NewSession {
  token: string;
  expiresAt: string;
  userId: number;
}

async function startSession(db: DB, userId: number, meta: Meta): Promise<NewSession> {
  const token = generateSessionToken();
  const row = await createSession(db, token, userId, meta);
  return { token, expiresAt: row.expires_at, userId };
}

// ---- registration ------------------------------------------------------------------------------

export interface RegisterInput {
  login: string;
  password: string;
  displayName: string;
  municipalityId: number;
  villageId: number;
  locale: Lang;
}

/**
 * The refusal of a rate limit: 429 `auth:errors.tooMany` with the minutes to wait (`count`, for
 * the plural) and `retryAfter` in seconds (sent as Retry-After).
 */
export function tooManyError(state: LimitState): DomainError {
  const minutes = Math.max(1, Math.ceil(state.retryAfter / 60));
  return new DomainError(
    "auth:errors.tooMany",
    { count: minutes },
    429,
    "_form",
    [],
    state.retryAfter,
  );
}

/**
 * Register an account with a phone or email and a password.
 *
 * The answer does not say whether the login already has an account (OWASP: no account
 * enumeration): a new login gets its account, an existing one gets nothing new, and both get
 * `{ ok: true }` after about the same time (the password is hashed either way); the route then
 * asks the person to sign in. The existing account's owner is told instead: by mail for an email
 * login, by a portal notification for a phone login (there is no SMS), in their language.
 *
 * Outcomes: done (the route asks to sign in). Refusals (DomainError): 429 `auth:errors.tooMany`
 * (30 per address per hour; `retryAfter` set); 400 `auth:errors.loginInvalid` at `login` (not a
 * phone or email); 400 `auth:errors.villageUnknown` at `villageId` (not a village of the
 * municipality — villages are reference data, read before the transaction).
 */
export async function register(db: DB, input: RegisterInput, meta: Meta): Promise<void> {
  const limited = await takeAttempt(db, LIMITS.registerIp, meta.ip);
  if (limited.limited) throw tooManyError(limited);
  const login = parseLogin(input.login);
  if (!login) throw new DomainError("auth:errors.loginInvalid", {}, 400, "login");
  const village = await db
    .selectFrom("villages")
    .select("id")
    .where("id", "=", input.villageId)
    .where("municipality_id", "=", input.municipalityId)
    .executeTakeFirst();
  if (!village) throw new DomainError("auth:errors.villageUnknown", {}, 400, "villageId");
  const passwordHash = await hashPassword(input.password);
  const column = login.kind === "email" ? "email" : "phone";
  const taken = await db
    .selectFrom("users")
    .select("id")
    .where(column, "=", loginKey(login))
    .executeTakeFirst();
  if (taken) {
    await tellOwnerOfRegisterAttempt(db, taken.id, meta);
    return;
  }
  const at = nowIso();
  try {
    await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("users")
        .values({
          email: login.kind === "email" ? login.email : null,
          phone: login.kind === "phone" ? login.phone : null,
          display_name: input.displayName.trim(),
          password_hash: passwordHash,
          municipality_id: input.municipalityId,
          village_id: input.villageId,
          is_admin: 0,
          locale: input.locale,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actorUserId: id,
        municipalityId: input.municipalityId,
        action: "auth.register",
        targetType: "user",
        targetId: id,
        ip: meta.ip,
      });
    });
  } catch (e) {
    // the same login registered by a parallel request a moment earlier: it exists now
    const winner = await db
      .selectFrom("users")
      .select("id")
      .where(column, "=", loginKey(login))
      .executeTakeFirst();
    if (!winner) throw e;
    await tellOwnerOfRegisterAttempt(db, winner.id, meta);
  }
}

/**
 * Someone tried to register with an existing account's login: its owner gets a mail (email
 * accounts) or a portal notification (phone accounts) in their language, and the audit log a line.
 */
async function tellOwnerOfRegisterAttempt(db: DB, userId: number, meta: Meta): Promise<void> {
  const u = await db
    .selectFrom("users")
    .select(["email", "locale", "municipality_id"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const lang: Lang = u.locale === "ru" ? "ru" : "ky";
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    if (u.email) {
      const tt = getFixedT(lang, "auth");
      await enqueueMail(trx, {
        to: u.email,
        subject: tt("registerAttemptMail.subject"),
        text: tt("registerAttemptMail.text", {
          login: `${env().publicUrl}/${lang}/login`,
          reset: `${env().publicUrl}/${lang}/reset`,
        }),
        kind: "register_attempt",
      });
    } else {
      await trx
        .insertInto("notifications")
        .values({
          user_id: userId,
          kind: "register_attempt",
          hearing_id: null,
          payload_json: JSON.stringify({ at }),
          created_at: at,
          read_at: null,
          emailed_at: null,
        })
        .execute();
    }
    await audit(trx, {
      actorUserId: null,
      municipalityId: u.municipality_id,
      action: "auth.registerExisting",
      targetType: "user",
      targetId: userId,
      ip: meta.ip,
    });
  });
}

// ---- sign-in -----------------------------------------------------------------------------------

let dummyHash: Promise<string> | undefined;
/** A hash verified when the account does not exist, so the answer takes about as long. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword("jyiyn-dummy-password-for-timing");
  return dummyHash;
}

/** The refusal of a wrong login or password (the same for an unknown account): 400 at `_form`. */
export const badCredentials = () => new DomainError("auth:errors.badCredentials");

/**
 * Sign in with an email or phone and a password.
 *
 * Brute-force protection (OWASP Authentication Cheat Sheet; numbers in docs/accounts.md): BEFORE the
 * password is checked, the attempt is counted atomically for the account-and-address and for the
 * address, so of N parallel guesses at most the limit are ever checked; over either limit →
 * 429 `auth:errors.tooMany`. The account as a whole is never locked: past 10 failures from
 * anywhere in 15 minutes each check is delayed (1 s more per failure, ≤ 10 s). A success forgets
 * the account's counters and gives the address its attempt back.
 *
 * Outcomes: `{ session }`. Refusals (DomainError): 400 `auth:errors.badCredentials` (no such
 * account or a wrong password: the same answer, in about the same time); 429 `auth:errors.tooMany`
 * (`retryAfter` set). Attempts are counted outside any transaction on purpose: a refused attempt
 * must stay counted.
 */
export async function signIn(
  db: DB,
  input: { login: string; password: string },
  meta: Meta,
): Promise<{ session: NewSession }> {
  const login = parseLogin(input.login);
  const key = login ? loginKey(login) : input.login.trim().toLowerCase().slice(0, 100);
  const pairKey = `${key}|${meta.ip ?? "unknown"}`;
  const limited = await takeAttempts(db, [
    [LIMITS.signInAccountAddress, pairKey],
    [LIMITS.signInAddress, meta.ip],
  ]);
  if (limited.limited) {
    await audit(db, {
      actorUserId: null,
      action: "auth.signInLimited",
      ip: meta.ip,
      details: { login: key },
    });
    throw tooManyError(limited);
  }
  const accountWide = await takeAttempt(db, LIMITS.signInAccount, key);
  const delay = signInDelayMs(accountWide.count - 1);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const user = login
    ? await db
        .selectFrom("users")
        .select(["id", "password_hash", "municipality_id"])
        .where(login.kind === "email" ? "email" : "phone", "=", key)
        .executeTakeFirst()
    : undefined;
  const good = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummy(), input.password), false);
  if (!user || !good) {
    await audit(db, {
      actorUserId: null,
      municipalityId: user?.municipality_id ?? null,
      action: "auth.signInFailed",
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      ip: meta.ip,
      details: { login: key },
    });
    throw badCredentials();
  }
  await forgiveAttempt(db, LIMITS.signInAccountAddress, pairKey);
  await forgiveAttempt(db, LIMITS.signInAccount, key);
  await giveBackAttempt(db, LIMITS.signInAddress, meta.ip);
  const session = await startSession(db, user.id, meta);
  await audit(db, {
    actorUserId: user.id,
    municipalityId: user.municipality_id,
    action: "auth.signIn",
    targetType: "user",
    targetId: user.id,
    ip: meta.ip,
  });
  return { session };
}

export async function signOut(db: DB, sessionId: string, userId: number, meta: Meta) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
  await audit(db, { actorUserId: userId, action: "auth.signOut", ip: meta.ip });
}

export async function signOutEverywhere(db: DB, userId: number, meta: Meta) {
  await db.transaction().execute(async (trx) => {
    await invalidateAllSessions(trx, userId);
    await audit(trx, {
      actorUserId: userId,
      action: "auth.signOutEverywhere",
      targetType: "user",
      targetId: userId,
      ip: meta.ip,
    });
  });
}

// ---- sessions of one account -------------------------------------------------------------------

/** Revoke one of the person's own sessions by its handle; false if none matched. */
export async function revokeSession(
  db: DB,
  userId: number,
  handle: string,
  meta: Meta,
): Promise<boolean> {
  if (!/^[0-9a-f]{16}$/.test(handle)) return false;
  const rows = await db
    .selectFrom("sessions")
    .select("id")
    .where("user_id", "=", userId)
    .where("id", "like", `${handle}%`)
    .execute();
  if (rows.length !== 1) return false;
  await db.deleteFrom("sessions").where("id", "=", rows[0].id).execute();
  await audit(db, {
    actorUserId: userId,
    action: "auth.sessionRevoked",
    targetType: "session",
    targetId: handle,
    ip: meta.ip,
  });
  return true;
}

// ---- profile and password ----------------------------------------------------------------------

/**
 * Change one's name, language and (within one's municipality) village.
 *
 * Outcomes: saved. Refusal: 400 `auth:errors.villageUnknown` at `villageId` (not a village of the
 * person's municipality).
 */
export async function updateProfile(
  db: DB,
  userId: number,
  input: { displayName: string; locale: Lang; villageId?: number | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await trx
      .selectFrom("users")
      .select(["municipality_id"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    let villageId: number | undefined;
    if (input.villageId) {
      const v = await trx
        .selectFrom("villages")
        .select("id")
        .where("id", "=", input.villageId)
        .where("municipality_id", "=", u.municipality_id ?? -1)
        .executeTakeFirst();
      if (!v) throw new DomainError("auth:errors.villageUnknown", {}, 400, "villageId");
      villageId = v.id;
    }
    await trx
      .updateTable("users")
      .set({
        display_name: input.displayName.trim(),
        locale: input.locale,
        ...(villageId ? { village_id: villageId } : {}),
        updated_at: nowIso(),
      })
      .where("id", "=", userId)
      .execute();
  });
}

/**
 * Change the password; every other session is signed out.
 *
 * Outcomes: changed. Refusal: 400 `auth:errors.currentPasswordWrong` at `currentPassword`. (The
 * password check runs before the transaction: hashing is slow and must not hold a write lock; the
 * update is conditional on the hash it verified, so a concurrent change cannot be overwritten.)
 */
export async function changePassword(
  db: DB,
  userId: number,
  currentSessionId: string,
  current: string,
  next: string,
  meta: Meta,
): Promise<void> {
  const u = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(u.password_hash, current)))
    throw new DomainError("auth:errors.currentPasswordWrong", {}, 400, "currentPassword");
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("users")
      .set({ password_hash: hash, updated_at: nowIso() })
      .where("id", "=", userId)
      .where("password_hash", "=", u.password_hash)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new DomainError("auth:errors.currentPasswordWrong", {}, 400, "currentPassword");
    await trx
      .deleteFrom("sessions")
      .where("user_id", "=", userId)
      .where("id", "!=", currentSessionId)
      .execute();
    await withdrawOutstandingResets(trx, userId, nowIso());
    await audit(trx, {
      actorUserId: userId,
      action: "auth.passwordChanged",
      targetType: "user",
      targetId: userId,
      ip: meta.ip,
    });
  });
}

// ---- password reset ----------------------------------------------------------------------------

/**
 * Withdraw every outstanding reset link and code of an account (`kind` to withdraw one kind only):
 * they get `used_at` = `at`, so they no longer work. Called when a newer link or code replaces the
 * older ones, and when the password changes (by a reset or by the owner), so that a leaked older
 * link cannot reset the password afterwards.
 */
async function withdrawOutstandingResets(
  trx: DB,
  userId: number,
  at: string,
  kind?: "email_link" | "official_code",
): Promise<void> {
  let q = trx
    .updateTable("password_resets")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null);
  if (kind) q = q.where("kind", "=", kind);
  await q.execute();
}

export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
export const RESET_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export type ResetRequestResult = { ok: true } | { ok: false; limited: LimitState };

/**
 * Email accounts: a one-time link (valid 1 hour) through the mail outbox. The answer is the same
 * whether or not the account exists; phone accounts get nothing (their reset is in person).
 */
export async function requestPasswordReset(
  db: DB,
  input: { login: string; lang: Lang },
  meta: Meta,
): Promise<ResetRequestResult> {
  const login = parseLogin(input.login);
  const key = login ? loginKey(login) : input.login.trim().toLowerCase().slice(0, 100);
  const limited = await takeAttempts(db, [
    [LIMITS.resetIp, meta.ip],
    [LIMITS.resetAccount, key],
  ]);
  if (limited.limited) return { ok: false, limited };
  const user =
    login?.kind === "email"
      ? await db
          .selectFrom("users")
          .select(["id", "email", "municipality_id"])
          .where("email", "=", login.email)
          .executeTakeFirst()
      : undefined;
  if (!user?.email) {
    await dummy(); // similar timing
    await audit(db, {
      actorUserId: null,
      action: "auth.resetRequestedUnknown",
      ip: meta.ip,
      details: { login: key },
    });
    return { ok: true };
  }
  const { token, hash } = newToken();
  const t = now();
  const link = `${env().publicUrl}/${input.lang}/reset/${token}`;
  const tt = getFixedT(input.lang, "auth");
  await db.transaction().execute(async (trx) => {
    // a newer link replaces the older ones
    await withdrawOutstandingResets(trx, user.id, t.toISOString(), "email_link");
    await trx
      .insertInto("password_resets")
      .values({
        user_id: user.id,
        token_hash: hash,
        kind: "email_link",
        created_by: null,
        created_at: t.toISOString(),
        expires_at: new Date(t.getTime() + RESET_LINK_TTL_MS).toISOString(),
        used_at: null,
      })
      .execute();
    await enqueueMail(trx, {
      to: user.email!,
      subject: tt("resetMail.subject"),
      text: tt("resetMail.text", { link }),
      kind: "password_reset",
    });
    await audit(trx, {
      actorUserId: null,
      municipalityId: user.municipality_id,
      action: "auth.resetRequested",
      targetType: "user",
      targetId: user.id,
      ip: meta.ip,
    });
  });
  return { ok: true };
}

async function applyReset(db: DB, resetId: number, userId: number, password: string, meta: Meta) {
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("password_resets")
      .set({ used_at: nowIso() })
      .where("id", "=", resetId)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new Error("reset already used");
    // every other outstanding link and code of the account stops working
    await withdrawOutstandingResets(trx, userId, nowIso());
    await trx
      .updateTable("users")
      .set({ password_hash: hash, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await invalidateAllSessions(trx, userId);
    await audit(trx, {
      actorUserId: userId,
      action: "auth.reset",
      targetType: "user",
      targetId: userId,
      ip: meta.ip,
    });
  });
}

export async function resetPasswordWithToken(
  db: DB,
  token: string,
  password: string,
  meta: Meta,
): Promise<{ ok: true; session: NewSession } | { ok: false }> {
  const row = await liveResetLink(db, token);
  if (!row) return { ok: false };
  await applyReset(db, row.id, row.user_id, password, meta);
  return { ok: true, session: await startSession(db, row.user_id, meta) };
}

/** Phone accounts: an official of the person's municipality issues a one-time code in person. */
export async function issueResetCode(
  db: DB,
  officialId: number,
  municipalityId: number,
  phoneInput: string,
  meta: Meta,
): Promise<{ ok: true; code: string; expiresAt: string } | { ok: false; error: string }> {
  const login = parseLogin(phoneInput);
  if (login?.kind !== "phone") return { ok: false, error: "residents:errors.phoneInvalid" };
  const user = await db
    .selectFrom("users")
    .select(["id", "municipality_id"])
    .where("phone", "=", login.phone)
    .executeTakeFirst();
  if (!user || user.municipality_id !== municipalityId)
    return { ok: false, error: "residents:errors.phoneNotHere" };
  const code = newCode();
  const t = now();
  const expiresAt = new Date(t.getTime() + RESET_CODE_TTL_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    // earlier codes for this person stop working
    await withdrawOutstandingResets(trx, user.id, t.toISOString(), "official_code");
    await trx
      .insertInto("password_resets")
      .values({
        user_id: user.id,
        token_hash: codeHash(user.id, code),
        kind: "official_code",
        created_by: officialId,
        created_at: t.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await audit(trx, {
      actorUserId: officialId,
      municipalityId,
      action: "auth.resetCodeIssued",
      targetType: "user",
      targetId: user.id,
      ip: meta.ip,
    });
  });
  return { ok: true, code, expiresAt };
}

export async function resetPasswordWithCode(
  db: DB,
  input: { phone: string; code: string; password: string },
  meta: Meta,
): Promise<{ ok: true; session: NewSession } | { ok: false; limited?: LimitState }> {
  const login = parseLogin(input.phone);
  const key = login ? loginKey(login) : input.phone.trim().slice(0, 40);
  // counted before the code is compared; a success gives the attempts back
  const limited = await takeAttempts(db, [
    [LIMITS.resetIp, meta.ip],
    [LIMITS.resetAccount, key],
  ]);
  if (limited.limited) return { ok: false, limited };
  const user =
    login?.kind === "phone"
      ? await db
          .selectFrom("users")
          .select("id")
          .where("phone", "=", login.phone)
          .executeTakeFirst()
      : undefined;
  const row = user
    ? await db
        .selectFrom("password_resets")
        .select(["id", "user_id"])
        .where("token_hash", "=", codeHash(user.id, input.code))
        .where("kind", "=", "official_code")
        .where("used_at", "is", null)
        .where("expires_at", ">", nowIso())
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await audit(db, {
      actorUserId: null,
      action: "auth.resetCodeFailed",
      ip: meta.ip,
      details: { login: key },
    });
    return { ok: false };
  }
  await applyReset(db, row.id, row.user_id, input.password, meta);
  await forgiveAttempt(db, LIMITS.resetAccount, key);
  await giveBackAttempt(db, LIMITS.resetIp, meta.ip);
  return { ok: true, session: await startSession(db, row.user_id, meta) };
}

// ---- helpers for routes ------------------------------------------------------------------------

export function currentSessionId(token: string): string {
  return sessionIdFromToken(token);
}
