/** Accounts: people, their sessions, roles in a municipality, invitations, password resets. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id, Flag } from "./common";

export type RoleName = "official" | "council_secretary" | "council_member";

export interface UsersTable {
  id: Id;
  email: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string;
  municipality_id: number | null;
  village_id: number | null;
  is_admin: Flag;
  locale: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface RolesTable {
  id: Id;
  user_id: number;
  municipality_id: number;
  role: RoleName;
  granted_by: number | null;
  created_at: string;
}

export interface InvitationsTable {
  id: Id;
  token_hash: string;
  municipality_id: number;
  role: RoleName;
  note: string | null;
  created_by: number;
  created_at: string;
  expires_at: string;
  accepted_by: number | null;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  id: Id;
  user_id: number;
  token_hash: string;
  kind: "email_link" | "official_code";
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The accounts tables, by name (composed into `Database` in db/schema.ts). */
export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  roles: RolesTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
}
