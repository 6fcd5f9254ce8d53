/**
 * Reads the content versions the page cache validates against (ADR 0031; the triggers that raise
 * them are installed by db/content-versions.ts). Pure read, one indexed statement.
 */
import { getDb } from "./db.server";

/**
 * The current version of each scope ("all", "lists", "h:<hearing id>"); a scope never written
 * has no row and is reported as 0.
 */
export async function readContentVersions(scopes: string[]): Promise<Record<string, number>> {
  const db = await getDb();
  const rows = await db
    .selectFrom("content_versions")
    .select(["scope", "version"])
    .where("scope", "in", scopes)
    .execute();
  const out: Record<string, number> = Object.fromEntries(scopes.map((s) => [s, 0]));
  for (const r of rows) out[r.scope] = Number(r.version);
  return out;
}
