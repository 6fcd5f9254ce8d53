/**
 * Session validation (app/modules/auth/session.server.ts) on a real database: the session, its
 * person, then roles and active verifications in one read; what a signed-in request knows about
 * its person is exactly what the database holds.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import {
  createSession,
  generateSessionToken,
  loadSessionUser,
  sessionIdFromToken,
  validateSessionToken,
} from "~/modules/auth/session.server";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { createTestDb, onPostgres, type TestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

let t: TestDb;
let places: SeededPlaces;
beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
});
afterEach(() => setClock(null));
afterAll(() => t.cleanup());

describe(`sessions (${onPostgres ? "postgres" : "sqlite"})`, () => {
  it("a session id is the SHA-256 (hex) of the cookie token", () => {
    expect(sessionIdFromToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    const token = generateSessionToken();
    expect(sessionIdFromToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("knows the person's roles and active verifications only, with birth dates", async () => {
    const a = places.issykKul.id;
    const b = places.saryOi.id;
    const id = await makeUser(t.db, {
      name: "Айгүл",
      roles: [
        { municipalityId: a, role: "official" },
        { municipalityId: b, role: "council_member" },
      ],
      verifiedIn: [
        { municipalityId: a, birthDate: "1990-05-09" },
        { municipalityId: b, birthDate: "1991-01-02" },
      ],
    });
    await t.db
      .updateTable("verifications")
      .set({ revoked_at: new Date().toISOString() })
      .where("user_id", "=", id)
      .where("municipality_id", "=", b)
      .execute();
    const token = generateSessionToken();
    await createSession(t.db, token, id);
    const s = (await validateSessionToken(t.db, token))!;
    expect(s.session.userId).toBe(id);
    expect(s.user).toMatchObject({ id, displayName: "Айгүл", isAdmin: false, locale: "ky" });
    expect(s.user.roles).toEqual(
      expect.arrayContaining([
        { municipalityId: a, role: "official" },
        { municipalityId: b, role: "council_member" },
      ]),
    );
    expect(s.user.roles).toHaveLength(2);
    expect(s.user.verifiedIn).toEqual([a]);
    expect(s.user.birthDates).toEqual({ [a]: "1990-05-09" });
    expect(await loadSessionUser(t.db, id)).toEqual(s.user);

    const plain = await makeUser(t.db, { isAdmin: true });
    expect(await loadSessionUser(t.db, plain)).toMatchObject({
      isAdmin: true,
      roles: [],
      verifiedIn: [],
      birthDates: {},
    });
    expect(await loadSessionUser(t.db, 2_000_000)).toBeNull();
  });

  it("refuses an unknown token and deletes an expired session", async () => {
    expect(await validateSessionToken(t.db, generateSessionToken())).toBeNull();
    const id = await makeUser(t.db);
    const token = generateSessionToken();
    await createSession(t.db, token, id);
    setClock(new Date(Date.now() + 31 * 24 * 3600 * 1000).toISOString());
    expect(await validateSessionToken(t.db, token)).toBeNull();
    const left = await t.db
      .selectFrom("sessions")
      .select("id")
      .where("id", "=", sessionIdFromToken(token))
      .execute();
    expect(left).toEqual([]);
  });
});
