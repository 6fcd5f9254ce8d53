/**
 * SQLite statements whose plan does not depend on the values bound to them (ADR 0071).
 *
 * better-sqlite3's SQLite is built with SQLITE_ENABLE_STAT4 and without the query planner
 * stability guarantee (QPSG), which it offers no way to switch on. For a statement that joins
 * tables, SQLite's planner then looks at the value bound to a `?` in the WHERE clause
 * (`sqlite3ExprIsInteger`, the STAT4 probes) and marks the parameter so that binding a new
 * value re-prepares the statement at its next step. better-sqlite3 binds every parameter at
 * every run, so such a statement was parsed and planned again on every execution: measured on
 * the vote's upsert, 195 µs instead of 60 µs; on its read, 47 µs instead of 9 µs.
 *
 * A scalar subquery `(select ?)` is a constant the planner cannot see into: the plan is the same
 * (indexes are still used, the subquery runs once per execution) and no parameter is marked.
 * Values keep their meaning: a scalar subquery has no affinity, like a bare parameter, so
 * comparisons convert as before. Two places where SQLite tells them apart, which the app does
 * not use (a review tried both): a window frame's offset (`rows between ? preceding`) must be a
 * literal-like integer and refuses a subquery; an unaliased parameter in a SELECT list is named
 * by its text (`{ "(select ?)": 1 }` instead of `{ "?": 1 }`) — alias selected values.
 */

const cache = new Map<string, string>();
const MAX_CACHED = 2000;

/**
 * `sqlText` with every anonymous parameter `?` outside string literals, quoted identifiers and
 * comments written as `(select ?)`. Numbered (`?1`) and named parameters are left alone (Kysely
 * writes none). Pure; results are kept per text (at most 2,000).
 */
export function withStableParameters(sqlText: string): string {
  const hit = cache.get(sqlText);
  if (hit !== undefined) return hit;
  let out = "";
  let from = 0;
  const n = sqlText.length;
  let i = 0;
  while (i < n) {
    const c = sqlText[i];
    if (c === "'" || c === '"' || c === "`" || c === "[") {
      // a literal or quoted identifier: to its closing quote (doubled quotes stay inside)
      const close = c === "[" ? "]" : c;
      i++;
      while (i < n) {
        if (sqlText[i] === close) {
          if (close !== "]" && sqlText[i + 1] === close) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (c === "-" && sqlText[i + 1] === "-") {
      const end = sqlText.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && sqlText[i + 1] === "*") {
      const end = sqlText.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "?" && !/[0-9]/.test(sqlText[i + 1] ?? "")) {
      out += sqlText.slice(from, i) + "(select ?)";
      from = ++i;
    } else i++;
  }
  out = from === 0 ? sqlText : out + sqlText.slice(from);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(sqlText, out);
  return out;
}
