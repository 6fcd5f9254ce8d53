/** The mail outbox: every message is queued in the transaction that causes it, sent by the job. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id } from "./common";

export type MailStatus = "pending" | "sending" | "sent" | "failed" | "logged";

export interface MailOutboxTable {
  id: Id;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** the one-click unsubscribe URL, sent as List-Unsubscribe (migration 08) */
  list_unsubscribe: string | null;
}

/** The mail tables, by name (composed into `Database` in db/schema.ts). */
export interface MailTables {
  mail_outbox: MailOutboxTable;
}
