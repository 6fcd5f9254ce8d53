import { sql, type Kysely } from "kysely";
import { dialectOf } from "../connection";

// Frozen once landed: change the schema with a new, later migration.
// Issue 13 (ADR 0064): a scope's content version is the sum of one counter per database backend
// (`backend` = pg_backend_pid() of the writing connection on PostgreSQL, 0 on SQLite and for the
// folded counts of backends that ended), so concurrent writers of one hearing raise different rows
// and never wait for each other's row lock. Primary key (scope, backend).
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`alter table content_versions add column backend integer not null default 0`.execute(
      db,
    );
    await sql`alter table content_versions drop constraint content_versions_pkey`.execute(db);
    await sql`alter table content_versions add primary key (scope, backend)`.execute(db);
    return;
  }
  // SQLite changes a primary key by copying the table. The version triggers name the table in
  // their bodies with the old conflict target: drop them first (the start re-installs them from
  // db/content-versions.ts right after the migrations).
  const triggers = await sql<{ name: string }>`
    select name from sqlite_master where type = 'trigger' and substr(name, 1, 3) = 'cv_'`.execute(
    db,
  );
  for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(db);
  await sql`create table content_versions_next (
      scope text not null,
      backend integer not null default 0,
      version bigint not null,
      primary key (scope, backend))`.execute(db);
  await sql`insert into content_versions_next (scope, backend, version)
      select scope, 0, version from content_versions`.execute(db);
  await sql`drop table content_versions`.execute(db);
  await sql`alter table content_versions_next rename to content_versions`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // back to one row per scope (the sum), as migration 30 made it
  if (dialectOf(db) === "postgres") {
    await sql`create temporary table cv_sums on commit drop as
        select scope, sum(version)::bigint as version from content_versions group by scope`.execute(
      db,
    );
    await sql`delete from content_versions`.execute(db);
    await sql`alter table content_versions drop constraint content_versions_pkey`.execute(db);
    await sql`alter table content_versions drop column backend`.execute(db);
    await sql`alter table content_versions add primary key (scope)`.execute(db);
    await sql`insert into content_versions (scope, version) select scope, version from cv_sums`.execute(
      db,
    );
    return;
  }
  const triggers = await sql<{ name: string }>`
    select name from sqlite_master where type = 'trigger' and substr(name, 1, 3) = 'cv_'`.execute(
    db,
  );
  for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(db);
  await sql`create table content_versions_prev (scope text primary key not null, version bigint not null)`.execute(
    db,
  );
  await sql`insert into content_versions_prev (scope, version)
      select scope, sum(version) from content_versions group by scope`.execute(db);
  await sql`drop table content_versions`.execute(db);
  await sql`alter table content_versions_prev rename to content_versions`.execute(db);
}
