import type { DB } from "#db/connection";
import { nowIso } from "../core/clock.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** what the message is for, e.g. "password_reset", "protocol_submitted", "answer" */
  kind: string;
  /** a one-click unsubscribe URL: sent as List-Unsubscribe + List-Unsubscribe-Post (RFC 8058) */
  listUnsubscribe?: string | null;
}

/**
 * Put a message in the outbox (inside the caller's transaction when given one). The sender
 * (mail/sender.server.ts) delivers it by SMTP with retries, or logs it when SMTP is not configured.
 */
export async function enqueueMail(db: DB, m: OutgoingMail): Promise<number> {
  const t = nowIso();
  const row = await db
    .insertInto("mail_outbox")
    .values({
      to_address: m.to,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html ?? null,
      kind: m.kind,
      list_unsubscribe: m.listUnsubscribe ?? null,
      status: "pending",
      next_attempt_at: t,
      created_at: t,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
