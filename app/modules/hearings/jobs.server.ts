/**
 * The hearings feature's job tick: stores the time-driven state changes (announced → open → closed
 * by the hearing's dates) with their transitions and "hearing.closed" events. Pages derive the
 * state on read without writing (ADR 0030); this tick makes it stored within a minute. Safe on
 * several instances at once: each change is a conditional update on the stored state.
 */
import type { DB } from "#db/connection";
import { logger } from "../core/logger.server";
import { syncDueStates } from "./commands.server";

/** One tick: store every due time-driven change; returns how many hearings changed state. */
export async function runHearingStateTick(db: DB): Promise<number> {
  return syncDueStates(db);
}

let timer: NodeJS.Timeout | undefined;
/** Started by the server: a tick now, then every `intervalMs` (default 30 s). */
export function startHearingStateLoop(getDb: () => Promise<DB>, intervalMs = 30_000): void {
  if (timer) return;
  const tick = async () => {
    try {
      await runHearingStateTick(await getDb());
    } catch (error) {
      logger.error({ err: error }, "hearing state loop error");
    }
  };
  timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
}
export function stopHearingStateLoop(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
