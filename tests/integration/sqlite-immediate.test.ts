/**
 * SQLite transactions begin with `BEGIN IMMEDIATE` (db/connection.ts, ADR 0065): with another
 * writer on the same file (a second process; here a worker thread with its own connection), a
 * transaction that reads and then writes keeps its write instead of failing with
 * SQLITE_BUSY_SNAPSHOT — the other writer is the one that waits. SQLite only.
 */
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, onPostgres, type TestDb } from "../helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await sql`create table tally (id integer primary key, n integer not null)`.execute(t.db);
  await sql`insert into tally (id, n) values (1, 0)`.execute(t.db);
});
afterAll(() => t?.cleanup());

/** Another connection to the file, in a thread: one write without waiting for the lock. */
function otherWriter(file: string): Promise<string> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma("busy_timeout = 0");
    try { db.prepare("update tally set n = n + 100 where id = 1").run(); parentPort.postMessage("wrote"); }
    catch (e) { parentPort.postMessage(e.code); }
    finally { db.close(); }`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, {
      eval: true,
      workerData: { file, driver: require.resolve("better-sqlite3") },
    });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

describe.skipIf(onPostgres)("SQLite write transactions take the lock first", () => {
  it("a read-then-write transaction keeps its write while another connection tries to write", async () => {
    let other = "";
    await t.db.transaction().execute(async (trx) => {
      const before = await sql<{ n: number }>`select n from tally where id = 1`.execute(trx);
      other = await otherWriter(t.url);
      await sql`update tally set n = ${before.rows[0].n + 1} where id = 1`.execute(trx);
    });
    // the other connection found the lock taken (it would have waited in the busy handler)
    expect(other).toBe("SQLITE_BUSY");
    const after = await sql<{ n: number }>`select n from tally where id = 1`.execute(t.db);
    expect(after.rows[0].n).toBe(1);
    // with the transaction over, the other connection writes
    expect(await otherWriter(t.url)).toBe("wrote");
  });
});
