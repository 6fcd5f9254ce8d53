/** The audit log of officials' and administrators' actions. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id } from "./common";

export interface AuditLogTable {
  id: Id;
  actor_user_id: number | null;
  municipality_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details_json: Generated<string>;
  created_at: string;
}

/** The audit tables, by name (composed into `Database` in db/schema.ts). */
export interface AuditTables {
  audit_log: AuditLogTable;
}
