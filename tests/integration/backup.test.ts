/**
 * Backup and restore round trip on the test's database (SQLite file or PostgreSQL schema): a
 * hearing with an approved, frozen protocol is backed up with its upload folder, the data is lost,
 * the backup is restored, and the frozen files' hashes verify again. A partial or changed backup is
 * refused before anything is touched; /healthz reports "degraded" when frozen files are missing.
 */
import { toBishkekDateInput } from "~/modules/format/time";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { backup, BackupError, restore, verifyBackup } from "#db/backup";
import { createDb } from "#db/connection";
import { setDbForTests } from "~/modules/core/db.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import { resetFrozenFilesHealthCache } from "~/modules/protocol/health.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { loader as healthz } from "~/routes/healthz";
import { createTestDb, onPostgres, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

/** The council resolution date: today in Bishkek (between the close, a day ago, and today). */
const RESOLUTION_DATE = toBishkekDateInput(new Date());

let t: TestDb;
let w: ProtocolWorld;
let dir: string;
let uploads: string;
let dbUrl: string;
let schema: string | undefined;

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

async function frozenFiles(db = t.db) {
  return db.selectFrom("protocol_files").select(["storage_key", "sha256"]).execute();
}

beforeAll(async () => {
  setEnvForTests({ PUBLIC_URL: "https://jyiyn.test" });
  dir = mkdtempSync(join(tmpdir(), "jyiyn-backup-"));
  uploads = join(dir, "uploads");
  setStorageForTests(new DiskStorage(uploads));
  t = await createTestDb();
  if (onPostgres) {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(t.db);
    schema = r.rows[0].s;
    dbUrl = process.env.TEST_POSTGRES_URL!;
  } else {
    const r = await sql<{
      file: string;
    }>`select file from pragma_database_list where name = 'main'`.execute(t.db);
    dbUrl = r.rows[0].file;
  }
  w = await createProtocolWorld(t.db);
  const official = (await loadSessionUser(t.db, w.official))!;
  const secretary = (await loadSessionUser(t.db, w.secretary))!;
  await saveDraft(t.db, official, w.tariffHearing, {
    chairName: "Бакыт Өмүрбеков",
    secretaryName: "Айнура Үсөнова",
    conclusionsKy: "Тарифти бекитүү сунушталат.",
    conclusionsRu: "Рекомендуется утвердить тариф.",
  });
  const { protocolId } = await submitProtocol(t.db, official, w.tariffHearing);
  await decideProtocol(t.db, secretary, protocolId, {
    decision: "approve",
    resolutionNumber: "14/3",
    resolutionDate: RESOLUTION_DATE,
  });
}, 60_000);

afterAll(async () => {
  // t.db was replaced by the restored database's handle: close it and drop what the test made
  await t.db.destroy();
  if (onPostgres) {
    const admin = await createDb(dbUrl, { max: 1 });
    await sql`drop schema if exists ${sql.id(schema!)} cascade`.execute(admin);
    await admin.destroy();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("round-trips a hearing with an approved protocol; the frozen files verify again", async () => {
    const files = await frozenFiles();
    expect(files.length).toBe(4); // PDF and DOCX, ky and ru
    const out = join(dir, "backup-1");
    const manifest = await backup({
      databaseUrl: dbUrl,
      uploadDir: uploads,
      outDir: out,
      pgSchema: schema,
    });
    expect(manifest.dialect).toBe(onPostgres ? "postgres" : "sqlite");
    expect(manifest.referencedFiles).toBeGreaterThanOrEqual(4);
    for (const f of files)
      expect(manifest.uploads.find((u) => u.path === `uploads/${f.storage_key}`)?.sha256).toBe(
        f.sha256,
      );
    expect(() => verifyBackup(out)).not.toThrow();

    // the data is lost: the database and the upload folder
    await t.db.destroy();
    if (onPostgres) {
      const admin = await createDb(dbUrl, { max: 1 });
      await sql`drop schema ${sql.id(schema!)} cascade`.execute(admin);
      await admin.destroy();
    } else {
      for (const s of ["", "-wal", "-shm"]) rmSync(dbUrl + s, { force: true });
    }
    rmSync(uploads, { recursive: true, force: true });

    await restore({ databaseUrl: dbUrl, uploadDir: uploads, fromDir: out, pgSchema: schema });
    t.db = await createDb(dbUrl, onPostgres ? { schema, max: 2 } : {});
    setDbForTests(t.db);
    const back = await frozenFiles();
    expect(back).toEqual(files);
    for (const f of back) expect(sha(join(uploads, f.storage_key))).toBe(f.sha256);
    const h = await t.db
      .selectFrom("hearings")
      .select("protocol_state")
      .where("id", "=", w.tariffHearing)
      .executeTakeFirstOrThrow();
    expect(h.protocol_state).toBe("approved");
  }, 60_000);

  it("refuses a backup with a missing or changed file, and touches nothing", async () => {
    const out = join(dir, "backup-2");
    await backup({ databaseUrl: dbUrl, uploadDir: uploads, outDir: out, pgSchema: schema });
    const target = join(dir, "restore-target");
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const pdf = manifest.uploads.find((u: { path: string }) => u.path.endsWith(".pdf")).path;

    writeFileSync(join(out, pdf), "changed by somebody");
    await expect(
      restore({ databaseUrl: join(target, "x.sqlite"), uploadDir: target, fromDir: out }),
    ).rejects.toThrow(/changed: uploads\//);
    unlinkSync(join(out, pdf));
    const refusal = await restore({
      databaseUrl: join(target, "x.sqlite"),
      uploadDir: target,
      fromDir: out,
    }).catch((e) => e);
    expect(refusal).toBeInstanceOf(BackupError);
    expect((refusal as BackupError).problems).toContain(`missing: ${pdf}`);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses to make a backup whose upload folder lacks a frozen file", async () => {
    const [f] = await frozenFiles();
    const keep = readFileSync(join(uploads, f.storage_key));
    unlinkSync(join(uploads, f.storage_key));
    try {
      await expect(
        backup({
          databaseUrl: dbUrl,
          uploadDir: uploads,
          outDir: join(dir, "backup-3"),
          pgSchema: schema,
        }),
      ).rejects.toThrow(`missing: ${f.storage_key}`);
      expect(existsSync(join(dir, "backup-3"))).toBe(false);

      // and /healthz says so
      resetFrozenFilesHealthCache();
      const res = await healthz();
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ status: "degraded", database: "ok", files: { missing: 1 } });
      expect(body.files.examples).toEqual([f.storage_key]);
    } finally {
      writeFileSync(join(uploads, f.storage_key), keep);
    }
    resetFrozenFilesHealthCache();
    expect(await (await healthz()).json()).toMatchObject({ status: "ok", files: { listed: 4 } });
  });
});
