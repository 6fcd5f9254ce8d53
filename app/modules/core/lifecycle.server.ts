/**
 * What server.js calls on the built app: validate the environment and migrate at start, check the
 * database for /healthz, close the pool on SIGTERM.
 */
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
  startBackgroundJobs();
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.publicUrl,
    trustProxy: e.TRUST_PROXY,
    formMaxBytes: e.FORM_MAX_BYTES,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
  };
}

export async function healthCheck(): Promise<void> {
  await checkDb();
}

/**
 * Work the server does on its own: delivering the mail outbox (and, from other features, reminders).
 * Each job is safe to run on several instances at once (claims and unique constraints in the db).
 */
function startBackgroundJobs() {
  startMailLoop(getDb);
  startReachLoop(getDb);
}

export async function shutdown(): Promise<void> {
  stopMailLoop();
  stopReachLoop();
  await closeDb();
}
