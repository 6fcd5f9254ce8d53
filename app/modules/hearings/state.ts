/**
 * A hearing's time-driven states, derived from its dates on read (no cron): announced → open at
 * the start of the comment period, open → closed at its end. draft, cancelled and closed stay as
 * they are. The hearings feature records a derived change the first time it is seen.
 */
import type { HearingState } from "#db/schema";

export interface HearingClock {
  state: HearingState;
  comment_start_at: string | null;
  comment_end_at: string | null;
}

export function deriveState(h: HearingClock, now: Date): HearingState {
  if (h.state !== "announced" && h.state !== "open") return h.state;
  const t = now.toISOString();
  if (h.comment_end_at && t >= h.comment_end_at) return "closed";
  if (h.comment_start_at && t >= h.comment_start_at) return "open";
  return "announced";
}

/** Comments and votes are taken only while the hearing is open. */
export function isOpenForParticipation(h: HearingClock, now: Date): boolean {
  return deriveState(h, now) === "open";
}
