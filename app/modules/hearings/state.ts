/**
 * A hearing's time-driven states, derived from its dates on read (no cron): announced → open at
 * the start of the comment period, open → closed at its end. draft, cancelled and closed stay as
 * they are. Reads only derive (pure); the hearings job tick (`hearings/jobs.server.ts`) stores the
 * transitions and emits their events (ADR 0030).
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

/** One time-driven step not yet stored: from → to at the instant the dates say (ISO 8601 UTC). */
export interface ClockStep {
  from: HearingState;
  to: HearingState;
  at: string;
}

/**
 * The time-driven steps between the stored state and the derived one, oldest first: what the job
 * tick stores as transitions, and what a read shows in the timeline before the tick has run.
 * Empty when the stored state is current.
 */
export function pendingClockSteps(h: HearingClock, now: Date): ClockStep[] {
  const derived = deriveState(h, now);
  if (derived === h.state) return [];
  const steps: ClockStep[] = [];
  if (h.state === "announced" && (derived === "open" || derived === "closed"))
    steps.push({ from: "announced", to: "open", at: h.comment_start_at! });
  if (derived === "closed") steps.push({ from: "open", to: "closed", at: h.comment_end_at! });
  return steps;
}
