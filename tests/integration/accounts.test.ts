import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "kysely";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { setClock } from "~/modules/core/clock.server";
import { makeUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { cookieFrom, invoke } from "../helpers/accounts";
import * as registerRoute from "~/routes/$lang.register";
import * as loginRoute from "~/routes/$lang.login";
import * as logoutRoute from "~/routes/$lang.logout";
import * as accountRoute from "~/routes/$lang.account._index";
import { normalizePhone, passwordProblem } from "~/modules/auth/credentials.server";

let t: TestDb;
let places: SeededPlaces;
beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  setClock(null);
  await t.db.deleteFrom("rate_limits").execute();
});

const NEW_PASSWORD = "kyzyl-alma-2026-tog";

function registerForm(over: Record<string, string> = {}) {
  return {
    login: "+996 555 12 34 56",
    password: NEW_PASSWORD,
    displayName: "Асель Бекова",
    villageId: String(places.issykKul.villages.akBulung),
    website: "",
    ...over,
  };
}

describe("credentials", () => {
  it("normalises Kyrgyz phone numbers and refuses others", () => {
    expect(normalizePhone("+996 700 12 34 56")).toBe("+996700123456");
    expect(normalizePhone("0700123456")).toBe("+996700123456");
    expect(normalizePhone("996-700-123-456")).toBe("+996700123456");
    expect(normalizePhone("+7 700 123 45 67")).toBeNull();
    expect(normalizePhone("+99670012345")).toBeNull();
  });
  it("refuses short and common passwords", () => {
    expect(passwordProblem("short")).toBe("auth:errors.passwordTooShort");
    expect(passwordProblem("qwertyuiop")).toBe("auth:errors.passwordCommon");
    expect(passwordProblem("Password123")).toBe("auth:errors.passwordCommon");
    expect(passwordProblem("1234567890")).toBe("auth:errors.passwordCommon");
    expect(passwordProblem(NEW_PASSWORD)).toBeNull();
  });
});

describe("registration", () => {
  it("creates a phone account, asks to sign in and stores an argon2id hash", async () => {
    const a = await invoke(registerRoute.action, "/ky/register", { form: registerForm() });
    expect(a.status).toBe(302);
    expect(a.location).toBe("/ky/login?registered=1&redirectTo=%2Fky%2Faccount");
    expect(a.headers.get("set-cookie")).toBeNull();
    const u = await t.db
      .selectFrom("users")
      .selectAll()
      .where("phone", "=", "+996555123456")
      .executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
    expect(u.municipality_id).toBe(places.issykKul.id);
    const signIn = await invoke(loginRoute.action, "/ky/login", {
      form: { login: "+996555123456", password: NEW_PASSWORD, redirectTo: "/ky/account" },
    });
    expect(signIn.status).toBe(302);
    const setCookie = signIn.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const page = await invoke(accountRoute.loader, "/ky/account", { cookie: cookieFrom(signIn) });
    expect(page.data.user.phone).toBe("+996555123456");
    const log = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.register")
      .execute();
    expect(log.some((l) => l.target_id === String(u.id) && l.ip === "10.0.0.1")).toBe(true);
  });

  it("answers 400 with localized field errors and keeps what was typed", async () => {
    const a = await invoke(registerRoute.action, "/ru/register", {
      form: registerForm({ login: "12345", password: "qwertyuiop", displayName: "Жаныл" }),
    });
    expect(a.status).toBe(400);
    expect(a.data.errors.password[0]).toMatch(/распространён/);
    expect(a.data.values.displayName).toBe("Жаныл");
    expect(a.data.values.password).toBeUndefined();
    const b = await invoke(registerRoute.action, "/ky/register", {
      form: registerForm({ login: "12345", displayName: "Жаныл" }),
    });
    expect(b.status).toBe(400);
    expect(b.data.errors.login[0]).toMatch(/\+996/);
  });

  it("answers a taken login exactly as a new one, and tells the owner instead", async () => {
    const owner = await makeUser(t.db, { email: "taken@test.kg" });
    const phoneOwner = await makeUser(t.db, { email: null, phone: "+996555987654" });
    const fresh = await invoke(registerRoute.action, "/ru/register", {
      form: registerForm({ login: "fresh@test.kg" }),
    });
    const taken = await invoke(registerRoute.action, "/ru/register", {
      form: registerForm({ login: "TAKEN@test.kg", password: "someone-elses-password-1" }),
    });
    const takenPhone = await invoke(registerRoute.action, "/ru/register", {
      form: registerForm({ login: "0555 98 76 54" }),
    });
    for (const r of [taken, takenPhone]) {
      expect(r.status).toBe(fresh.status);
      expect(r.location).toBe(fresh.location);
      expect(r.headers.get("set-cookie")).toBe(fresh.headers.get("set-cookie"));
      expect(r.data).toEqual(fresh.data);
    }
    // the owner's password is unchanged, and the owner is told
    const signIn = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "taken@test.kg", password: TEST_PASSWORD },
    });
    expect(signIn.status).toBe(302);
    const mail = await t.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", "taken@test.kg")
      .where("kind", "=", "register_attempt")
      .execute();
    expect(mail).toHaveLength(1);
    const note = await t.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", phoneOwner)
      .where("kind", "=", "register_attempt")
      .execute();
    expect(note).toHaveLength(1);
    const users = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "taken@test.kg")
      .execute();
    expect(users.map((u) => u.id)).toEqual([owner]);
  });

  it("refuses an unknown village", async () => {
    const b = await invoke(registerRoute.action, "/ru/register", {
      form: registerForm({ login: "new1@test.kg", villageId: "99999" }),
    });
    expect(b.status).toBe(400);
    expect(b.data.errors.villageId).toBeDefined();
  });

  it("parallel registrations of one new login make one account and no error", async () => {
    const all = await Promise.all(
      Array.from({ length: 5 }, () =>
        invoke(registerRoute.action, "/ru/register", {
          form: registerForm({ login: "race@test.kg" }),
        }),
      ),
    );
    for (const r of all) expect(r.status).toBe(302);
    const users = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "race@test.kg")
      .execute();
    expect(users).toHaveLength(1);
  });

  it("quietly refuses a filled honeypot", async () => {
    const a = await invoke(registerRoute.action, "/ky/register", {
      form: registerForm({ login: "bot@test.kg", website: "http://spam" }),
    });
    expect(a.status).toBe(302);
    expect(a.headers.get("set-cookie")).toBeNull();
    const u = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "bot@test.kg")
      .execute();
    expect(u).toHaveLength(0);
  });
});

describe("sign-in", () => {
  it("signs in by email or phone and writes the audit log", async () => {
    await makeUser(t.db, { email: "sign@test.kg" });
    await makeUser(t.db, { email: null, phone: "+996700999888" });
    const a = await invoke(loginRoute.action, "/ky/login", {
      form: { login: "Sign@Test.kg", password: TEST_PASSWORD, redirectTo: "/ky/m/x" },
    });
    expect(a.status).toBe(302);
    expect(a.location).toBe("/ky/m/x");
    const b = await invoke(loginRoute.action, "/ky/login", {
      form: { login: "0700 999 888", password: TEST_PASSWORD, redirectTo: "//evil.example" },
    });
    expect(b.status).toBe(302);
    expect(b.location).toBe("/ky");
    const log = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "auth.signIn")
      .execute();
    expect(log.length).toBeGreaterThanOrEqual(2);
  });

  it("gives the same answer for a wrong password and a missing account", async () => {
    await makeUser(t.db, { email: "same@test.kg" });
    const wrong = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "same@test.kg", password: "not-the-password" },
    });
    const missing = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "nobody@test.kg", password: "not-the-password" },
    });
    expect(wrong.status).toBe(400);
    expect(missing.status).toBe(400);
    expect(wrong.data.errors).toEqual(missing.data.errors);
    expect(wrong.data.errors._form[0]).toBe("Неверный логин или пароль.");
    const failed = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.signInFailed")
      .execute();
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });

  it("10 failed sign-ins from one address: that address gets 429 with Retry-After, the owner elsewhere does not", async () => {
    await makeUser(t.db, { email: "limit@test.kg" });
    for (let i = 0; i < 10; i++) {
      const r = await invoke(loginRoute.action, "/ky/login", {
        form: { login: "limit@test.kg", password: `wrong-${i}-password` },
        ip: "10.1.0.1",
      });
      expect(r.status).toBe(400);
    }
    // even the right password is refused now, from that address
    const r = await invoke(loginRoute.action, "/ky/login", {
      form: { login: "limit@test.kg", password: TEST_PASSWORD },
      ip: "10.1.0.1",
    });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(r.data.errors._form[0]).toMatch(/мүнөттөн кийин/);
    // the owner, from another address, is not locked out (OWASP: no hard lock of the account)
    const owner = await invoke(loginRoute.action, "/ky/login", {
      form: { login: "limit@test.kg", password: TEST_PASSWORD },
      ip: "10.9.9.9",
    });
    expect(owner.status).toBe(302);
    // after 15 minutes the first address may try again (rate-limit windows follow Date.now())
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 16 * 60_000);
      const later = await invoke(loginRoute.action, "/ky/login", {
        form: { login: "limit@test.kg", password: TEST_PASSWORD },
        ip: "10.1.0.1",
      });
      expect(later.status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });

  it("failures spread over many addresses never lock the account: the right password still works", async () => {
    await makeUser(t.db, { email: "spread@test.kg" });
    for (let i = 0; i < 11; i++) {
      const r = await invoke(loginRoute.action, "/ru/login", {
        form: { login: "spread@test.kg", password: `wrong-${i}-password` },
        ip: `10.4.0.${i}`,
      });
      expect(r.status).toBe(400);
    }
    const owner = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "spread@test.kg", password: TEST_PASSWORD },
      ip: "10.4.1.1",
    });
    expect(owner.status).toBe(302);
  });

  it("counts parallel guesses atomically: of 40 at once from one address, at most 10 are checked", async () => {
    await makeUser(t.db, { email: "parallel@test.kg" });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        invoke(loginRoute.action, "/ru/login", {
          form: { login: "parallel@test.kg", password: `parallel-wrong-${i}` },
          ip: "10.5.5.5",
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const checked = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "auth.signInFailed")
      .where("ip", "=", "10.5.5.5")
      .executeTakeFirstOrThrow();
    expect(Number(checked.n)).toBe(10);
    for (const r of results.filter((x) => x.status === 429))
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 429 after 100 failed sign-ins from one address (a wider per-address limit)", async () => {
    for (let i = 0; i < 100; i++)
      await invoke(loginRoute.action, "/ru/login", {
        form: { login: `spray${i}@test.kg`, password: "whatever-password" },
        ip: "10.2.2.2",
      });
    await makeUser(t.db, { email: "victim@test.kg" });
    const r = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "victim@test.kg", password: TEST_PASSWORD },
      ip: "10.2.2.2",
    });
    expect(r.status).toBe(429);
    expect(r.data.errors._form[0]).toMatch(/Слишком много попыток/);
    const other = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "victim@test.kg", password: TEST_PASSWORD },
      ip: "10.3.3.3",
    });
    expect(other.status).toBe(302);
  });
});

describe("sessions and password", () => {
  it("lists sessions, revokes one, changes the password and signs out everywhere", async () => {
    const id = await makeUser(t.db, { email: "sess@test.kg" });
    const c1 = await sessionCookieFor(t.db, id);
    const c2 = await sessionCookieFor(t.db, id);
    const page = await invoke(accountRoute.loader, "/ru/account", { cookie: c1 });
    expect(page.data.sessions).toHaveLength(2);
    const other = page.data.sessions.find((s: { current: boolean }) => !s.current);
    const rv = await invoke(accountRoute.action, "/ru/account", {
      cookie: c1,
      form: { intent: "revoke", handle: other.handle },
    });
    expect(rv.status).toBe(200);
    const gone = await invoke(accountRoute.loader, "/ru/account", { cookie: c2 });
    expect(gone.status).toBe(302);
    expect(gone.location).toMatch(/^\/ru\/login/);

    const c3 = await sessionCookieFor(t.db, id);
    const bad = await invoke(accountRoute.action, "/ru/account", {
      cookie: c1,
      form: { intent: "password", currentPassword: "nope-nope-nope", newPassword: NEW_PASSWORD },
    });
    expect(bad.status).toBe(400);
    const ok = await invoke(accountRoute.action, "/ru/account", {
      cookie: c1,
      form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(ok.data.ok).toBe(true);
    expect((await invoke(accountRoute.loader, "/ru/account", { cookie: c3 })).status).toBe(302);
    expect((await invoke(accountRoute.loader, "/ru/account", { cookie: c1 })).status).toBe(200);

    await sessionCookieFor(t.db, id);
    const all = await invoke(accountRoute.action, "/ru/account", {
      cookie: c1,
      form: { intent: "signOutEverywhere" },
    });
    expect(all.status).toBe(302);
    const left = await t.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute();
    expect(left).toHaveLength(0);
    const ev = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_user_id", "=", id)
      .execute();
    expect(ev.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "auth.sessionRevoked",
        "auth.passwordChanged",
        "auth.signOutEverywhere",
      ]),
    );
  });

  it("signs out with POST and clears the cookie", async () => {
    const id = await makeUser(t.db);
    const c = await sessionCookieFor(t.db, id);
    const r = await invoke(logoutRoute.action, "/ky/logout", { cookie: c, method: "POST" });
    expect(r.status).toBe(302);
    expect(r.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await invoke(accountRoute.loader, "/ky/account", { cookie: c })).status).toBe(302);
  });

  it("stores only the SHA-256 of the session token", async () => {
    const id = await makeUser(t.db);
    const c = await sessionCookieFor(t.db, id);
    const token = c.split("=")[1];
    const rows = await t.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute();
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].id).not.toContain(token);
  });
});

describe("what the database holds", () => {
  it("argon2id password hashes only, no ПИН in clear in any text column", async () => {
    const { seedAccounts, DEMO_REGISTRY } = await import("~/modules/demo/accounts");
    const fresh = await createTestDb({ useAsAppDb: false });
    try {
      const p = await seedPlaces(fresh.db, new Date().toISOString());
      await seedAccounts(fresh.db, p, new Date(), "a-secret-for-this-test-0123");
      const users = await fresh.db.selectFrom("users").select("password_hash").execute();
      expect(users.length).toBeGreaterThan(0);
      for (const u of users)
        expect(u.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const pins = DEMO_REGISTRY.map((r) => r.pin);
      const tables =
        fresh.dialect === "postgres"
          ? (
              await sql<{ table_name: string; column_name: string }>`
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and data_type = 'text'`.execute(fresh.db)
            ).rows
          : (
              await sql<{ table_name: string; column_name: string }>`
                select m.name as table_name, c.name as column_name
                from sqlite_master m join pragma_table_info(m.name) c
                where m.type = 'table' and upper(c.type) = 'TEXT'`.execute(fresh.db)
            ).rows;
      expect(tables.length).toBeGreaterThan(20);
      for (const { table_name, column_name } of tables) {
        const rows = await sql<{
          v: string | null;
        }>`select ${sql.ref(column_name)} as v from ${sql.table(table_name)}`.execute(fresh.db);
        for (const r of rows.rows)
          for (const pin of pins)
            expect(String(r.v ?? ""), `${table_name}.${column_name}`).not.toContain(pin);
      }
    } finally {
      await fresh.cleanup();
    }
  });
});
