/**
 * What an official has to do next, per hearing of their municipalities (the office dashboard):
 * unanswered comments, a meeting to record, a protocol to draft or revise, a council decision
 * awaited. Read-only; the counts come from the comment, meeting and protocol tables.
 */
import type { DB } from "#db/connection";

/** The due work of one hearing. */
export interface HearingDue {
  /** top-level, visible comments without an answer (answer_status is null) */
  unanswered: number;
  /** the meeting's time has passed and its record (attendance, notes) is not entered */
  meetingToRecord: boolean;
  /** closed, and no protocol yet */
  protocolToDraft: boolean;
  /** the council returned the protocol: revise and submit again */
  protocolReturned: boolean;
  /** the protocol is with the council */
  councilAwaited: boolean;
  /** the meeting's start (ISO instant) or null */
  meetingAt: string | null;
}

/**
 * The due work of the given hearings at `nowIso` (an ISO 8601 instant), keyed by hearing id.
 * Hearings in draft or cancelled have nothing due but their unanswered comments.
 */
export async function hearingsDue(
  db: DB,
  hearingIds: number[],
  nowIso: string,
): Promise<Map<number, HearingDue>> {
  const out = new Map<number, HearingDue>();
  if (!hearingIds.length) return out;
  const hearings = await db
    .selectFrom("hearings as h")
    .leftJoin("meeting_records as r", "r.hearing_id", "h.id")
    .select(["h.id", "h.state", "h.protocol_state", "h.meeting_at", "r.hearing_id as recorded"])
    .where("h.id", "in", hearingIds)
    .execute();
  const counts = await db
    .selectFrom("comments")
    .select(["hearing_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("hearing_id", "in", hearingIds)
    .where("parent_id", "is", null)
    .where("hidden_at", "is", null)
    .where("answer_status", "is", null)
    .groupBy("hearing_id")
    .execute();
  const unanswered = new Map(counts.map((c) => [c.hearing_id, Number(c.n)]));
  const now = Date.parse(nowIso);
  for (const h of hearings) {
    const live = h.state === "open" || h.state === "closed" || h.state === "announced";
    const meetingPassed = !!h.meeting_at && Date.parse(h.meeting_at) <= now;
    out.set(h.id, {
      unanswered: unanswered.get(h.id) ?? 0,
      meetingToRecord: live && meetingPassed && h.recorded == null,
      protocolToDraft: h.state === "closed" && h.protocol_state == null,
      protocolReturned: h.protocol_state === "returned",
      councilAwaited: h.protocol_state === "submitted",
      meetingAt: h.meeting_at,
    });
  }
  return out;
}
