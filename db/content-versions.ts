/**
 * Content versions for the page cache (ADR 0031). Every table whose rows anonymous pages can show
 * gets row triggers that raise a version in `content_versions` in the same transaction as the
 * write, so no command can forget to invalidate and every app instance sees the change at once:
 * - `hearings`: its own scope `h:<id>` and `lists` (home, municipality pages, list APIs);
 * - a table with a `hearing_id` column: `h:<hearing_id>` (old and new row);
 * - any other table not in PRIVATE_TABLES: `all` (everything cached is stale).
 * The triggers are (re)installed after the migrations by `syncContentTriggers`, from the tables
 * found in the database, so tables added later are covered without a new list.
 *
 * A scope's version is the sum of its rows, one per writing database backend (ADR 0064): on
 * PostgreSQL a trigger raises the row of its own connection (`pg_backend_pid()`), so the writes of
 * concurrent transactions (all the votes of one hearing) take no common row lock, and every commit
 * still makes the sum larger once it is visible. `foldEndedBackends` moves the counts of ended
 * backends into row 0, keeping the sums. SQLite (one writer at a time) uses row 0 only.
 */
import { sql, type Kysely } from "kysely";
import { dialectOf } from "./connection";

/** Tables no anonymous page or public API shows: writes to them never invalidate the cache. */
export const PRIVATE_TABLES = new Set([
  "content_versions",
  "kysely_migration",
  "kysely_migration_lock",
  "sessions",
  "password_resets",
  "attempts",
  "audit_log",
  "mail_outbox",
  "rate_limits",
  "notification_prefs",
  "notifications",
  "reminder_log",
  "subscriptions",
  "invitations",
  "registry_imports",
  "registry_entries",
  "roles",
  "verifications",
]);

type Kind = "hearing" | "child" | "all";

async function tablesWithKind(db: Kysely<any>, pg: boolean): Promise<[string, Kind][]> {
  const tables = pg
    ? (
        await sql<{ t: string; c: string }>`
          select t.table_name as t, c.column_name as c
          from information_schema.tables t
          left join information_schema.columns c
            on c.table_schema = t.table_schema and c.table_name = t.table_name
            and c.column_name = 'hearing_id'
          where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db)
      ).rows
    : (
        await sql<{ t: string; c: string | null }>`
          select m.name as t, p.name as c
          from sqlite_master m
          left join pragma_table_info(m.name) p on p.name = 'hearing_id'
          where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db)
      ).rows;
  return tables
    .filter((r) => !PRIVATE_TABLES.has(r.t))
    .map((r) => [r.t, r.t === "hearings" ? "hearing" : r.c ? "child" : "all"]);
}

/** Installs (or replaces) the content-version triggers on every public table. Idempotent. */
export async function syncContentTriggers(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    // one transaction under an advisory lock: instances starting together take turns
    await db.transaction().execute((trx) => install(trx, true));
    return;
  }
  // SQLite: BEGIN IMMEDIATE takes the write lock first (waits up to busy_timeout), so two
  // instances starting together do not trip over each other's lock upgrade
  await db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      await install(conn, false);
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

async function install(db: Kysely<any>, pg: boolean): Promise<void> {
  if (pg) await sql`select pg_advisory_xact_lock(31031)`.execute(db);
  const tables = await tablesWithKind(db, pg);
  if (pg) {
    // one counter per backend (ADR 0064): concurrent transactions never raise the same row
    const bump = (scope: string) =>
      `insert into content_versions (scope, backend, version) values (${scope}, pg_backend_pid(), 1)
         on conflict (scope, backend) do update set version = content_versions.version + 1;`;
    const fn = (name: string, onNew: string, onOld: string) =>
      sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $f$
        begin
          if tg_op in ('INSERT', 'UPDATE') then ${onNew} end if;
          if tg_op in ('UPDATE', 'DELETE') then ${onOld} end if;
          return null;
        end $f$`);
    await fn(
      "cv_bump_hearing",
      bump(`'h:' || new.id`) + bump(`'lists'`),
      bump(`'h:' || old.id`) + bump(`'lists'`),
    ).execute(db);
    await fn(
      "cv_bump_child",
      bump(`'h:' || coalesce(new.hearing_id::text, 'none')`),
      bump(`'h:' || coalesce(old.hearing_id::text, 'none')`),
    ).execute(db);
    await fn("cv_bump_all", bump(`'all'`), bump(`'all'`)).execute(db);
    for (const [t, kind] of tables)
      await sql
        .raw(
          `create or replace trigger cv_${t} after insert or update or delete on "${t}"
           for each row execute function cv_bump_${kind}()`,
        )
        .execute(db);
    return;
  }
  // SQLite has one writer at a time: every count is backend 0
  const bump = (scope: string) =>
    `insert into content_versions (scope, backend, version) values (${scope}, 0, 1)
       on conflict (scope, backend) do update set version = version + 1;`;
  const scopes = (row: "new" | "old", kind: Kind) =>
    kind === "hearing"
      ? bump(`'h:' || ${row}.id`) + bump(`'lists'`)
      : kind === "child"
        ? bump(`'h:' || coalesce(${row}.hearing_id, 'none')`)
        : bump(`'all'`);
  for (const [t, kind] of tables) {
    const body: Record<string, string> = {
      insert: scopes("new", kind),
      update: scopes("new", kind) + scopes("old", kind),
      delete: scopes("old", kind),
    };
    for (const op of ["insert", "update", "delete"])
      await sql
        .raw(
          `create trigger if not exists cv_${t}_${op} after ${op} on "${t}" begin ${body[op]} end`,
        )
        .execute(db);
  }
}

/**
 * PostgreSQL: moves the counters of backends that have ended (not in `pg_stat_activity`) into
 * backend 0 of their scope, in one statement, so each scope keeps about one row per open
 * connection while every sum stays the same for any reader. Safe on several instances at once
 * (the rows are deleted once; a second fold finds them gone). Returns the number of rows folded.
 * SQLite: nothing to fold (0).
 */
export async function foldEndedBackends(db: Kysely<any>): Promise<number> {
  if (dialectOf(db) !== "postgres") return 0;
  const r = await sql<{ n: number }>`
    with gone as (
      delete from content_versions
      where backend <> 0 and backend not in (select pid from pg_stat_activity where pid is not null)
      returning scope, version
    ), sums as (
      select scope, sum(version)::bigint as version, count(*) as n from gone group by scope
    ), kept as (
      insert into content_versions (scope, backend, version)
      select scope, 0, version from sums
      on conflict (scope, backend) do update set version = content_versions.version + excluded.version
    )
    select coalesce(sum(n), 0)::integer as n from sums`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
