/**
 * Rate limits and lock-outs kept in the `attempts` table (kind + key + created_at), so they hold
 * across several app instances. A limit counts the attempts of one kind and key inside a window.
 */
import type { DB } from "#db/connection";
import { now } from "../core/clock.server";

export interface Limit {
  kind: string;
  max: number;
  windowMs: number;
}

const MIN = 60_000;
export const LIMITS = {
  signInAccount: { kind: "signin.account", max: 10, windowMs: 15 * MIN },
  signInIp: { kind: "signin.ip", max: 20, windowMs: 15 * MIN },
  // many villagers share one mobile-carrier address: registration and reset allow more per address
  registerIp: { kind: "register.ip", max: 30, windowMs: 60 * MIN },
  resetIp: { kind: "reset.ip", max: 20, windowMs: 60 * MIN },
  resetAccount: { kind: "reset.account", max: 5, windowMs: 60 * MIN },
  verifyAccount: { kind: "verify.account", max: 5, windowMs: 60 * MIN },
  inviteIp: { kind: "invite.ip", max: 20, windowMs: 15 * MIN },
} satisfies Record<string, Limit>;

export interface LimitState {
  limited: boolean;
  /** seconds until the oldest counted attempt leaves the window */
  retryAfter: number;
}

export async function checkLimit(db: DB, limit: Limit, key: string): Promise<LimitState> {
  const t = now().getTime();
  const since = new Date(t - limit.windowMs).toISOString();
  const rows = await db
    .selectFrom("attempts")
    .select("created_at")
    .where("kind", "=", limit.kind)
    .where("key", "=", key)
    .where("created_at", ">", since)
    .orderBy("created_at", "desc")
    .limit(limit.max)
    .execute();
  if (rows.length < limit.max) return { limited: false, retryAfter: 0 };
  const oldest = Date.parse(rows[rows.length - 1].created_at);
  return {
    limited: true,
    retryAfter: Math.max(1, Math.ceil((oldest + limit.windowMs - t) / 1000)),
  };
}

/** The first limit that is reached among several (key per limit). */
export async function checkLimits(
  db: DB,
  checks: ReadonlyArray<[Limit, string | null | undefined]>,
): Promise<LimitState> {
  let worst: LimitState = { limited: false, retryAfter: 0 };
  for (const [limit, key] of checks) {
    if (!key) continue;
    const s = await checkLimit(db, limit, key);
    if (s.limited && s.retryAfter > worst.retryAfter) worst = s;
  }
  return worst;
}

export async function recordAttempt(db: DB, limit: Limit, key: string | null | undefined) {
  if (!key) return;
  await db
    .insertInto("attempts")
    .values({ kind: limit.kind, key, created_at: now().toISOString() })
    .execute();
  // now and then, forget attempts older than a day (no separate job needed)
  if (Math.random() < 0.01) await pruneAttempts(db);
}

export async function clearAttempts(db: DB, limit: Limit, key: string) {
  await db.deleteFrom("attempts").where("kind", "=", limit.kind).where("key", "=", key).execute();
}

/** Old attempts are of no use: drop those older than a day (called now and then). */
export async function pruneAttempts(db: DB) {
  const before = new Date(now().getTime() - 24 * 60 * MIN).toISOString();
  await db.deleteFrom("attempts").where("created_at", "<", before).execute();
}

/** A 429 answer with Retry-After and a localized message, for a route to throw or return. */
export function tooManyHeaders(state: LimitState): Record<string, string> {
  return { "Retry-After": String(state.retryAfter) };
}
