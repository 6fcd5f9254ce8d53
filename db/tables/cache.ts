/** The page cache's content versions. Row types only (conventions in db/schema.ts). */

/** Versions of public content per scope ("all", "lists", "h:<id>"), raised by triggers (ADR 0031). */
export interface ContentVersionsTable {
  scope: string;
  version: number;
}

/** The cache tables, by name (composed into `Database` in db/schema.ts). */
export interface CacheTables {
  content_versions: ContentVersionsTable;
}
