/**
 * What server.js calls on the built app (through `app/startup.server.ts`): validate the
 * environment and migrate at start, run the background jobs, check the database for /healthz,
 * stop the jobs and close the pool on SIGTERM. Features add their jobs with `registerJob` at
 * start-up; this platform module knows none of them.
 */
import { startMailLoop, stopMailLoop } from "../mail/sender.server";
import type { DB } from "#db/connection";
import { startContentVersionFold, stopContentVersionFold } from "./content-versions.server";
import { checkDb, closeDb, getDb, migrate } from "./db.server";
import { env } from "./env.server";
import { logger } from "./logger.server";

export { logger };

/**
 * Work the server does on its own. Each job must be safe to run on several instances at once
 * (claims and unique constraints in the database, ADR 0014).
 */
export interface BackgroundJob {
  name: string;
  start(getDb: () => Promise<DB>): void;
  stop(): void;
}

const jobs: BackgroundJob[] = [
  { name: "mail outbox", start: (g) => startMailLoop(g), stop: stopMailLoop },
  {
    name: "content version fold",
    start: (g) => startContentVersionFold(g),
    stop: stopContentVersionFold,
  },
];

/** Adds a job started by `startup()` and stopped by `shutdown()` (once per name). */
export function registerJob(job: BackgroundJob): void {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}

export async function startup() {
  const e = env(); // throws EnvError with a clear message on a bad value
  const applied = await migrate();
  if (applied.length) logger.info({ applied }, "migrations applied");
  if (e.JOBS === "on") for (const job of jobs) job.start(getDb);
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

export async function shutdown(): Promise<void> {
  for (const job of jobs) job.stop();
  await closeDb();
}
