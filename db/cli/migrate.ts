// npm run db:migrate — applies every pending migration to DATABASE_URL (SQLite file by default).
import { createDb } from "../connection";
import { migrateToLatest } from "../migrations";

const url = process.env.DATABASE_URL;
const db = await createDb(url);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
