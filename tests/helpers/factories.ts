/**
 * Test data made through the real tables: places, people with roles and verifications, sessions.
 */
import type { DB } from "#db/connection";
import type { RoleName } from "#db/schema";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession, generateSessionToken, SESSION_COOKIE } from "~/modules/auth/session.server";

export { seedPlaces, type SeededPlaces };

let counter = 0;
let cachedHash: string | undefined;
export const TEST_PASSWORD = "correct-horse-battery";

export interface MakeUser {
  email?: string | null;
  phone?: string | null;
  name?: string;
  municipalityId?: number | null;
  villageId?: number | null;
  isAdmin?: boolean;
  roles?: { municipalityId: number; role: RoleName }[];
  /** municipalities where the person is a verified resident, with a birth date (yyyy-mm-dd) */
  verifiedIn?: { municipalityId: number; villageId?: number | null; birthDate?: string }[];
}

export async function makeUser(db: DB, u: MakeUser = {}): Promise<number> {
  counter += 1;
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const at = new Date().toISOString();
  const { id } = await db
    .insertInto("users")
    .values({
      email: u.email === undefined ? `user${counter}-${Date.now()}@test.kg` : u.email,
      phone: u.phone ?? null,
      display_name: u.name ?? `Тест ${counter}`,
      password_hash: cachedHash,
      municipality_id: u.municipalityId ?? null,
      village_id: u.villageId ?? null,
      is_admin: u.isAdmin ? 1 : 0,
      locale: "ky",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const r of u.roles ?? []) {
    await db
      .insertInto("roles")
      .values({
        user_id: id,
        municipality_id: r.municipalityId,
        role: r.role,
        granted_by: null,
        created_at: at,
      })
      .execute();
  }
  for (const v of u.verifiedIn ?? []) {
    await db
      .insertInto("verifications")
      .values({
        user_id: id,
        municipality_id: v.municipalityId,
        village_id: v.villageId ?? null,
        person_hash: `test-${id}-${v.municipalityId}`,
        birth_date: v.birthDate ?? "1990-01-01",
        method: "in_person",
        verified_by: null,
        created_at: at,
      })
      .execute();
  }
  return id;
}

/** A signed-in session for a user: the Cookie header value to send with a Request. */
export async function sessionCookieFor(db: DB, userId: number): Promise<string> {
  const token = generateSessionToken();
  await createSession(db, token, userId);
  return `${SESSION_COOKIE}=${token}`;
}

/** A Request as Remix would hand it to a loader or action. */
export function makeRequest(
  url: string,
  init: {
    method?: string;
    cookie?: string;
    form?: Record<string, string | string[]>;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  let body: BodyInit | undefined;
  if (init.form) {
    const fd = new URLSearchParams();
    for (const [k, v] of Object.entries(init.form))
      for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
    body = fd;
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  return new Request(new URL(url, "http://localhost").toString(), {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers,
    body,
  });
}
