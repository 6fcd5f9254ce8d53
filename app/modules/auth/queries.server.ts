import type { DB } from "#db/connection";
import { nowIso } from "../core/clock.server";
import type { Lang } from "../i18n/config";
import { hashToken } from "./tokens.server";

export interface VillageChoice {
  municipalityId: number;
  municipality: string;
  slug: string;
  villages: { id: number; name: string }[];
}

/** Municipalities with their villages, for the registration form (one grouped select). */
export async function villageChoices(db: DB, lang: Lang): Promise<VillageChoice[]> {
  const rows = await db
    .selectFrom("villages as v")
    .innerJoin("municipalities as m", "m.id", "v.municipality_id")
    .select([
      "v.id",
      "v.name_ky",
      "v.name_ru",
      "m.id as mid",
      "m.slug",
      "m.name_ky as mky",
      "m.name_ru as mru",
    ])
    .execute();
  const byM = new Map<number, VillageChoice>();
  for (const r of rows) {
    let m = byM.get(r.mid);
    if (!m) {
      m = {
        municipalityId: r.mid,
        municipality: lang === "ky" ? r.mky : r.mru,
        slug: r.slug,
        villages: [],
      };
      byM.set(r.mid, m);
    }
    m.villages.push({ id: r.id, name: lang === "ky" ? r.name_ky : r.name_ru });
  }
  const out = [...byM.values()].sort((a, b) => a.municipality.localeCompare(b.municipality, lang));
  for (const m of out) m.villages.sort((a, b) => a.name.localeCompare(b.name, lang));
  return out;
}

export async function municipalityOfVillage(db: DB, villageId: number): Promise<number | null> {
  const r = await db
    .selectFrom("villages")
    .select("municipality_id")
    .where("id", "=", villageId)
    .executeTakeFirst();
  return r?.municipality_id ?? null;
}

// ---- sessions and reset links -------------------------------------------------------------------

/** One signed-in session of an account, as the account page lists it. */
export interface SessionView {
  /** a short public handle (first 16 hex of the id hash), never the whole id */
  handle: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/**
 * The account's unexpired sessions, most recently used first; `current` marks the one whose id is
 * `currentId` (the session hash, never the cookie token).
 */
export async function listSessions(
  db: DB,
  userId: number,
  currentId: string,
): Promise<SessionView[]> {
  const rows = await db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("expires_at", ">", nowIso())
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    handle: r.id.slice(0, 16),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === currentId,
  }));
}

/**
 * The unused, unexpired e-mail reset link with this token (`{ id, user_id }`), or undefined. The
 * token is compared as its hash; `resetPasswordWithToken` claims the row atomically afterwards.
 */
export async function liveResetLink(
  db: DB,
  token: string,
): Promise<{ id: number; user_id: number } | undefined> {
  return db
    .selectFrom("password_resets")
    .select(["id", "user_id"])
    .where("token_hash", "=", hashToken(token))
    .where("kind", "=", "email_link")
    .where("used_at", "is", null)
    .where("expires_at", ">", nowIso())
    .executeTakeFirst();
}

/** Whether a reset link is still usable (for the page that asks for the new password). */
export async function resetLinkValid(db: DB, token: string): Promise<boolean> {
  return !!(await liveResetLink(db, token));
}
