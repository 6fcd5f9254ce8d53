/**
 * Read models kept in the process while the content they were read from is unchanged (ADR 0068).
 *
 * The public data of a hearing page (the proposal, the comment figures, a page of comments, the
 * results) is the same for every visitor and signed-in resident; only a few personal rows differ.
 * Signed-in pages are never served from the page cache (ADR 0031), but they can reuse the data
 * it is rendered from: {@link byContentVersion} returns the value computed for the same key while
 * the content versions of its scopes (raised by the database triggers in the writing transaction,
 * on whichever instance wrote) and the minute of the app clock are unchanged.
 *
 * The minute bounds how long a state derived from the clock (announced → open → closed) can lag;
 * the commands check the real time themselves, so a stale state can only show a form the server
 * then refuses with its reason, never accept a late vote.
 */
import { createHash } from "node:crypto";
import { now } from "./clock.server";
import { readContentVersions } from "./content-versions.server";
import { getDb } from "./db.server";

interface Entry {
  stamp: string;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 2000;
// per database handle: a test that opens a fresh database starts with nothing kept
const kept = new WeakMap<object, Map<string, Entry>>();

/**
 * The value of `compute()` for `key`, computed again only when a content version of `scopes`
 * ("all", "lists", "h:<hearing id>": see db/content-versions.ts) or the minute of the app clock
 * has changed since it was stored. Concurrent callers with the same key and versions share one
 * computation; a failed computation is not kept. At most 2,000 keys, least recently used out.
 *
 * `key` must name everything the value depends on besides those scopes (ids, language, filters);
 * personal data never goes through here.
 */
export async function byContentVersion<T>(
  key: string,
  scopes: string[],
  compute: () => Promise<T>,
): Promise<T> {
  // the versions are read before the data: a write in between leaves an older stamp, so the
  // next reader computes again (never the reverse)
  const db = await getDb();
  let entries = kept.get(db);
  if (!entries) kept.set(db, (entries = new Map()));
  const versions = await readContentVersions(scopes);
  const stamp = `${Math.floor(now().getTime() / 60_000)}|${scopes.map((s) => versions[s] ?? 0).join(",")}`;
  const hit = entries.get(key);
  if (hit && hit.stamp === stamp) {
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { stamp, value };
  entries.set(key, entry);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** Forgets every kept value of the current database (a restore under a running process). */
export async function forgetKeptValues(): Promise<void> {
  kept.delete(await getDb());
}

/**
 * The id of a reading, made from what it holds: `key` (what the value depends on besides its
 * data — the byContentVersion key: ids, language, filters) and `data` (JSON-serializable). The ids
 * of kept page parts built from a reading start with it (ADR 0069): a new reading with other data
 * never reuses the HTML of an old one, and one with the same data — the next minute, after a write
 * elsewhere in the hearing (a vote), on another instance — reuses it instead of rendering it again.
 * 22 characters (sha256, base64url).
 */
export function readingId(key: string, data: unknown): string {
  return createHash("sha256")
    .update(key)
    .update("\u0000")
    .update(JSON.stringify(data) ?? "")
    .digest("base64url")
    .slice(0, 22);
}
