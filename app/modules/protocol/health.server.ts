/**
 * Whether the frozen protocol files the database lists are all in storage. A database restored
 * without its upload folder still lists approved protocols and their hashes while the files are
 * gone; /healthz reports that as "degraded" so monitoring sees it.
 */
import type { DB } from "#db/connection";
import { now } from "../core/clock.server";
import type { Storage } from "../storage/storage.server";

export interface FrozenFilesHealth {
  /** how many frozen protocol files the database lists */
  listed: number;
  /** storage keys of listed files that storage does not have (at most 20 named) */
  missing: string[];
  missingCount: number;
}

const CACHE_MS = 60_000;
let cached: { at: number; value: FrozenFilesHealth; db: DB } | undefined;

/**
 * Check every frozen protocol file's presence in storage (no hashing: /verify does that per file).
 * The answer is kept for a minute per process, so frequent health probes cost one query a minute.
 */
export async function frozenFilesHealth(db: DB, storage: Storage): Promise<FrozenFilesHealth> {
  const t = now().getTime();
  if (cached && cached.db === db && t - cached.at < CACHE_MS && t >= cached.at) return cached.value;
  const rows = await db.selectFrom("protocol_files").select("storage_key").execute();
  const missing: string[] = [];
  for (const r of rows) if (!(await storage.exists(r.storage_key))) missing.push(r.storage_key);
  const value = {
    listed: rows.length,
    missing: missing.slice(0, 20),
    missingCount: missing.length,
  };
  cached = { at: t, value, db };
  return value;
}

/** Tests: forget the cached answer. */
export function resetFrozenFilesHealthCache(): void {
  cached = undefined;
}
