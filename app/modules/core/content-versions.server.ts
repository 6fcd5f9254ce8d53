/**
 * Reads the content versions the page cache validates against (ADR 0031; the triggers that raise
 * them are installed by db/content-versions.ts). Pure read, one indexed statement. Also the job
 * that folds the counters of ended database backends (ADR 0064).
 */
import type { DB } from "#db/connection";
import { compiledOnce } from "#db/compiled-once";
import { foldEndedBackends } from "#db/content-versions";
import { getDb } from "./db.server";
import { logger } from "./logger.server";

/**
 * The current version of each scope ("all", "lists", "h:<hearing id>"); a scope never written
 * has no row and is reported as 0.
 */
export async function readContentVersions(scopes: string[]): Promise<Record<string, number>> {
  const db = await getDb();
  const { rows } = await versionsOf(scopes.length)(db, scopes);
  const out: Record<string, number> = Object.fromEntries(scopes.map((s) => [s, 0]));
  for (const r of rows) out[r.scope] = Number(r.version);
  return out;
}

// read before every cached answer: built and compiled once per number of scopes (db/compiled-once)
const byArity = new Map<number, ReturnType<typeof versionsStatement>>();
const versionsStatement = (arity: number) =>
  compiledOnce<{ scope: string; version: number }>(arity, (db: DB, ...slots) =>
    // a scope's version is the sum of its per-backend counters (ADR 0064)
    db
      .selectFrom("content_versions")
      .select((eb) => ["scope", eb.fn.sum<number>("version").as("version")])
      .where("scope", "in", slots as unknown as string[])
      .groupBy("scope"),
  );
function versionsOf(arity: number) {
  let run = byArity.get(arity);
  if (!run) byArity.set(arity, (run = versionsStatement(arity)));
  return run;
}

let foldTimer: NodeJS.Timeout | undefined;
/**
 * Started by the server: folds the content-version counters of ended database backends into
 * their scope's row 0 every `intervalMs` (default 60 s), so the rows per scope stay about the
 * number of open connections (ADR 0064). PostgreSQL only in effect; safe on several instances.
 */
export function startContentVersionFold(getDbFn: () => Promise<DB>, intervalMs = 60_000): void {
  if (foldTimer) return;
  const tick = async () => {
    try {
      await foldEndedBackends(await getDbFn());
    } catch (error) {
      logger.error({ err: error }, "content version fold error");
    }
  };
  foldTimer = setInterval(tick, intervalMs);
  foldTimer.unref();
}
export function stopContentVersionFold(): void {
  if (foldTimer) clearInterval(foldTimer);
  foldTimer = undefined;
}
