/**
 * What server.js calls on the built app: validate the environment and migrate at start, check the
 * database for /healthz, close the pool on SIGTERM.
 */
import { startHearingStateLoop, stopHearingStateLoop } from "../hearings/jobs.server";
import { startMailLoop, stopMailLoop } from "../mail/sender.server";
import { startReachLoop, stopReachLoop } from "../reach/jobs.server";
import { checkDb, closeDb, getDb, migrate } from "./db.server";
import { env } from "./env.server";
import { logger } from "./logger.server";

export { logger };

export async function startup() {
  const e = env(); // throws EnvError with a clear message on a bad value
  const applied = await migrate();
  if (applied.length) logger.info({ applied }, "migrations applied");
  if (e.JOBS === "on") startBackgroundJobs();
  return { port: e.PORT, host: e.HOST, publicUrl: e.publicUrl, trustProxy: e.TRUST_PROXY };
}

export async function healthCheck(): Promise<void> {
  await checkDb();
}

/**
 * Work the server does on its own: delivering the mail outbox, reminders and digests, storing the
 * hearings' time-driven state changes (pages only derive them on read).
 * Each job is safe to run on several instances at once (claims and unique constraints in the db).
 */
function startBackgroundJobs() {
  startMailLoop(getDb);
  startReachLoop(getDb);
  startHearingStateLoop(getDb);
}

export async function shutdown(): Promise<void> {
  stopMailLoop();
  stopReachLoop();
  stopHearingStateLoop();
  await closeDb();
}
