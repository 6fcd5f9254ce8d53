import type { DB } from "#db/connection";
import { nowIso } from "../core/clock.server";

/** Put a failed message back in the queue (the admin's retry button). */
export async function retryMail(db: DB, id: number): Promise<boolean> {
  const res = await db
    .updateTable("mail_outbox")
    .set({ status: "pending", next_attempt_at: nowIso(), attempts: 0 })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
