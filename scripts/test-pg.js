// The integration suite on PostgreSQL. Each test file makes its own schema in a database created
// for this run (dropped afterwards), so runs never see each other's data.
import { spawnSync } from "node:child_process";
import pg from "pg";

const base = process.env.TEST_POSTGRES_URL;
if (!base) {
  console.log("TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped.");
  process.exit(0);
}
const dbName = `jyiyn_test_${Date.now().toString(36)}_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${dbName}`);
await admin.end();

const url = new URL(base);
url.pathname = `/${dbName}`;
let status;
try {
  const r = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "tests/integration"],
    {
      stdio: "inherit",
      env: { ...process.env, TEST_DB: "postgres", TEST_POSTGRES_URL: url.toString() },
    },
  );
  status = r.status ?? 1;
} finally {
  const drop = new pg.Client({ connectionString: base });
  await drop.connect();
  await drop.query(`drop database if exists ${dbName} with (force)`);
  await drop.end();
}
process.exit(status);
