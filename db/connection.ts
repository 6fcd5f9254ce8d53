import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Driver,
} from "kysely";
import type { Database } from "./schema";
import { withStableParameters } from "./sqlite-parameters";

export type DB = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

export const DEFAULT_SQLITE_PATH = "data/jyiyn.sqlite";

export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** The driver client behind a Kysely handle, for the few libraries that speak to the driver itself. */
export type RawClient =
  | { dialect: "postgres"; pool: import("pg").Pool }
  | { dialect: "sqlite"; database: import("better-sqlite3").Database };

const rawClients = new WeakMap<Kysely<any>, RawClient>();

/**
 * The pg pool or better-sqlite3 database a handle made by `createDb` runs on (the rate limiter's
 * store needs it). Throws for a handle not made by `createDb` (e.g. a transaction).
 */
export function rawClientOf(db: Kysely<any>): RawClient {
  const c = rawClients.get(db);
  if (!c) throw new Error("rawClientOf: not a handle made by createDb");
  return c;
}

export interface CreateDbOptions {
  /** PostgreSQL only: a schema to put first on the search_path (tests use one per file). */
  schema?: string;
  /** PostgreSQL only: pool size. */
  max?: number;
}

/**
 * DATABASE_URL unset or a file path → better-sqlite3 (WAL, foreign keys on, busy timeout);
 * postgres://… → a pg pool. Both are loaded lazily so an install never needs the other driver.
 */
export async function createDb(url: string | undefined, opts: CreateDbOptions = {}): Promise<DB> {
  if (isPostgresUrl(url)) {
    const pg = (await import("pg")).default;
    // bigint (int8) and numeric come back as strings by default: make them numbers (ids and sums of
    // money in tyiyn stay far below 2^53).
    pg.types.setTypeParser(20, (v: string) => Number(v));
    pg.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.Pool({
      connectionString: url as string,
      max: opts.max ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    rawClients.set(db, { dialect: "postgres", pool });
    return db;
  }
  const Sqlite = (await import("better-sqlite3")).default;
  const file =
    url && url.trim() !== "" ? url.replace(/^(file|sqlite):(\/\/)?/, "") : DEFAULT_SQLITE_PATH;
  if (file !== ":memory:") {
    const { mkdirSync } = await import("node:fs");
    const { dirname } = await import("node:path");
    mkdirSync(dirname(file), { recursive: true });
  }
  const database = new Sqlite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: preparedOnce(database) }),
  });
  rawClients.set(db, { dialect: "sqlite", database });
  return db;
}

/**
 * Kysely's SQLite dialect with every transaction opened by `BEGIN IMMEDIATE` (ADR 0065): the
 * transaction takes the write lock at its start, so with several processes on one file (node:cluster
 * workers, a backup or a CLI beside the server) a writer waits in the busy handler before it has
 * read anything, instead of failing with SQLITE_BUSY_SNAPSHOT when it writes after another process
 * wrote since its first read. Within one process nothing changes: Kysely already runs one
 * transaction at a time on its single connection.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}

/**
 * better-sqlite3 with statements prepared once per SQL text: Kysely calls `prepare` for every
 * query, and preparing is about a third of a small query's cost. A statement still iterating (a
 * stream) is busy, so a second user of the same text gets a fresh one. At most `max` are kept.
 * Parameters are written as `(select ?)` ({@link withStableParameters}, ADR 0071), so binding
 * values never makes SQLite prepare a statement again.
 */
function preparedOnce(database: import("better-sqlite3").Database, max = 1000) {
  const cache = new Map<string, import("better-sqlite3").Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) return hit;
      const stmt = database.prepare(withStableParameters(sqlText));
      if (!hit) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A cheap round trip, for /healthz. */
export async function pingDb(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
