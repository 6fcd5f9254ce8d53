/**
 * Backup and restore of a whole Jyiyn installation: the database AND the upload folder (uploaded
 * documents and the frozen protocol files, whose SHA-256 the database keeps). One without the other
 * loses the record: a database copy without the files still lists frozen protocols whose files are
 * gone. See README "Backup and restore" and ADR 0023.
 *
 * A backup folder holds:
 *   manifest.json         format, time, dialect, and the SHA-256 and size of every file below
 *   database.sqlite       SQLite: an online, consistent copy made with SQLite's backup API
 *   database.pgdump       PostgreSQL: `pg_dump --format=custom` (pg_dump must be on PATH)
 *   uploads/<key>         every file of UPLOAD_DIR, by its storage key
 *
 * The database is copied first and the files after it: files are written before the rows that name
 * them, so the copied files are a superset of what the copied database names.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { sql } from "kysely";
import { createDb, isPostgresUrl, DEFAULT_SQLITE_PATH, type DB } from "./connection";

export const BACKUP_FORMAT = "jyiyn-backup/1";

export interface ManifestFile {
  /** path inside the backup folder, with "/" separators */
  path: string;
  sha256: string;
  /** bytes */
  size: number;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  dialect: "sqlite" | "postgres";
  database: ManifestFile;
  uploads: ManifestFile[];
  /** how many frozen protocol files and uploaded documents the database names */
  referencedFiles: number;
}

export interface BackupOptions {
  /** DATABASE_URL: a SQLite path or postgres://… */
  databaseUrl: string | undefined;
  /** UPLOAD_DIR */
  uploadDir: string;
  /** the backup folder to create; must not exist or be empty */
  outDir: string;
  /** PostgreSQL, tests only: dump this schema alone */
  pgSchema?: string;
}

export interface RestoreOptions {
  databaseUrl: string | undefined;
  uploadDir: string;
  /** a folder written by `backup` */
  fromDir: string;
  /** replace an existing database / non-empty upload folder (otherwise refused) */
  force?: boolean;
  /** PostgreSQL, tests only: the dump holds this schema alone */
  pgSchema?: string;
}

/** A refusal with the list of what is wrong (missing files, hash mismatches, an existing target). */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n  ${problems.join("\n  ")}` : message);
    this.name = "BackupError";
  }
}

function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function describe(root: string, path: string): ManifestFile {
  return {
    path: relative(root, path).split(sep).join("/"),
    sha256: sha256File(path),
    size: statSync(path).size,
  };
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

function sqliteFile(url: string | undefined): string {
  return url && url.trim() !== "" ? url.replace(/^(file|sqlite):(\/\/)?/, "") : DEFAULT_SQLITE_PATH;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error)
    throw new BackupError(`${cmd} could not be started (is it installed?)`, [String(r.error)]);
  if (r.status !== 0) throw new BackupError(`${cmd} failed`, [r.stderr.trim()]);
}

/**
 * The storage keys and SHA-256 of every file the database names: frozen protocol files, hearing
 * documents and the tariff register's scanned resolutions.
 */
async function referencedFiles(db: DB): Promise<{ key: string; sha256: string }[]> {
  const files = await db
    .selectFrom("protocol_files")
    .select(["storage_key as key", "sha256"])
    .execute();
  const docs = await db.selectFrom("documents").select(["storage_key as key", "sha256"]).execute();
  // the tariff register's scanned resolutions (entered by hand for tariffs from before the portal)
  const scans = (
    await db
      .selectFrom("tariffs")
      .select(["document_storage_key as key", "document_sha256 as sha256"])
      .where("document_storage_key", "is not", null)
      .execute()
  ).filter((r): r is { key: string; sha256: string } => !!r.key && !!r.sha256);
  return [...files, ...docs, ...scans];
}

/** What the database names that the upload folder lacks or holds changed (SHA-256 differs). */
export async function checkReferencedFiles(db: DB, uploadDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const f of await referencedFiles(db)) {
    const p = join(uploadDir, f.key);
    if (!existsSync(p)) problems.push(`missing: ${f.key}`);
    else if (sha256File(p) !== f.sha256) problems.push(`changed: ${f.key}`);
  }
  return problems;
}

async function withDb<T>(
  url: string | undefined,
  schema: string | undefined,
  fn: (db: DB) => Promise<T>,
) {
  const db = await createDb(url, schema ? { schema, max: 1 } : { max: 1 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Make a consistent online backup of the database and the upload folder into `outDir`.
 * Refuses (BackupError) when `outDir` is not empty, when pg_dump fails, or when the upload folder
 * lacks a file the database names or holds it changed — such a backup could not restore the record.
 * @returns the manifest written to `outDir/manifest.json`
 */
export async function backup(opts: BackupOptions): Promise<Manifest> {
  if (existsSync(opts.outDir) && readdirSync(opts.outDir).length > 0)
    throw new BackupError(`the backup folder ${opts.outDir} is not empty`);
  mkdirSync(opts.outDir, { recursive: true });
  const postgres = isPostgresUrl(opts.databaseUrl);
  const dbPath = join(opts.outDir, postgres ? "database.pgdump" : "database.sqlite");
  if (postgres) {
    run("pg_dump", [
      "--format=custom",
      "--no-owner",
      ...(opts.pgSchema ? ["--schema", opts.pgSchema] : []),
      "--file",
      dbPath,
      "--dbname",
      opts.databaseUrl!,
    ]);
  } else {
    const Sqlite = (await import("better-sqlite3")).default;
    const src = new Sqlite(sqliteFile(opts.databaseUrl), { readonly: true, fileMustExist: true });
    try {
      await src.backup(dbPath);
    } finally {
      src.close();
    }
  }
  const copied: ManifestFile[] = [];
  for (const file of walk(opts.uploadDir)) {
    const dest = join(opts.outDir, "uploads", relative(opts.uploadDir, file));
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(file, dest);
    copied.push(describe(opts.outDir, dest));
  }
  // every file the copied database names must be among the copied files, unchanged
  const named = postgres
    ? await withDb(opts.databaseUrl, opts.pgSchema, referencedFiles)
    : await withDb(dbPath, undefined, referencedFiles);
  const byPath = new Map(copied.map((f) => [f.path, f.sha256]));
  const problems = named
    .filter((f) => byPath.get(`uploads/${f.key}`) !== f.sha256)
    .map((f) => `${byPath.has(`uploads/${f.key}`) ? "changed" : "missing"}: ${f.key}`);
  if (problems.length) {
    rmSync(opts.outDir, { recursive: true, force: true });
    throw new BackupError(
      "the upload folder does not hold every file the database names",
      problems,
    );
  }
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    dialect: postgres ? "postgres" : "sqlite",
    database: describe(opts.outDir, dbPath),
    uploads: copied,
    referencedFiles: named.length,
  };
  writeFileSync(join(opts.outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/**
 * Check a backup folder against its manifest: every listed file present with its SHA-256, nothing
 * but the manifest's files. @returns the manifest; throws BackupError listing every problem.
 */
export function verifyBackup(dir: string): Manifest {
  const mp = join(dir, "manifest.json");
  if (!existsSync(mp)) throw new BackupError(`${dir} has no manifest.json: not a Jyiyn backup`);
  const manifest = JSON.parse(readFileSync(mp, "utf8")) as Manifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(`unknown backup format ${String(manifest.format)}`);
  const problems: string[] = [];
  const listed = [manifest.database, ...manifest.uploads];
  for (const f of listed) {
    const p = join(dir, f.path);
    if (!existsSync(p)) problems.push(`missing: ${f.path}`);
    else if (sha256File(p) !== f.sha256) problems.push(`changed: ${f.path}`);
  }
  const known = new Set([...listed.map((f) => f.path), "manifest.json"]);
  for (const p of walk(dir)) {
    const rel = relative(dir, p).split(sep).join("/");
    if (!known.has(rel)) problems.push(`not in the manifest: ${rel}`);
  }
  if (problems.length)
    throw new BackupError("the backup is not whole; nothing was restored", problems);
  return manifest;
}

/**
 * Restore a backup made by `backup`: checks every hash first and refuses a partial or changed set
 * (nothing is touched then); refuses to overwrite an existing database or a non-empty upload folder
 * unless `force`; restores the database, then the files, then re-checks that every file the
 * restored database names is present with its SHA-256.
 * @returns the manifest of the restored backup
 */
export async function restore(opts: RestoreOptions): Promise<Manifest> {
  const manifest = verifyBackup(opts.fromDir);
  const postgres = isPostgresUrl(opts.databaseUrl);
  if ((manifest.dialect === "postgres") !== postgres)
    throw new BackupError(`a ${manifest.dialect} backup cannot be restored into this database`);
  if (!opts.force && walk(opts.uploadDir).length > 0)
    throw new BackupError(
      `the upload folder ${opts.uploadDir} is not empty (use --force to replace it)`,
    );
  const dump = join(opts.fromDir, manifest.database.path);
  if (postgres) {
    const hasTables = await withDb(opts.databaseUrl, opts.pgSchema, async (db) => {
      const r = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
        where table_name = 'users' and table_schema = ${opts.pgSchema ?? "public"}`.execute(db);
      return r.rows[0].n > 0;
    });
    if (hasTables && !opts.force)
      throw new BackupError("the target database is not empty (use --force to replace it)");
    run("pg_restore", [
      "--no-owner",
      ...(hasTables ? ["--clean", "--if-exists"] : []),
      "--dbname",
      opts.databaseUrl!,
      dump,
    ]);
  } else {
    const file = sqliteFile(opts.databaseUrl);
    if (existsSync(file) && !opts.force)
      throw new BackupError(`the database file ${file} exists (use --force to replace it)`);
    mkdirSync(dirname(file), { recursive: true });
    for (const suffix of ["-wal", "-shm"]) rmSync(file + suffix, { force: true });
    copyFileSync(dump, file);
  }
  if (opts.force) rmSync(opts.uploadDir, { recursive: true, force: true });
  for (const f of manifest.uploads) {
    const dest = join(opts.uploadDir, f.path.replace(/^uploads\//, ""));
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(join(opts.fromDir, f.path), dest);
  }
  const problems = await withDb(opts.databaseUrl, opts.pgSchema, (db) =>
    checkReferencedFiles(db, opts.uploadDir),
  );
  if (problems.length)
    throw new BackupError(
      "restored, but files the database names are missing or changed",
      problems,
    );
  return manifest;
}
