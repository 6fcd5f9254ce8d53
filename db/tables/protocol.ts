/** Protocols: the protocol of a hearing, its versions (frozen once approved), files and numbering. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id } from "./common";
import type { ProtocolStage } from "./hearings";

export type ProtocolDecision = "approved" | "returned";

export interface ProtocolsTable {
  id: Id;
  hearing_id: number;
  municipality_id: number;
  /** «3/2026»: the protocol's own number (per municipality and year) */
  number: string;
  number_year: number | null;
  number_seq: number | null;
  state: ProtocolStage;
  chair_name: Generated<string>;
  secretary_name: Generated<string>;
  conclusions_ky: Generated<string>;
  conclusions_ru: Generated<string>;
  current_version: Generated<number>;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
}

export interface ProtocolVersionsTable {
  id: Id;
  protocol_id: number;
  version: number;
  content_json: string;
  content_sha256: string;
  created_by: number;
  created_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
  decision: ProtocolDecision | null;
  decided_by: number | null;
  decided_at: string | null;
  resolution_number: string | null;
  resolution_date: string | null;
  deputies_for: number | null;
  deputies_against: number | null;
  deputies_abstain: number | null;
  return_comments: string | null;
  verification_code: string | null;
}

export interface ProtocolFilesTable {
  id: Id;
  version_id: number;
  lang: "ky" | "ru";
  format: "pdf" | "docx";
  storage_key: string;
  sha256: string;
  size: number;
  created_at: string;
}

/** The last protocol number handed out per municipality and Asia/Bishkek year. */
export interface ProtocolNumberCountersTable {
  municipality_id: number;
  year: number;
  last: number;
}

/** The protocol tables, by name (composed into `Database` in db/schema.ts). */
export interface ProtocolTables {
  protocols: ProtocolsTable;
  protocol_versions: ProtocolVersionsTable;
  protocol_files: ProtocolFilesTable;
  protocol_number_counters: ProtocolNumberCountersTable;
}
