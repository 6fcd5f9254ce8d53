import type { DB } from "#db/connection";
import type { DomainEvent } from "./events.server";

/** Turns domain events into notifications; the notify feature fills this in. */
export async function handleEvent(_db: DB, _event: DomainEvent): Promise<void> {}
