/**
 * Hot statements built and compiled by Kysely once, then run with new values (issue 13: building
 * and compiling the vote's upsert took about as long as SQLite took to run it). The query is built
 * from placeholders (`Slot`s) in place of the values that change; the compiled SQL is kept per
 * dialect and each run swaps the values into its parameter list. The builder must not branch on a
 * slot (a slot is an object, not the value): make one statement per shape instead.
 */
import type { CompiledQuery, Kysely, QueryResult } from "kysely";
import { dialectOf, type Dialect } from "./connection";

/** A placeholder for the `index`-th value of a run. */
export class Slot {
  constructor(readonly index: number) {}
}

/**
 * `make(db, s0, s1, …)` builds the query with `arity` slots where the values go. Returns
 * `run(db, values)`: executes the compiled statement on `db` (a Kysely handle or a transaction)
 * with `values[i]` in place of slot i, and answers Kysely's `QueryResult` (`rows`,
 * `numAffectedRows`). Throws when `values.length !== arity`, or at the first run when a slot did
 * not end up as a parameter.
 */
export function compiledOnce<O>(
  arity: number,
  make: (db: Kysely<any>, ...slots: Slot[]) => { compile(): CompiledQuery<O> },
): (db: Kysely<any>, values: readonly unknown[]) => Promise<QueryResult<O>> {
  const byDialect = new Map<Dialect, { query: CompiledQuery<O>; map: (number | null)[] }>();
  const slots = Array.from({ length: arity }, (_, i) => new Slot(i));
  return (db, values) => {
    if (values.length !== arity) throw new Error(`compiledOnce: ${arity} values expected`);
    const dialect = dialectOf(db);
    let c = byDialect.get(dialect);
    if (!c) {
      const query = make(db, ...slots).compile();
      const map = query.parameters.map((p) => (p instanceof Slot ? p.index : null));
      if (slots.some((s) => !map.includes(s.index)))
        throw new Error("compiledOnce: a slot is not a parameter of the query");
      c = { query, map };
      byDialect.set(dialect, c);
    }
    const { query, map } = c;
    const parameters = map.map((slot, i) => (slot === null ? query.parameters[i] : values[slot]));
    return db.executeQuery<O>({ ...query, parameters });
  };
}
