// npm run db:seed — loads the demo data into DATABASE_URL (used by `npm run demo` on its own file).
import { createDb } from "#db/connection";
import { migrateToLatest } from "#db/migrations";
import { seedDemo } from "~/modules/demo";
import { env } from "~/modules/core/env.server";
import { registerFeatures } from "~/startup.server";

// Seeding runs commands, which emit events: wire the features as the server does.
registerFeatures();

const db = await createDb(process.env.DATABASE_URL);
try {
  await migrateToLatest(db);
  const existing = await db.selectFrom("municipalities").select("id").limit(1).execute();
  if (existing.length > 0) {
    console.error("The database already holds data; the demo seed only fills an empty database.");
    process.exitCode = 1;
  } else {
    const report = await seedDemo(db, new Date(), env().registrySecret);
    for (const line of report.lines) console.log(line);
  }
} catch (error) {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
