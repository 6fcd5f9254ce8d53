/**
 * Once a protocol is approved, nothing that fed it may change. Participation commands (comments,
 * votes, answers, the meeting record) call `assertRecordEditable` before writing.
 */
import type { DB } from "#db/connection";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";

export async function isRecordLocked(db: DB, hearingId: number): Promise<boolean> {
  const h = await db
    .selectFrom("hearings")
    .select("protocol_state")
    .where("id", "=", hearingId)
    .executeTakeFirst();
  return h?.protocol_state === "approved";
}

/** Throws a localized 409 Response when the hearing's protocol is approved. */
export async function assertRecordEditable(db: DB, hearingId: number, lang: Lang): Promise<void> {
  if (await isRecordLocked(db, hearingId)) {
    const t = getFixedT(lang, "protocol");
    throw new Response(t("errors.approvedLocked"), {
      status: 409,
      statusText: "Conflict",
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
}
