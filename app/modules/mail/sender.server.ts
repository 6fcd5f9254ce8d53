/**
 * Delivers the mail outbox. With SMTP_URL set, by SMTP (nodemailer), retrying failures with
 * exponential backoff (1, 2, 4 … minutes, at most 8 attempts, then "failed" and visible to the
 * administrator); without it (demo, development) each message is logged and marked "logged", and
 * the admin page shows it. Several app instances may run the loop: a message is claimed with a
 * conditional update, so only one of them sends it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "#db/connection";
import { now } from "../core/clock.server";
import { env } from "../core/env.server";
import { logger } from "../core/logger.server";

export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 60_000;

export interface MailTransport {
  send(m: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string | null;
    listUnsubscribe?: string | null;
  }): Promise<void>;
}

export function smtpTransport(url: string): MailTransport {
  const t: Transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await t.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html ?? undefined,
        ...(m.listUnsubscribe
          ? {
              list: { unsubscribe: m.listUnsubscribe },
              headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
            }
          : {}),
      });
    },
  };
}

export function backoffMs(attempts: number): number {
  return BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1);
}

/** Send every message that is due; returns how many were sent (or logged). */
export async function deliverDueMail(
  db: DB,
  transport: MailTransport | null = env().SMTP_URL ? smtpTransport(env().SMTP_URL!) : null,
  limit = 50,
): Promise<number> {
  const t = now();
  const due = await db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", t.toISOString())
    .orderBy("id")
    .limit(limit)
    .execute();
  let delivered = 0;
  for (const m of due) {
    // claim it, so a second instance does not send it too
    const claimed = await db
      .updateTable("mail_outbox")
      .set({ status: "sending" })
      .where("id", "=", m.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    if (!transport) {
      logger.info(
        { mailId: m.id, to: m.to_address, subject: m.subject, kind: m.kind },
        "mail (not sent: SMTP not configured)",
      );
      await db
        .updateTable("mail_outbox")
        .set({ status: "logged", sent_at: now().toISOString(), attempts: m.attempts + 1 })
        .where("id", "=", m.id)
        .execute();
      delivered++;
      continue;
    }
    try {
      await transport.send({
        from: env().MAIL_FROM,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        listUnsubscribe: m.list_unsubscribe,
      });
      await db
        .updateTable("mail_outbox")
        .set({
          status: "sent",
          sent_at: now().toISOString(),
          attempts: m.attempts + 1,
          last_error: null,
        })
        .where("id", "=", m.id)
        .execute();
      delivered++;
    } catch (error) {
      const attempts = m.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ mailId: m.id, attempts, err: message }, "mail delivery failed");
      await db
        .updateTable("mail_outbox")
        .set({
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          attempts,
          last_error: message.slice(0, 500),
          next_attempt_at: new Date(now().getTime() + backoffMs(attempts)).toISOString(),
        })
        .where("id", "=", m.id)
        .execute();
    }
  }
  return delivered;
}

let timer: NodeJS.Timeout | undefined;
/** The background loop started by the server (every 10 s). */
export function startMailLoop(getDb: () => Promise<DB>, intervalMs = 10_000): void {
  if (timer) return;
  const tick = async () => {
    try {
      await deliverDueMail(await getDb());
    } catch (error) {
      logger.error({ err: error }, "mail loop error");
    }
  };
  timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
}
export function stopMailLoop(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
