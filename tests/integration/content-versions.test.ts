/**
 * Content versions (ADR 0031, per-backend counters of ADR 0064) on a real database: a write
 * raises its hearing's version; on PostgreSQL two open transactions voting on one hearing do not
 * wait for each other, and each commit, in any order, raises the version a reader sees; folding
 * the counters of ended connections keeps every sum; migration 80 keeps the versions of a
 * database made before it.
 */
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { createDb } from "#db/connection";
import { foldEndedBackends, syncContentTriggers } from "#db/content-versions";
import { migrations } from "#db/migrations";
import { setClock } from "~/modules/core/clock.server";
import { readContentVersions } from "~/modules/core/content-versions.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import { castVote } from "~/modules/participation/commands.server";
import { createTestDb, onPostgres, type TestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";
import {
  withParticipationWorld,
  type FixtureHearing,
  type World,
} from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let h: FixtureHearing;
const OPEN = "2026-03-05T06:00:00.000Z";

withParticipationWorld((x) => ({ t, w, h } = x), { questions: 1 });

const scope = () => `h:${h.id}`;
const version = async () => (await readContentVersions([scope()]))[scope()];
async function voter() {
  const id = await makeUser(t.db, {
    verifiedIn: [{ municipalityId: w.m, birthDate: "1980-01-01" }],
  });
  return (await loadSessionUser(t.db, id))!;
}

describe(`content versions (${onPostgres ? "postgres" : "sqlite"})`, () => {
  it("a vote raises its hearing's version; a scope never written reads 0", async () => {
    setClock(OPEN);
    const before = await version();
    await castVote(t.db, await voter(), h.id, h.questionIds[0], "for");
    expect(await version()).toBeGreaterThan(before);
    expect(await readContentVersions(["h:999999999"])).toEqual({ "h:999999999": 0 });
  });

  it.runIf(onPostgres)(
    "two open transactions voting on one hearing take no common lock; each commit, in any order, raises the version",
    async () => {
      setClock(OPEN);
      const [a, b] = [await voter(), await voter()];
      let releaseA!: () => void;
      const aMayCommit = new Promise<void>((r) => (releaseA = r));
      let aWrote!: () => void;
      const aHasWritten = new Promise<void>((r) => (aWrote = r));
      const v0 = await version();
      const first = t.db.transaction().execute(async (trx) => {
        await castVote(trx, a, h.id, h.questionIds[0], "for");
        aWrote();
        await aMayCommit;
      });
      await aHasWritten;
      // B would wait for A's row lock forever (A commits only after B): with the lock timeout it
      // fails instead, so a pass means B needed no lock A holds
      await t.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '1s'`.execute(trx);
        await castVote(trx, b, h.id, h.questionIds[0], "against");
      });
      const v1 = await version();
      expect(v1).toBeGreaterThan(v0);
      releaseA();
      await first;
      // A committed after B although it wrote first: its commit still shows as a new version
      expect(await version()).toBeGreaterThan(v1);
    },
  );

  it("folding the counters of ended connections keeps every sum and leaves one row per scope", async () => {
    setClock(OPEN);
    let endedPid: number | null = null;
    if (onPostgres) {
      // a connection of its own that writes, then ends
      const other = await createDb(t.url.replace(/\?.*$/, ""), {
        schema: new URL(t.url).searchParams.get("options")!.replace("-c search_path=", ""),
        max: 1,
      });
      await other.transaction().execute(async (trx) => {
        endedPid = Number(
          (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid,
        );
        await castVote(trx, await voter(), h.id, h.questionIds[0], "abstain");
      });
      await other.destroy();
      // the server removes the backend from pg_stat_activity when its process has exited
      for (let i = 0; i < 500; i++) {
        const alive = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where pid = ${endedPid}`.execute(t.db);
        if (alive.rows[0].n === 0) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    const all = (
      await t.db.selectFrom("content_versions").select("scope").distinct().execute()
    ).map((r) => r.scope);
    const before = await readContentVersions(all);
    const folded = await foldEndedBackends(t.db);
    expect(await readContentVersions(all)).toEqual(before);
    const rows = await t.db.selectFrom("content_versions").selectAll().execute();
    if (onPostgres) {
      expect(folded).toBeGreaterThan(0);
      expect(rows.filter((r) => Number(r.backend) === endedPid)).toEqual([]);
      // a second fold (another instance) finds nothing left to fold
      expect(await foldEndedBackends(t.db)).toBe(0);
      expect(await readContentVersions(all)).toEqual(before);
    } else {
      expect(folded).toBe(0);
      expect(rows.every((r) => Number(r.backend) === 0)).toBe(true);
    }
  });
});

describe(`migration 80 (${onPostgres ? "postgres" : "sqlite"})`, () => {
  it("keeps the versions of a database made before it, and the triggers raise them after", async () => {
    const m = await createTestDb({ migrate: false, useAsAppDb: false });
    try {
      const schema = onPostgres
        ? new URL(m.url).searchParams.get("options")!.replace("-c search_path=", "")
        : undefined;
      const migrator = new Migrator({
        db: m.db,
        provider: { getMigrations: async () => migrations },
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      const to70 = await migrator.migrateTo("2026-11-30_70_comment_lang");
      expect(to70.error).toBeUndefined();
      // the triggers as the code before migration 80 installed them (one row per scope)
      const oldBump = onPostgres
        ? "on conflict (scope) do update set version = content_versions.version + 1"
        : "on conflict (scope) do update set version = version + 1";
      if (onPostgres)
        await sql
          .raw(
            `create or replace function cv_bump_all() returns trigger language plpgsql as $f$
             begin insert into content_versions (scope, version) values ('all', 1) ${oldBump};
             return null; end $f$`,
          )
          .execute(m.db);
      else
        await sql
          .raw(
            `create trigger cv_oblasts_insert after insert on oblasts begin
             insert into content_versions (scope, version) values ('all', 1) ${oldBump}; end`,
          )
          .execute(m.db);
      await sql`insert into content_versions (scope, version) values ('all', 41), ('h:7', 5)`.execute(
        m.db,
      );
      const latest = await migrator.migrateToLatest();
      expect(latest.error).toBeUndefined();
      await syncContentTriggers(m.db);
      const rows = await m.db
        .selectFrom("content_versions")
        .select(["scope", "backend", "version"])
        .orderBy("scope")
        .execute();
      expect(rows.map((r) => [r.scope, Number(r.backend), Number(r.version)])).toEqual([
        ["all", 0, 41],
        ["h:7", 0, 5],
      ]);
      await sql`insert into oblasts (slug, name_ky, name_ru) values ('ik', 'Ысык-Көл', 'Иссык-Куль')`.execute(
        m.db,
      );
      const sum = await m.db
        .selectFrom("content_versions")
        .select((eb) => eb.fn.sum<number>("version").as("v"))
        .where("scope", "=", "all")
        .executeTakeFirstOrThrow();
      expect(Number(sum.v)).toBe(42);
    } finally {
      await m.cleanup();
    }
  });
});
