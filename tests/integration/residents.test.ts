import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { setClock } from "~/modules/core/clock.server";
import { env } from "~/modules/core/env.server";
import { personHash } from "~/modules/residents/hash.server";
import { parseRegistryCsv } from "~/modules/residents/csv.server";
import { getImport, startRegistryImport } from "~/modules/residents/commands.server";
import { makeUser, sessionCookieFor } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { invoke } from "../helpers/accounts";
import * as verifyRoute from "~/routes/$lang.account.verify";
import * as officeRoute from "~/routes/$lang.office_.residents._index";
import * as importRoute from "~/routes/$lang.office_.residents.imports.$id";

let t: TestDb;
let places: SeededPlaces;
let official: number;
beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
  official = await makeUser(t.db, {
    roles: [{ municipalityId: places.issykKul.id, role: "official" }],
  });
});
afterAll(() => t.cleanup());
beforeEach(() => setClock(null));

/** A valid ПИН for a birth date (yyyy-mm-dd) and a serial number. */
function pinFor(birth: string, serial: number, sex = "2"): string {
  const [y, m, d] = birth.split("-");
  return `${sex}${d}${m}${y}${String(serial).padStart(5, "0")}`;
}

const GOOD_CSV = [
  "ПИН;Дата рождения;Село",
  `${pinFor("1988-04-12", 1)};12.04.1988;Ак-Булуң`,
  `${pinFor("1979-10-01", 2)};1979-10-01;Чоң-Таш`,
  `12345;01.01.1990;Ак-Булуң`,
  `${pinFor("1990-01-01", 3)};02.01.1990;Ак-Булуң`,
  `${pinFor("1991-02-03", 4)};03.02.1991;Нет-Такого`,
  `${pinFor("1992-02-30", 5)};30.02.1992;Ак-Булуң`,
  `${pinFor("1993-05-06", 6)};06.05.1993`,
  "",
  `${pinFor("1994-07-08", 7)};08.07.1994;ак-булуӊ`,
].join("\r\n");

describe("the resident list CSV", () => {
  it("accepts good rows and reports bad rows with their line numbers", async () => {
    const villages = await t.db
      .selectFrom("villages")
      .select(["id", "name_ky", "name_ru"])
      .where("municipality_id", "=", places.issykKul.id)
      .execute();
    expect(villages.map((v) => v.name_ky)).toContain("Ак-Булуң");
    const parsed = parseRegistryCsv(
      GOOD_CSV,
      villages.map((v) => ({ id: v.id, names: [v.name_ky, v.name_ru] })),
    );
    expect(parsed.total).toBe(8);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 10]);
    expect(parsed.errors).toEqual([
      { line: 4, reason: "pin" },
      { line: 5, reason: "birthDateMismatch" },
      { line: 6, reason: "village" },
      { line: 7, reason: "pin" },
      { line: 8, reason: "columns" },
    ]);
  });

  it("imports through the office page, shows progress and stores only hashes", async () => {
    const cookie = await sessionCookieFor(t.db, official);
    const fd = new FormData();
    fd.append("file", new File([GOOD_CSV], "tizme.csv", { type: "text/csv" }));
    const request = new Request(`http://localhost/ru/office/residents?m=${places.issykKul.id}`, {
      method: "POST",
      headers: { cookie },
      body: fd,
    });
    const res = (await officeRoute.action({
      request,
      params: { lang: "ru" },
      context: { ip: "10.0.0.5" },
    })) as Response;
    expect(res.status).toBe(302);
    const loc = res.headers.get("location")!;
    const id = Number(/imports\/(\d+)/.exec(loc)![1]);
    // wait for the background chunks
    for (let i = 0; i < 50 && (await getImport(t.db, id))!.status === "running"; i++)
      await new Promise((r) => setTimeout(r, 20));
    const page = await invoke(importRoute.loader, `/ru/office/residents/imports/${id}`, {
      cookie,
      params: { id: String(id) },
    });
    expect(page.status).toBe(200);
    expect(page.data.imp).toMatchObject({
      status: "done",
      total: 8,
      accepted: 3,
      rejected: 5,
      processed: 8,
    });
    expect(page.data.imp.errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 6, 7, 8]);
    const entries = await t.db
      .selectFrom("registry_entries")
      .selectAll()
      .where("import_id", "=", id)
      .execute();
    expect(entries).toHaveLength(3);
    const secret = env().registrySecret;
    expect(entries.map((e) => e.person_hash)).toContain(
      personHash(pinFor("1988-04-12", 1), "1988-04-12", secret),
    );
    for (const e of entries) expect(e.person_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a 20,000-row file is stored in chunks without blocking", async () => {
    const village = "Кызыл-Суу";
    const lines = ["pin,birth,village"];
    for (let i = 0; i < 20_000; i++) {
      const d = new Date(Date.UTC(1950, 0, 1) + (i % 18000) * 86400_000).toISOString().slice(0, 10);
      const [y, m, dd] = d.split("-");
      lines.push(`${pinFor(d, i, "1")},${dd}.${m}.${y},${village}`);
    }
    const started = Date.now();
    const { importId, done } = await startRegistryImport(
      t.db,
      official,
      places.issykKul.id,
      { name: "big.csv", text: lines.join("\n") },
      {},
    );
    const first = await getImport(t.db, importId);
    expect(first!.total).toBe(20_000);
    expect(first!.status).toBe("running");
    await done;
    const last = await getImport(t.db, importId);
    expect(last).toMatchObject({
      status: "done",
      processed: 20_000,
      accepted: 20_000,
      rejected: 0,
    });
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 60_000);

  it("refuses the import to a resident and to an official of another municipality", async () => {
    const resident = await makeUser(t.db, { municipalityId: places.issykKul.id });
    const otherOfficial = await makeUser(t.db, {
      roles: [{ municipalityId: places.saryOi.id, role: "official" }],
    });
    for (const who of [resident, otherOfficial]) {
      const cookie = await sessionCookieFor(t.db, who);
      const fd = new FormData();
      fd.append("file", new File([GOOD_CSV], "x.csv"));
      const request = new Request(`http://localhost/ky/office/residents?m=${places.issykKul.id}`, {
        method: "POST",
        headers: { cookie },
        body: fd,
      });
      const r = await officeRoute
        .action({ request, params: { lang: "ky" }, context: {} })
        .catch((e) => e);
      expect((r as Response).status).toBe(403);
    }
    const anon = await invoke(officeRoute.loader, `/ky/office/residents?m=${places.issykKul.id}`);
    expect(anon.status).toBe(302);
  });
});

describe("verification by the resident", () => {
  const pin = pinFor("1985-09-17", 900);
  beforeAll(async () => {
    await t.db
      .insertInto("registry_entries")
      .values({
        municipality_id: places.issykKul.id,
        village_id: places.issykKul.villages.chongTash,
        person_hash: personHash(pin, "1985-09-17", env().registrySecret),
        birth_date: "1985-09-17",
        import_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  });

  it("verifies with ПИН and birth date; one verified account per person", async () => {
    const a = await makeUser(t.db, { municipalityId: places.issykKul.id });
    const cookieA = await sessionCookieFor(t.db, a);
    const bad = await invoke(verifyRoute.action, "/ky/account/verify", {
      cookie: cookieA,
      form: { pin: "123", birthDate: "17.09.1985" },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.pin[0]).toMatch(/14 сан/);
    const ok = await invoke(verifyRoute.action, "/ky/account/verify", {
      cookie: cookieA,
      form: { pin: ` ${pin.slice(0, 7)} ${pin.slice(7)} `, birthDate: "17.09.1985" },
    });
    expect(ok.status).toBe(200);
    expect(ok.data.ok).toBe(true);
    const v = await t.db
      .selectFrom("verifications")
      .selectAll()
      .where("user_id", "=", a)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({ method: "registry", birth_date: "1985-09-17", revoked_at: null });
    expect(v.village_id).toBe(places.issykKul.villages.chongTash);

    const b = await makeUser(t.db, { municipalityId: places.issykKul.id });
    const taken = await invoke(verifyRoute.action, "/ru/account/verify", {
      cookie: await sessionCookieFor(t.db, b),
      form: { pin, birthDate: "1985-09-17" },
    });
    expect(taken.status).toBe(400);
    expect(taken.data.errors._form[0]).toMatch(/другой учётной записью/);
  });

  it("locks verification for the account after 5 failed attempts in an hour", async () => {
    const u = await makeUser(t.db, { municipalityId: places.issykKul.id });
    const cookie = await sessionCookieFor(t.db, u);
    for (let i = 0; i < 5; i++) {
      const r = await invoke(verifyRoute.action, "/ru/account/verify", {
        cookie,
        form: { pin: pinFor("1970-01-01", i), birthDate: "01.01.1970" },
      });
      expect(r.status).toBe(400);
      expect(r.data.errors._form[0]).toMatch(/нет в списке/);
    }
    const locked = await invoke(verifyRoute.action, "/ru/account/verify", {
      cookie,
      form: { pin: pinFor("1970-01-01", 99), birthDate: "01.01.1970" },
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBeTruthy();
    expect(locked.data.errors._form[0]).toMatch(/заблокировано/);
    // rate-limit windows follow Date.now(): move it (and the app clock) past the hour
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 61 * 60_000);
      setClock(new Date());
      const later = await invoke(verifyRoute.action, "/ru/account/verify", {
        cookie,
        form: { pin: pinFor("1970-01-01", 98), birthDate: "01.01.1970" },
      });
      expect(later.status).toBe(400);
    } finally {
      vi.useRealTimers();
      setClock(null);
    }
  });
});

describe("verification by an official", () => {
  it("verifies in person (who and when recorded), then revokes", async () => {
    const r = await makeUser(t.db, {
      email: "inperson@test.kg",
      municipalityId: places.issykKul.id,
      villageId: places.issykKul.villages.akBulung,
    });
    const cookie = await sessionCookieFor(t.db, official);
    const url = `/ky/office/residents?m=${places.issykKul.id}`;
    const pin = pinFor("2001-12-24", 77);
    const ok = await invoke(officeRoute.action, url, {
      cookie,
      form: { intent: "verify", login: "inperson@test.kg", pin, birthDate: "24.12.2001" },
    });
    expect(ok.status).toBe(200);
    const v = await t.db
      .selectFrom("verifications")
      .selectAll()
      .where("user_id", "=", r)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({ method: "in_person", verified_by: official });
    expect(v.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const page = await invoke(officeRoute.loader, url, { cookie });
    expect(page.data.verifications.some((x: { userId: number }) => x.userId === r)).toBe(true);

    const noReason = await invoke(officeRoute.action, url, {
      cookie,
      form: { intent: "revoke", verificationId: String(v.id), reason: "" },
    });
    expect(noReason.status).toBe(400);
    const rv = await invoke(officeRoute.action, url, {
      cookie,
      form: { intent: "revoke", verificationId: String(v.id), reason: "көчүп кеткен" },
    });
    expect(rv.status).toBe(200);
    const after = await t.db
      .selectFrom("verifications")
      .selectAll()
      .where("id", "=", v.id)
      .executeTakeFirstOrThrow();
    expect(after.revoked_by).toBe(official);
    expect(after.revoke_reason).toBe("көчүп кеткен");
    const log = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_user_id", "=", official)
      .execute();
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(["verification.inPerson", "verification.revoke"]),
    );
  });

  it("an official of another municipality cannot verify or revoke here", async () => {
    const other = await makeUser(t.db, {
      roles: [{ municipalityId: places.saryOi.id, role: "official" }],
    });
    const cookie = await sessionCookieFor(t.db, other);
    const r = await invoke(officeRoute.action, `/ky/office/residents?m=${places.issykKul.id}`, {
      cookie,
      form: { intent: "revoke", verificationId: "1", reason: "тест себеби" },
    });
    expect(r.status).toBe(403);
    // and in their own municipality, a verification of Issyk-Kul is not found
    const own = await invoke(officeRoute.action, `/ky/office/residents?m=${places.saryOi.id}`, {
      cookie,
      form: { intent: "revoke", verificationId: "1", reason: "тест себеби" },
    });
    expect(own.status).toBe(404);
  });
});
