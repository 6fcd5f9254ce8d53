/**
 * SQLite parameters written as scalar subqueries (ADR 0071): the rewrite leaves literals,
 * identifiers and comments alone, and statements answer exactly as with bare parameters.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStableParameters } from "#db/sqlite-parameters";

describe("withStableParameters", () => {
  it("wraps every anonymous parameter outside literals, quoted names and comments", () => {
    expect(
      withStableParameters('select "a" from "t" where "id" = ? and "b" in (?, ?) limit ?'),
    ).toBe(
      'select "a" from "t" where "id" = (select ?) and "b" in ((select ?), (select ?)) limit (select ?)',
    );
    expect(withStableParameters("select 'is it?' as q, \"c?\" from [x?] where a = ?")).toBe(
      "select 'is it?' as q, \"c?\" from [x?] where a = (select ?)",
    );
    expect(withStableParameters("select 'it''s ?' where a = ? -- why?\n and b = ?")).toBe(
      "select 'it''s ?' where a = (select ?) -- why?\n and b = (select ?)",
    );
    expect(withStableParameters("select /* ? */ ?1, ?")).toBe("select /* ? */ ?1, (select ?)");
    expect(withStableParameters("select 1")).toBe("select 1");
  });

  it("answers as the bare statement does: joins, IN lists, LIKE, LIMIT, casts, upserts", () => {
    const db = new Database(":memory:");
    db.exec(`
      create table h (id integer primary key, state text, starts text);
      create table q (id integer primary key, h_id integer references h(id), label text);
      create table v (q_id integer, u integer, choice text, primary key (q_id, u));
      insert into h values (1, 'open', '2026-03-01'), (2, 'draft', '2026-04-01');
      insert into q values (10, 1, 'Тариф?'), (11, 1, 'Срок'), (20, 2, 'x');
    `);
    const both = (sqlText: string, ...params: unknown[]) => {
      const bare = db.prepare(sqlText).all(...params);
      const stable = db.prepare(withStableParameters(sqlText)).all(...params);
      expect(stable).toEqual(bare);
      return bare;
    };
    expect(
      both(
        "select h.id, q.id as qid from h join q on q.h_id = h.id where h.id = ? and h.state != ? and q.id in (?, ?) order by q.id",
        1,
        "draft",
        10,
        11,
      ),
    ).toHaveLength(2);
    expect(both("select id from q where label like ? order by id", "Тар%")).toEqual([{ id: 10 }]);
    expect(both("select id from q where id > ? order by id limit ? offset ?", 9, 2, 1)).toEqual([
      { id: 11 },
      { id: 20 },
    ]);
    // a number as text compared with an integer column: the column's affinity applies as before
    expect(both("select id from q where id = ?", "11")).toEqual([{ id: 11 }]);
    expect(both("select cast(? as integer) + 1 as n, ? is null as none", "41", null)).toEqual([
      { n: 42, none: 1 },
    ]);
    const upsert =
      "insert into v (q_id, u, choice) select q.id, cast(? as integer), cast(? as text) from q join h on h.id = q.h_id where q.id = ? and h.starts <= ? on conflict (q_id, u) do update set choice = excluded.choice";
    db.prepare(withStableParameters(upsert)).run(7, "for", 10, "2026-03-05");
    db.prepare(withStableParameters(upsert)).run(7, "against", 10, "2026-03-05");
    db.prepare(withStableParameters(upsert)).run(7, "for", 20, "2026-03-05");
    expect(db.prepare("select * from v").all()).toEqual([{ q_id: 10, u: 7, choice: "against" }]);
  });
});
