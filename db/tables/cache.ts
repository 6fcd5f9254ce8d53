/** The page cache's content versions. Row types only (conventions in db/schema.ts). */

/**
 * Versions of public content per scope ("all", "lists", "h:<id>"), raised by triggers (ADR 0031):
 * one counter per writing database backend (pg_backend_pid(); 0 on SQLite and for the folded
 * counts of ended backends, ADR 0064). A scope's version is the sum of its rows.
 */
export interface ContentVersionsTable {
  scope: string;
  backend: number;
  version: number;
}

/** The cache tables, by name (composed into `Database` in db/schema.ts). */
export interface CacheTables {
  content_versions: ContentVersionsTable;
}
