import { createDb, pingDb, type DB } from "#db/connection";
import { migrateToLatest } from "#db/migrations";
import { env } from "./env.server";

/** The app's one database handle (a pool on PostgreSQL), created at start-up. */
let dbPromise: Promise<DB> | undefined;

export function getDb(): Promise<DB> {
  if (!dbPromise) dbPromise = createDb(env().DATABASE_URL);
  return dbPromise;
}

/** Tests: use this database instead. */
export function setDbForTests(db: DB): void {
  dbPromise = Promise.resolve(db);
}

export async function migrate(): Promise<string[]> {
  return migrateToLatest(await getDb());
}

export async function checkDb(): Promise<void> {
  await pingDb(await getDb());
}

export async function closeDb(): Promise<void> {
  if (!dbPromise) return;
  const db = await dbPromise;
  dbPromise = undefined;
  await db.destroy();
}
