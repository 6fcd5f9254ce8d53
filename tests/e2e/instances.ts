/**
 * Extra app instances for tests that need their own database or several servers on one database
 * (GET-never-writes crawl, cross-instance cache): the production build (made by the Playwright
 * web server before the tests) started with `node server.js` on free loopback ports, on a fresh
 * SQLite file or a fresh PostgreSQL database (when TEST_POSTGRES_URL is set) with the demo data.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export type Engine = "sqlite" | "postgres";

/** The engines to run on: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export const engines: Engine[] = process.env.TEST_POSTGRES_URL
  ? ["sqlite", "postgres"]
  : ["sqlite"];

/** A free TCP port on the loopback (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Run SQL against the test database: rows of a select, or nothing. */
export interface SqlRunner {
  all(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

export interface TestDatabase {
  engine: Engine;
  url: string;
  sql: SqlRunner;
  drop(): Promise<void>;
}

/** A fresh database with the demo data (migrated and seeded by app/cli/seed.ts). */
export async function demoDatabase(engine: Engine): Promise<TestDatabase> {
  let url: string;
  let drop: () => Promise<void>;
  if (engine === "postgres") {
    const base = process.env.TEST_POSTGRES_URL!;
    const name = `jyiyn_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "jyiyn-e2e-"));
    url = join(dir, "demo.sqlite");
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  const seed = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/seed.ts"], {
    env: { ...process.env, DATABASE_URL: url, DEMO: "1", LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
  const sql = engine === "postgres" ? await pgRunner(url) : sqliteRunner(url);
  return {
    engine,
    url,
    sql,
    drop: async () => {
      await sql.close();
      await drop();
    },
  };
}

function sqliteRunner(file: string): SqlRunner {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  return {
    all: async (q, p = []) => db.prepare(q).all(...p) as Record<string, unknown>[],
    run: async (q, p = []) => void db.prepare(q).run(...p),
    tables: async () =>
      (
        db
          .prepare(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
          )
          .all() as { name: string }[]
      ).map((r) => r.name),
    close: async () => void db.close(),
  };
}

async function pgRunner(url: string): Promise<SqlRunner> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (s: string) => {
    let i = 0;
    return s.replace(/\?/g, () => `$${++i}`);
  };
  return {
    all: async (s, p = []) => (await c.query(q(s), p)).rows,
    run: async (s, p = []) => void (await c.query(q(s), p)),
    tables: async () =>
      (
        await c.query(
          "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
        )
      ).rows.map((r: { table_name: string }) => r.table_name),
    close: () => c.end(),
  };
}

/**
 * A digest of every row of every table (rows sorted by their JSON text): equal digests mean no
 * row was inserted, changed or deleted. Returns the digest per table, so a failure names the table.
 */
export async function digest(db: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await db.sql.tables()) {
    const rows = await db.sql.all(`select * from "${t}"`);
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    out[t] = createHash("sha256").update(lines.join("\n")).digest("hex");
  }
  return out;
}

/** A session for a demo account, made as the server makes one; returns the cookie value. */
export async function sessionFor(db: TestDatabase, emailOrPhone: string): Promise<string> {
  const [user] = await db.sql.all("select id from users where email = ? or phone = ?", [
    emailOrPhone,
    emailOrPhone,
  ]);
  if (!user) throw new Error(`no demo user ${emailOrPhone}`);
  // the shape the server makes and accepts: 20 random bytes in lower-case base32
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const id = createHash("sha256").update(token).digest("hex");
  const now = new Date();
  await db.sql.run(
    "insert into sessions (id, user_id, expires_at, created_at, last_seen_at, ip, user_agent) values (?, ?, ?, ?, ?, ?, ?)",
    [
      id,
      user.id,
      new Date(now.getTime() + 30 * 864e5).toISOString(),
      now.toISOString(),
      now.toISOString(),
      "127.0.0.1",
      "playwright",
    ],
  );
  return `jyiyn_session=${token}`;
}

export interface Instance {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Start one production server on the database; resolves when /healthz answers. */
export async function startInstance(
  db: TestDatabase,
  extraEnv: Record<string, string> = {},
): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: db.url,
      PUBLIC_URL: base,
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  // server.js prints "… is running at <url>" once it listens
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes("is running at")) {
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the instance on ${base} exited (${code})`)));
  });
  return {
    base,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
