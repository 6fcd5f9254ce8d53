/**
 * Background work of the reach feature, safe on several instances at once:
 * - reminders two days before a comment period ends and the day before the meeting, recorded in
 *   reminder_log whose unique (hearing, kind, user) row is claimed before anything is sent;
 * - the daily digest, claimed per person and Bishkek day with a conditional update.
 */
import type { DB } from "#db/connection";
import { now } from "../core/clock.server";
import { logger } from "../core/logger.server";
import { bishkekParts, toBishkekDateInput } from "../format/time";
import { enqueueDigest, hearingPayload, notifyUsers, type NotificationKind } from "./notify.server";

const HOUR = 60 * 60 * 1000;
export const COMMENT_END_REMINDER_MS = 48 * HOUR;
export const MEETING_REMINDER_MS = 24 * HOUR;
/** The digest goes out from this Bishkek hour on, once a day. */
export const DIGEST_HOUR = 8;

async function remindOne(
  db: DB,
  kind: Extract<NotificationKind, "reminder_comment_end" | "reminder_meeting">,
  h: {
    id: number;
    municipality_id: number;
    title_ky: string;
    title_ru: string;
    name_ky: string;
    name_ru: string;
    comment_end_at: string | null;
    meeting_at: string | null;
    meeting_place_ky: string | null;
    meeting_place_ru: string | null;
  },
): Promise<number> {
  const subs = await db
    .selectFrom("subscriptions")
    .select("user_id")
    .where("municipality_id", "=", h.municipality_id)
    .execute();
  let sent = 0;
  for (const { user_id } of subs) {
    sent += await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("reminder_log")
        .values({ hearing_id: h.id, kind, user_id, created_at: now().toISOString() })
        .onConflict((oc) => oc.columns(["hearing_id", "kind", "user_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!claimed) return 0;
      const done = await notifyUsers(trx, [user_id], kind, h.id, {
        ...hearingPayload(h),
        at: kind === "reminder_meeting" ? h.meeting_at : h.comment_end_at,
        place: { ky: h.meeting_place_ky ?? "", ru: h.meeting_place_ru ?? "" },
      });
      return done.length;
    });
  }
  return sent;
}

/** Send the reminders that are due now; returns how many people were notified. */
export async function runReminders(db: DB): Promise<number> {
  const t = now();
  const iso = t.toISOString();
  const base = db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .select([
      "h.id",
      "h.municipality_id",
      "h.title_ky",
      "h.title_ru",
      "h.comment_end_at",
      "h.meeting_at",
      "h.meeting_place_ky",
      "h.meeting_place_ru",
      "m.name_ky",
      "m.name_ru",
    ]);
  const [ending, meetings] = await Promise.all([
    base
      .where("h.state", "in", ["announced", "open"])
      .where("h.comment_end_at", ">", iso)
      .where(
        "h.comment_end_at",
        "<=",
        new Date(t.getTime() + COMMENT_END_REMINDER_MS).toISOString(),
      )
      .execute(),
    base
      .where("h.state", "in", ["announced", "open", "closed"])
      .where("h.meeting_at", ">", iso)
      .where("h.meeting_at", "<=", new Date(t.getTime() + MEETING_REMINDER_MS).toISOString())
      .execute(),
  ]);
  let n = 0;
  for (const h of ending) n += await remindOne(db, "reminder_comment_end", h);
  for (const h of meetings) n += await remindOne(db, "reminder_meeting", h);
  return n;
}

/** Once a Bishkek day (from DIGEST_HOUR), mail each daily-digest reader what is waiting. */
export async function sendDigests(db: DB): Promise<number> {
  const t = now();
  if (bishkekParts(t).hour < DIGEST_HOUR) return 0;
  const today = toBishkekDateInput(t);
  const due = await db
    .selectFrom("notification_prefs")
    .select("user_id")
    .where("delivery", "=", "daily")
    .where((eb) => eb.or([eb("last_digest_on", "is", null), eb("last_digest_on", "<", today)]))
    .execute();
  let mailed = 0;
  for (const { user_id } of due) {
    mailed += await db.transaction().execute(async (trx) => {
      const claim = await trx
        .updateTable("notification_prefs")
        .set({ last_digest_on: today })
        .where("user_id", "=", user_id)
        .where((eb) => eb.or([eb("last_digest_on", "is", null), eb("last_digest_on", "<", today)]))
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) return 0;
      return (await enqueueDigest(trx, user_id)) > 0 ? 1 : 0;
    });
  }
  return mailed;
}

let timer: NodeJS.Timeout | undefined;
/** The reminders and digest loop started by the server (every minute). */
export function startReachLoop(getDb: () => Promise<DB>, intervalMs = 60_000): void {
  if (timer) return;
  const tick = async () => {
    try {
      const db = await getDb();
      await runReminders(db);
      await sendDigests(db);
    } catch (error) {
      logger.error({ err: error }, "reach loop error");
    }
  };
  timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
}
export function stopReachLoop(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
