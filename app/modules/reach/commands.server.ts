/**
 * Writes of the reach feature: subscriptions, preferences, reading notifications, unsubscribing.
 * Each command takes the db first and owns its transaction.
 */
import type { DB } from "#db/connection";
import type { NotificationDelivery } from "#db/schema";
import { nowIso } from "../core/clock.server";
import { audit } from "../audit/audit.server";
import { ensurePrefs, verifyUnsubscribeToken } from "./notify.server";

/** Follow a municipality; false when there is no such municipality. */
export async function subscribe(db: DB, userId: number, municipalityId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom("municipalities")
      .select("id")
      .where("id", "=", municipalityId)
      .executeTakeFirst();
    if (!m) return false;
    await ensurePrefs(trx, userId);
    await trx
      .insertInto("subscriptions")
      .values({ user_id: userId, municipality_id: municipalityId, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["user_id", "municipality_id"]).doNothing())
      .execute();
    return true;
  });
}

export async function unsubscribeMunicipality(
  db: DB,
  userId: number,
  municipalityId: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("subscriptions")
      .where("user_id", "=", userId)
      .where("municipality_id", "=", municipalityId)
      .execute();
  });
}

export interface PrefsInput {
  newHearings: boolean;
  results: boolean;
  protocols: boolean;
  answers: boolean;
  reminders: boolean;
  delivery: NotificationDelivery;
}

export async function updatePrefs(db: DB, userId: number, p: PrefsInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ensurePrefs(trx, userId);
    await trx
      .updateTable("notification_prefs")
      .set({
        new_hearings: p.newHearings ? 1 : 0,
        results: p.results ? 1 : 0,
        protocols: p.protocols ? 1 : 0,
        answers: p.answers ? 1 : 0,
        reminders: p.reminders ? 1 : 0,
        delivery: p.delivery,
        updated_at: nowIso(),
      })
      .where("user_id", "=", userId)
      .execute();
  });
}

/** Mark one notification (or, with id null, all of them) read; only the owner's own rows. */
export async function markRead(db: DB, userId: number, id: number | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable("notifications")
      .set({ read_at: nowIso() })
      .where("user_id", "=", userId)
      .where("read_at", "is", null);
    if (id !== null) q = q.where("id", "=", id);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  });
}

/**
 * One-click unsubscribe from a signed link: no more mail (the in-portal list stays). Returns the
 * person's id, or null when the token is not valid.
 */
export async function unsubscribeByToken(db: DB, token: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const userId = await verifyUnsubscribeToken(trx, token);
    if (userId === null) return null;
    await trx
      .updateTable("notification_prefs")
      .set({ delivery: "none", updated_at: nowIso() })
      .where("user_id", "=", userId)
      .execute();
    // nothing left waiting for a digest
    await trx
      .updateTable("notifications")
      .set({ emailed_at: nowIso() })
      .where("user_id", "=", userId)
      .where("emailed_at", "is", null)
      .execute();
    await audit(trx, {
      actorUserId: userId,
      action: "notify.unsubscribe",
      targetType: "user",
      targetId: userId,
    });
    return userId;
  });
}
