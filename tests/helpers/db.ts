/**
 * A fresh database per test file: a SQLite file in the OS temp folder, or, when TEST_DB=postgres,
 * a schema of its own in TEST_POSTGRES_URL's database (dropped afterwards), so runs and files never
 * see each other's data. Migrations run on it first.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { createDb, type DB } from "#db/connection";
import { migrateToLatest } from "#db/migrations";
import { setDbForTests } from "~/modules/core/db.server";

export const onPostgres = process.env.TEST_DB === "postgres";

export interface TestDb {
  db: DB;
  dialect: "sqlite" | "postgres";
  cleanup: () => Promise<void>;
}

export async function createTestDb(
  opts: { migrate?: boolean; useAsAppDb?: boolean } = {},
): Promise<TestDb> {
  let db: DB;
  let cleanup: () => Promise<void>;
  let schemaName: string | undefined;
  if (onPostgres) {
    const url = process.env.TEST_POSTGRES_URL;
    if (!url) throw new Error("TEST_DB=postgres needs TEST_POSTGRES_URL");
    const schema = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
    schemaName = schema;
    const admin = await createDb(url, { max: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    await admin.destroy();
    db = await createDb(url, { schema, max: 5 });
    cleanup = async () => {
      await db.destroy();
      const a = await createDb(url, { max: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(a);
      await a.destroy();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "jyiyn-test-"));
    db = await createDb(join(dir, "test.sqlite"));
    cleanup = async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  if (opts.migrate !== false) await migrateToLatest(db, schemaName);
  if (opts.useAsAppDb !== false) setDbForTests(db);
  return { db, dialect: onPostgres ? "postgres" : "sqlite", cleanup };
}
