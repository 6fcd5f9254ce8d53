import type { DB } from "#db/connection";
import { handleReachEvent } from "../reach/notify.server";
import type { DomainEvent } from "./events.server";

/** Turns domain events into notifications (in-portal list + mail): see reach/notify.server.ts. */
export async function handleEvent(db: DB, event: DomainEvent): Promise<void> {
  await handleReachEvent(db, event);
}
