/**
 * Residence verification: the resident list import (chunked, with progress), verification by ПИН
 * and birth date (5 failed attempts in an hour lock it), in-person verification and revocation by
 * an official. Only HMAC-SHA256(ПИН|birth date) is stored, never the ПИН.
 */
import type { DB } from "#db/connection";
import { audit } from "../audit/audit.server";
import { nowIso } from "../core/clock.server";
import { env } from "../core/env.server";
import { DomainError } from "../core/errors";
import { loginKey, parseLogin } from "../auth/credentials.server";
import {
  forgiveAttempt,
  LIMITS,
  takeAttempt,
  type LimitState,
} from "../ratelimit/ratelimit.server";
import { checkRegistryRows, type CsvRow } from "./csv.server";
import { villagesOf } from "./queries.server";
import { readRegistryFile } from "./registry-file.server";
import { birthDateFromPin, personHash } from "./hash.server";

export interface Meta {
  ip?: string | null;
}

export const IMPORT_CHUNK = 500;
/** rejected rows kept with their line numbers (the count is always complete) */
export const MAX_KEPT_ERRORS = 1000;

/**
 * Read the uploaded list (CSV in UTF-8 or Windows-1251, or .xlsx: `readRegistryFile`), validate
 * every row, record an import row with its total, then store the good rows in chunks (updating
 * processed_rows after each, so the status page shows progress). Returns at once with the import
 * id; `done` settles when every chunk is stored (the route does not wait for it).
 * Refusals (DomainError 400, field "file"): `residents:errors.file_xls` (Excel 97–2003),
 * `residents:errors.file_encoding` (neither UTF-8 nor Windows-1251), `residents:errors.file_unreadable`.
 */
export async function startRegistryImport(
  db: DB,
  officialId: number,
  municipalityId: number,
  file: { name: string; bytes: Uint8Array },
  meta: Meta,
): Promise<{ importId: number; done: Promise<void> }> {
  const read = await readRegistryFile(file.name, file.bytes);
  if (!read.ok) throw new DomainError(`residents:errors.file_${read.problem}`, {}, 400, "file");
  const parsed = checkRegistryRows(read.rows, await villagesOf(db, municipalityId));
  const at = nowIso();
  const { id } = await db
    .insertInto("registry_imports")
    .values({
      municipality_id: municipalityId,
      uploaded_by: officialId,
      file_name: file.name.slice(0, 200) || "residents.csv",
      status: "running",
      total_rows: parsed.total,
      processed_rows: parsed.errors.length,
      accepted_rows: 0,
      rejected_rows: parsed.errors.length,
      errors_json: JSON.stringify(parsed.errors.slice(0, MAX_KEPT_ERRORS)),
      created_at: at,
      finished_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(db, {
    actorUserId: officialId,
    municipalityId,
    action: "registry.import",
    targetType: "registry_import",
    targetId: id,
    ip: meta.ip,
    details: { file: file.name, rows: parsed.total, rejected: parsed.errors.length },
  });
  const done = runImport(db, id, municipalityId, parsed.rows).catch(async (error) => {
    await db
      .updateTable("registry_imports")
      .set({ status: "failed", finished_at: nowIso() })
      .where("id", "=", id)
      .execute();
    throw error;
  });
  return { importId: id, done };
}

async function runImport(db: DB, importId: number, municipalityId: number, rows: CsvRow[]) {
  const secret = env().registrySecret;
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
    const chunk = rows.slice(i, i + IMPORT_CHUNK);
    const at = nowIso();
    // one row per person in a chunk (PostgreSQL refuses to update a row twice in one statement)
    const unique = new Map<string, CsvRow>();
    for (const r of chunk) unique.set(personHash(r.pin, r.birthDate, secret), r);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("registry_entries")
        .values(
          [...unique].map(([hash, r]) => ({
            municipality_id: municipalityId,
            village_id: r.villageId,
            person_hash: hash,
            birth_date: r.birthDate,
            import_id: importId,
            created_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["municipality_id", "person_hash"]).doUpdateSet((eb) => ({
            village_id: eb.ref("excluded.village_id"),
            import_id: eb.ref("excluded.import_id"),
          })),
        )
        .execute();
      await trx
        .updateTable("registry_imports")
        .set((eb) => ({
          processed_rows: eb("processed_rows", "+", chunk.length),
          accepted_rows: eb("accepted_rows", "+", chunk.length),
        }))
        .where("id", "=", importId)
        .execute();
    });
    // let other requests through between chunks
    await new Promise((r) => setImmediate(r));
  }
  await db
    .updateTable("registry_imports")
    .set({ status: "done", finished_at: nowIso() })
    .where("id", "=", importId)
    .execute();
}

// ---- verification by the resident -------------------------------------------------------------

/**
 * A resident verifies their residence with ПИН and birth date against the municipality's registry
 * (the ПИН is compared as an HMAC, never stored).
 *
 * Outcomes: a live `registry` verification. Refusals (DomainError, 400 at `_form` unless said):
 * `residents:errors.noMunicipality`; 429 `residents:errors.locked` (too many failed tries;
 * `retryAfter` set); `residents:errors.alreadyVerified`; `residents:errors.notInList` and
 * `residents:errors.personTaken` (failed tries: they keep their count and are audited — outside
 * the transaction on purpose, so the refusal cannot roll them back). "Already verified" and
 * "person taken" are checked again inside the transaction that inserts.
 */
export async function verifyResident(
  db: DB,
  userId: number,
  input: { pin: string; birthDate: string },
  meta: Meta,
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["municipality_id"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const m = user.municipality_id;
  if (!m) throw new DomainError("residents:errors.noMunicipality");
  const key = String(userId);
  // counted before the registry is consulted (atomically: parallel guesses cannot pass together);
  // only failures keep their count
  const locked = await takeAttempt(db, LIMITS.verifyAccount, key);
  if (locked.limited) throw lockedError(locked);
  const hash = personHash(input.pin, input.birthDate, env().registrySecret);
  const live = (q: DB) =>
    q
      .selectFrom("verifications")
      .select("id")
      .where("user_id", "=", userId)
      .where("municipality_id", "=", m)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
  const taken = (q: DB) =>
    q
      .selectFrom("verifications")
      .select("id")
      .where("municipality_id", "=", m)
      .where("person_hash", "=", hash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
  if (await live(db)) {
    await forgiveAttempt(db, LIMITS.verifyAccount, key);
    throw new DomainError("residents:errors.alreadyVerified");
  }

  const entry =
    birthDateFromPin(input.pin) === input.birthDate
      ? await db
          .selectFrom("registry_entries")
          .select(["village_id", "birth_date"])
          .where("municipality_id", "=", m)
          .where("person_hash", "=", hash)
          .executeTakeFirst()
      : undefined;
  const fail = async (error: string): Promise<never> => {
    await audit(db, {
      actorUserId: userId,
      municipalityId: m,
      action: "verification.failed",
      targetType: "user",
      targetId: userId,
      ip: meta.ip,
      details: { reason: error.split(".").pop() },
    });
    throw new DomainError(error);
  };
  if (!entry) return fail("residents:errors.notInList");
  if (await taken(db)) return fail("residents:errors.personTaken");
  await db.transaction().execute(async (trx) => {
    if (await live(trx)) throw new DomainError("residents:errors.alreadyVerified");
    if (await taken(trx)) throw new DomainError("residents:errors.personTaken");
    const { id } = await trx
      .insertInto("verifications")
      .values({
        user_id: userId,
        municipality_id: m,
        village_id: entry.village_id,
        person_hash: hash,
        birth_date: entry.birth_date,
        method: "registry",
        verified_by: null,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: userId,
      municipalityId: m,
      action: "verification.registry",
      targetType: "verification",
      targetId: id,
      ip: meta.ip,
    });
  });
  await forgiveAttempt(db, LIMITS.verifyAccount, key);
}

/** 429 `residents:errors.locked` with the minutes to wait and Retry-After. */
function lockedError(locked: LimitState): DomainError {
  return new DomainError(
    "residents:errors.locked",
    { count: Math.ceil(locked.retryAfter / 60) },
    429,
    "_form",
    [],
    locked.retryAfter,
  );
}

// ---- by an official ---------------------------------------------------------------------------

/**
 * Verify a resident who came in person (the official reads ПИН and birth date off the ID).
 *
 * Outcomes: a live `in_person` verification. Refusals (DomainError, 400 at `_form`):
 * `residents:errors.loginInvalid`, `residents:errors.accountNotHere` (no such account in this
 * municipality), `residents:errors.birthDateMismatch` (the ПИН encodes another date),
 * `residents:errors.alreadyVerified`, `residents:errors.personTaken` — all inside the transaction.
 */
export async function verifyInPerson(
  db: DB,
  officialId: number,
  municipalityId: number,
  input: { login: string; pin: string; birthDate: string },
  meta: Meta,
): Promise<void> {
  const login = parseLogin(input.login);
  if (!login) throw new DomainError("residents:errors.loginInvalid");
  if (birthDateFromPin(input.pin) !== input.birthDate)
    throw new DomainError("residents:errors.birthDateMismatch");
  const hash = personHash(input.pin, input.birthDate, env().registrySecret);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "municipality_id", "village_id"])
      .where(login.kind === "email" ? "email" : "phone", "=", loginKey(login))
      .executeTakeFirst();
    if (!user || user.municipality_id !== municipalityId)
      throw new DomainError("residents:errors.accountNotHere");
    const clash = await trx
      .selectFrom("verifications")
      .select(["id", "user_id"])
      .where("municipality_id", "=", municipalityId)
      .where("revoked_at", "is", null)
      .where((eb) => eb.or([eb("person_hash", "=", hash), eb("user_id", "=", user.id)]))
      .execute();
    if (clash.some((c) => c.user_id === user.id))
      throw new DomainError("residents:errors.alreadyVerified");
    if (clash.length) throw new DomainError("residents:errors.personTaken");
    const { id } = await trx
      .insertInto("verifications")
      .values({
        user_id: user.id,
        municipality_id: municipalityId,
        village_id: user.village_id,
        person_hash: hash,
        birth_date: input.birthDate,
        method: "in_person",
        verified_by: officialId,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: officialId,
      municipalityId,
      action: "verification.inPerson",
      targetType: "user",
      targetId: user.id,
      ip: meta.ip,
      details: { verificationId: id },
    });
  });
}

export async function revokeVerification(
  db: DB,
  officialId: number,
  municipalityId: number,
  verificationId: number,
  reason: string,
  meta: Meta,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("verifications")
      .set({ revoked_at: nowIso(), revoked_by: officialId, revoke_reason: reason.trim() || null })
      .where("id", "=", verificationId)
      .where("municipality_id", "=", municipalityId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await audit(trx, {
      actorUserId: officialId,
      municipalityId,
      action: "verification.revoke",
      targetType: "verification",
      targetId: verificationId,
      ip: meta.ip,
      details: { reason },
    });
    return true;
  });
}
