import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";
import { sql } from "kysely";
import { dialectOf } from "../connection";

/**
 * Column helpers that mean the same on SQLite and PostgreSQL.
 * - ids: integer identity on PostgreSQL, integer primary key autoincrement on SQLite;
 * - instants: ISO 8601 UTC text ("2026-03-15T17:59:59.000Z"), compared as text on both;
 * - booleans: integer 0/1 on both;
 * - money: integer tyiyn (1 сом = 100 тыйын), bigint.
 */
export function idColumn(db: Kysely<any>) {
  const pg = dialectOf(db) === "postgres";
  return (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
}

export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return table.addColumn("id", "integer", idColumn(db));
}

/** A CHECK expression: column in ('a', 'b', …). */
export function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
