/**
 * Domain events that reach residents (issue "Reaching residents"). Commands call `emit` inside
 * their transaction; the features that react (today: reach, which turns each event into in-portal
 * notifications and mail for the subscribers concerned) register a handler at start-up
 * (`app/startup.server.ts`), so this module knows no feature and no import circle can form.
 * Handlers run inside the emitting command's transaction (ADR 0010): a failed handler rolls the
 * command back, and a rolled-back command sends nothing.
 */
import type { DB } from "#db/connection";

export type DomainEvent =
  | { type: "hearing.announced"; hearingId: number }
  | { type: "hearing.closed"; hearingId: number }
  /** an amendment changed what is voted on; its set-aside votes are in `votes_set_aside` */
  | { type: "hearing.amended"; hearingId: number; amendmentId: number }
  | { type: "comment.answered"; commentId: number }
  | { type: "protocol.submitted"; hearingId: number }
  | { type: "protocol.returned"; hearingId: number }
  | { type: "protocol.approved"; hearingId: number };

/** A reaction to domain events; gets the emitting command's transaction as `db`. */
export type EventHandler = (db: DB, event: DomainEvent) => Promise<void>;

const handlers: EventHandler[] = [];

/** Adds a handler (once: registering the same function again does nothing). */
export function onEvent(handler: EventHandler): void {
  if (!handlers.includes(handler)) handlers.push(handler);
}

/** Runs every registered handler in registration order, inside the caller's transaction. */
export async function emit(db: DB, event: DomainEvent): Promise<void> {
  for (const handler of handlers) await handler(db, event);
}
