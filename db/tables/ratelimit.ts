/** Rate limits: counted attempts per key and window. Row types only (conventions in db/schema.ts). */
import type { Id } from "./common";

export interface AttemptsTable {
  id: Id;
  kind: string;
  key: string;
  created_at: string;
}

/** The ratelimit tables, by name (composed into `Database` in db/schema.ts). */
export interface RatelimitTables {
  attempts: AttemptsTable;
}
