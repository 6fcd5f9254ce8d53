/**
 * Domain events that reach residents (issue "Reaching residents"). Commands call `emit` inside
 * their transaction; the notify feature turns each event into in-portal notifications and mail
 * for the subscribers concerned (handlers.server.ts).
 */
import type { DB } from "#db/connection";
import { handleEvent } from "./handlers.server";

export type DomainEvent =
  | { type: "hearing.announced"; hearingId: number }
  | { type: "hearing.closed"; hearingId: number }
  | { type: "comment.answered"; commentId: number }
  | { type: "protocol.submitted"; hearingId: number }
  | { type: "protocol.returned"; hearingId: number }
  | { type: "protocol.approved"; hearingId: number };

export async function emit(db: DB, event: DomainEvent): Promise<void> {
  await handleEvent(db, event);
}
