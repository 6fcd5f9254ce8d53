/**
 * Rate limits and brute-force protection, counted in the database so they hold across several app
 * instances. Counting is rate-limiter-flexible's: each attempt is ONE atomic statement
 * (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`) that increments the key's points in a fixed
 * window and returns them, on SQLite and on PostgreSQL alike, so parallel requests cannot all pass
 * a check made before their increments (see docs/accounts.md "Rate limits" and ADR 0022).
 *
 * The pattern for a form: `takeAttempt()` BEFORE doing the expensive or sensitive work (it counts
 * and tells whether the attempt is over the limit), then `forgiveAttempt()` after a success for the
 * limits that should count failures only.
 *
 * Windows are in wall-clock time (the library reads `Date.now()`), not the app's test clock; tests
 * move time for limits with vitest's fake `Date`.
 */
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import type { RateLimiterStoreAbstract } from "rate-limiter-flexible";
import { rawClientOf, type DB } from "#db/connection";

export interface Limit {
  /** the counter's name; keys are stored as `kind:key` */
  kind: string;
  /** attempts allowed in the window; the (max+1)-th is refused */
  max: number;
  windowMs: number;
}

const MIN = 60_000;

/**
 * The numbers (documented in docs/accounts.md). Sign-in follows OWASP's Authentication Cheat Sheet:
 * failures are counted per account AND address (10 / 15 min → that address waits) plus a wider
 * per-address limit (many villagers share one mobile-carrier address), and the account as a whole
 * is never locked: past 10 failures from anywhere, each further check is delayed
 * (`signInDelayMs`), so nobody can lock an owner out by guessing from elsewhere.
 */
export const LIMITS = {
  signInAccountAddress: { kind: "signin.account_ip", max: 10, windowMs: 15 * MIN },
  signInAddress: { kind: "signin.ip", max: 100, windowMs: 60 * MIN },
  signInAccount: { kind: "signin.account", max: 1_000_000, windowMs: 15 * MIN },
  registerIp: { kind: "register.ip", max: 30, windowMs: 60 * MIN },
  resetIp: { kind: "reset.ip", max: 20, windowMs: 60 * MIN },
  resetAccount: { kind: "reset.account", max: 5, windowMs: 60 * MIN },
  verifyAccount: { kind: "verify.account", max: 5, windowMs: 60 * MIN },
  inviteIp: { kind: "invite.ip", max: 20, windowMs: 15 * MIN },
} satisfies Record<string, Limit>;

/** Failures of one account (from any address) before each further sign-in check is delayed. */
export const SIGN_IN_DELAY_AFTER = 10;

/**
 * The delay before checking a password when the account has had `failures` failed sign-ins in the
 * window (from any address): none up to 10, then 1 s per further failure, at most 10 s.
 */
export function signInDelayMs(failures: number): number {
  return failures <= SIGN_IN_DELAY_AFTER
    ? 0
    : Math.min(10_000, (failures - SIGN_IN_DELAY_AFTER) * 1000);
}

export interface LimitState {
  limited: boolean;
  /** seconds until the window ends (≥ 1 when limited; 0 when not) */
  retryAfter: number;
  /** attempts counted in the window, this one included */
  count: number;
}

const limiters = new WeakMap<DB, Map<string, RateLimiterStoreAbstract>>();

function limiterFor(db: DB, limit: Limit): RateLimiterStoreAbstract {
  let byKind = limiters.get(db);
  if (!byKind) limiters.set(db, (byKind = new Map()));
  const id = `${limit.kind}/${limit.max}/${limit.windowMs}`;
  let l = byKind.get(id);
  if (!l) {
    const raw = rawClientOf(db);
    const common = {
      tableName: "rate_limits",
      tableCreated: true, // by the migration 2026-11-30_15_rate_limits
      clearExpiredByTimeout: false, // takeAttempt() calls pruneRateLimits() now and then
      keyPrefix: limit.kind,
      points: limit.max,
      duration: Math.ceil(limit.windowMs / 1000),
    };
    l =
      raw.dialect === "postgres"
        ? new RateLimiterPostgres({ ...common, storeClient: raw.pool, storeType: "pool" })
        : new RateLimiterSQLite({
            ...common,
            storeClient: raw.database,
            storeType: "better-sqlite3",
          });
    byKind.set(id, l);
  }
  return l;
}

function stateOf(res: RateLimiterRes, limit: Limit): LimitState {
  const limited = res.consumedPoints > limit.max;
  return {
    limited,
    retryAfter: limited ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0,
    count: res.consumedPoints,
  };
}

/**
 * Count one attempt of `limit` for `key`, atomically, and say whether it is over the limit.
 * A missing key (no client address known) counts nothing and is never limited.
 */
export async function takeAttempt(
  db: DB,
  limit: Limit,
  key: string | null | undefined,
): Promise<LimitState> {
  if (!key) return { limited: false, retryAfter: 0, count: 0 };
  // now and then, forget counters whose window ended long ago (no separate job needed)
  if (Math.random() < 0.01) await pruneRateLimits(db);
  try {
    return stateOf(await limiterFor(db, limit).consume(key, 1), limit);
  } catch (e) {
    // the library rejects with a RateLimiterRes when over the limit, with an Error on a db fault
    if (e instanceof RateLimiterRes) return stateOf(e, limit);
    throw e;
  }
}

/**
 * Count one attempt of each `[limit, key]` pair (all of them, each atomically) and return the
 * limited state with the longest wait, or a not-limited state.
 */
export async function takeAttempts(
  db: DB,
  checks: ReadonlyArray<readonly [Limit, string | null | undefined]>,
): Promise<LimitState> {
  let worst: LimitState = { limited: false, retryAfter: 0, count: 0 };
  for (const [limit, key] of checks) {
    const s = await takeAttempt(db, limit, key);
    if (s.limited && s.retryAfter > worst.retryAfter) worst = s;
  }
  return worst;
}

/** After a success: forget the key's counted attempts of `limit` (failures-only limits). */
export async function forgiveAttempt(db: DB, limit: Limit, key: string | null | undefined) {
  if (!key) return;
  await limiterFor(db, limit).delete(key);
}

/** After a success: take back this one attempt of `limit` (a wider limit that counts failures). */
export async function giveBackAttempt(db: DB, limit: Limit, key: string | null | undefined) {
  if (!key) return;
  await limiterFor(db, limit).reward(key, 1);
}

/** Drop counters whose window ended more than an hour ago (takeAttempt calls it now and then). */
export async function pruneRateLimits(db: DB): Promise<void> {
  await db
    .deleteFrom("rate_limits")
    .where("expire", "<", Date.now() - 60 * MIN)
    .execute();
}

/** The Retry-After header of a 429 answer. */
export function tooManyHeaders(state: LimitState): Record<string, string> {
  return { "Retry-After": String(Math.max(1, state.retryAfter)) };
}

/**
 * A no-JavaScript form post is a document request: Remix sends only the `headers` export's headers
 * with the page, not those of the action's reply, so a 429 page would lose its Retry-After. The
 * render entry calls this once for every page: the Retry-After of any action or loader reply of
 * the request is carried onto the document response.
 */
export function carryRetryAfter(
  context: {
    actionHeaders?: Record<string, Headers>;
    loaderHeaders?: Record<string, Headers>;
  },
  responseHeaders: Headers,
): void {
  for (const set of [context.actionHeaders, context.loaderHeaders]) {
    for (const h of Object.values(set ?? {})) {
      const v = h.get("Retry-After");
      if (v) responseHeaders.set("Retry-After", v);
    }
  }
}
