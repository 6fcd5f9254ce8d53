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
  /** a DATABASE_URL for another process on the same data (a server spawned by a test) */
  url: string;
  cleanup: () => Promise<void>;
}

export async function createTestDb(
  opts: { migrate?: boolean; useAsAppDb?: boolean } = {},
): Promise<TestDb> {
  let db: DB;
  let cleanup: () => Promise<void>;
  let schemaName: string | undefined;
  let url: string;
  if (onPostgres) {
    const base = process.env.TEST_POSTGRES_URL;
    if (!base) throw new Error("TEST_DB=postgres needs TEST_POSTGRES_URL");
    const schema = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
    schemaName = schema;
    const u = new URL(base);
    u.searchParams.set("options", `-c search_path=${schema}`);
    url = u.toString();
    const admin = await createDb(base, { max: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    await admin.destroy();
    db = await createDb(base, { schema, max: 5 });
    cleanup = async () => {
      await db.destroy();
      const a = await createDb(base, { max: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(a);
      await a.destroy();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "jyiyn-test-"));
    url = join(dir, "test.sqlite");
    db = await createDb(url);
    cleanup = async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  if (opts.migrate !== false) await migrateToLatest(db, schemaName);
  if (opts.useAsAppDb !== false) setDbForTests(db);
  return { db, dialect: onPostgres ? "postgres" : "sqlite", url, cleanup };
}
