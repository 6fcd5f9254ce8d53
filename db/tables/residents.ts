/** Residents: the municipality's resident list (ПИН stored only as an HMAC, ADR 0012) and verifications. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id } from "./common";

export interface RegistryImportsTable {
  id: Id;
  municipality_id: number;
  uploaded_by: number;
  file_name: string;
  status: "running" | "done" | "failed";
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  accepted_rows: Generated<number>;
  rejected_rows: Generated<number>;
  errors_json: Generated<string>;
  created_at: string;
  finished_at: string | null;
}

export interface RegistryEntriesTable {
  id: Id;
  municipality_id: number;
  village_id: number;
  person_hash: string;
  birth_date: string;
  import_id: number | null;
  created_at: string;
}

export interface VerificationsTable {
  id: Id;
  user_id: number;
  municipality_id: number;
  village_id: number | null;
  person_hash: string | null;
  birth_date: string | null;
  method: "registry" | "in_person";
  verified_by: number | null;
  created_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
  revoke_reason: string | null;
}

/** The residents tables, by name (composed into `Database` in db/schema.ts). */
export interface ResidentsTables {
  registry_imports: RegistryImportsTable;
  registry_entries: RegistryEntriesTable;
  verifications: VerificationsTable;
}
