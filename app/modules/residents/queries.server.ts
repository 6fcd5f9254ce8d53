/**
 * Read models for residence verification: the municipality's villages (to check imported rows),
 * an import's progress, the live verifications and the registry figures on the office page.
 * Pure reads; the commands in commands.server.ts call them (with their transaction where the read
 * guards a write).
 */
import type { DB } from "#db/connection";
import type { CsvError } from "./csv.server";

/**
 * The municipality's villages with their names in both languages (`names: [ky, ru]`), as the
 * resident-list check (`checkRegistryRows`) matches a row's village against them.
 */
export async function villagesOf(db: DB, municipalityId: number) {
  const rows = await db
    .selectFrom("villages")
    .select(["id", "name_ky", "name_ru"])
    .where("municipality_id", "=", municipalityId)
    .execute();
  return rows.map((v) => ({ id: v.id, names: [v.name_ky, v.name_ru] }));
}

/** An import of the resident list as its status page shows it (counts are rows of the file). */
export interface ImportView {
  id: number;
  municipalityId: number;
  fileName: string;
  status: "running" | "done" | "failed";
  total: number;
  processed: number;
  accepted: number;
  rejected: number;
  errors: CsvError[];
  createdAt: string;
  finishedAt: string | null;
}

/** One import by id, or null when there is none (the route checks its municipality). */
export async function getImport(db: DB, id: number): Promise<ImportView | null> {
  const r = await db
    .selectFrom("registry_imports")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    municipalityId: r.municipality_id,
    fileName: r.file_name,
    status: r.status,
    total: r.total_rows,
    processed: r.processed_rows,
    accepted: r.accepted_rows,
    rejected: r.rejected_rows,
    errors: JSON.parse(r.errors_json) as CsvError[],
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** A live verification as the office list shows it; `village` in the page's language. */
export interface VerificationRow {
  id: number;
  userId: number;
  displayName: string;
  login: string;
  village: string | null;
  method: "registry" | "in_person";
  verifiedBy: string | null;
  createdAt: string;
}

/**
 * The municipality's live (not revoked) verifications, newest first, at most 500; `login` is the
 * e-mail or else the phone, `verifiedBy` the official's display name for in-person ones.
 */
export async function listVerifications(
  db: DB,
  municipalityId: number,
  lang: "ky" | "ru",
): Promise<VerificationRow[]> {
  const rows = await db
    .selectFrom("verifications as v")
    .innerJoin("users as u", "u.id", "v.user_id")
    .leftJoin("users as o", "o.id", "v.verified_by")
    .leftJoin("villages as vl", "vl.id", "v.village_id")
    .select([
      "v.id",
      "v.user_id",
      "v.method",
      "v.created_at",
      "u.display_name",
      "u.email",
      "u.phone",
      "o.display_name as official",
      "vl.name_ky",
      "vl.name_ru",
    ])
    .where("v.municipality_id", "=", municipalityId)
    .where("v.revoked_at", "is", null)
    .orderBy("v.id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    login: r.email ?? r.phone ?? "",
    village: (lang === "ky" ? r.name_ky : r.name_ru) ?? null,
    method: r.method,
    verifiedBy: r.official,
    createdAt: r.created_at,
  }));
}

/**
 * The registry figures on the office page: how many people the resident list holds (`entries`)
 * and the last 10 imports, newest first (raw rows: id, file_name, status, total_rows,
 * rejected_rows, created_at).
 */
export async function registryStats(db: DB, municipalityId: number) {
  const r = await db
    .selectFrom("registry_entries")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("municipality_id", "=", municipalityId)
    .executeTakeFirstOrThrow();
  const imports = await db
    .selectFrom("registry_imports")
    .select(["id", "file_name", "status", "total_rows", "rejected_rows", "created_at"])
    .where("municipality_id", "=", municipalityId)
    .orderBy("id", "desc")
    .limit(10)
    .execute();
  return { entries: Number(r.n), imports };
}
