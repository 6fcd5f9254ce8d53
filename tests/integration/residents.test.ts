import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { setClock } from "~/modules/core/clock.server";
import { env } from "~/modules/core/env.server";
import { personHash } from "~/modules/residents/hash.server";
import { parseRegistryCsv } from "~/modules/residents/csv.server";
import { startRegistryImport } from "~/modules/residents/commands.server";
import { getImport } from "~/modules/residents/queries.server";
import { makeUser, sessionCookieFor } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { invoke } from "../helpers/accounts";
import writeExcelFile from "write-excel-file/node";
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

/**
 * Windows-1251, as Excel for Windows writes "CSV (разделители — запятые)" in a Russian or Kyrgyz
 * locale: Cyrillic А–я, Ё, ё one byte each, and "?" for the Kyrgyz letters it lacks (ң ө ү).
 */
function windows1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const u = c.charCodeAt(0);
    if (u < 0x80) return u;
    if (u >= 0x410 && u <= 0x44f) return u - 0x410 + 0xc0;
    if (c === "Ё") return 0xa8;
    if (c === "ё") return 0xb8;
    return 0x3f; // "?"
  });
}

/** The same three people, with a header, as an official would have them. */
const PEOPLE = [
  { pin: pinFor("1985-03-15", 11), birth: "1985-03-15", shown: "15.03.1985", village: "Ак-Булуң" },
  { pin: pinFor("1990-12-01", 12), birth: "1990-12-01", shown: "01.12.1990", village: "Чоң-Таш" },
  {
    pin: pinFor("2001-07-30", 13, "1"),
    birth: "2001-07-30",
    shown: "30.07.2001",
    village: "Ак-Булуң",
  },
];
const HEADER = ["ПИН", "Дата рождения", "Село"];

async function importFile(name: string, bytes: Uint8Array) {
  const { importId, done } = await startRegistryImport(
    t.db,
    official,
    places.issykKul.id,
    { name, bytes },
    {},
  );
  await done;
  return (await getImport(t.db, importId))!;
}

describe("resident lists from Excel", () => {
  it("loads the same 3 people from UTF-8 CSV, Windows-1251 CSV and XLSX", async () => {
    const csvLines = [
      HEADER.join(";"),
      ...PEOPLE.map((p) => [p.pin, p.shown, p.village].join(";")),
    ];
    // UTF-8 with a BOM (Excel's "CSV UTF-8"), a quoted field with the delimiter inside
    const utf8 = new TextEncoder().encode(
      "\uFEFF" + csvLines.join("\r\n").replace("Ак-Булуң\r\n", '"Ак-Булуң"\r\n') + "\r\n",
    );
    const cp1251 = windows1251(csvLines.join("\r\n"));
    expect([...cp1251].every((b) => b < 0x80 || b >= 0xa8)).toBe(true);
    const xlsx = await writeExcelFile([
      HEADER,
      ...PEOPLE.map((p) => [
        // a ПИН typed as a number in Excel; a real date cell for the birth date
        { value: Number(p.pin), type: Number, format: "0" },
        { value: new Date(`${p.birth}T00:00:00Z`), type: Date, format: "dd.mm.yyyy" },
        p.village,
      ]),
    ] as never).toBuffer();
    const expected = PEOPLE.map((p) => personHash(p.pin, p.birth, env().registrySecret)).sort();
    for (const [name, bytes] of [
      ["tizme-utf8.csv", utf8],
      ["tizme-1251.csv", cp1251],
      ["tizme.xlsx", new Uint8Array(xlsx)],
    ] as const) {
      await t.db.deleteFrom("registry_entries").execute();
      const imp = await importFile(name, bytes);
      expect(imp, name).toMatchObject({ status: "done", total: 3, accepted: 3, rejected: 0 });
      const hashes = (await t.db.selectFrom("registry_entries").select("person_hash").execute())
        .map((e) => e.person_hash)
        .sort();
      expect(hashes, name).toEqual(expected);
    }
  });

  it("keeps line numbers with quoted fields, semicolons and line breaks inside quotes", async () => {
    const villages = await t.db
      .selectFrom("villages")
      .select(["id", "name_ky", "name_ru"])
      .where("municipality_id", "=", places.issykKul.id)
      .execute();
    const text = [
      "ПИН,Дата рождения,Село",
      `"${PEOPLE[0].pin}","${PEOPLE[0].shown}","Ак-Булуң"`,
      `"${PEOPLE[1].pin}","${PEOPLE[1].shown}","Чоң-Таш,
второй дом"`,
      `"${PEOPLE[2].pin}","${PEOPLE[2].shown}","Ак-Булуң"`,
    ].join("\n");
    const parsed = parseRegistryCsv(
      text,
      villages.map((v) => ({ id: v.id, names: [v.name_ky, v.name_ru] })),
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(parsed.errors).toEqual([{ line: 3, reason: "village" }]);
  });

  it("refuses an old .xls and an unknown encoding with a message about the file, not the villages", async () => {
    const cookie = await sessionCookieFor(t.db, official);
    const post = async (name: string, bytes: Uint8Array) => {
      const fd = new FormData();
      fd.append("file", new File([Buffer.from(bytes)], name));
      const request = new Request(`http://localhost/ru/office/residents?m=${places.issykKul.id}`, {
        method: "POST",
        headers: { cookie },
        body: fd,
      });
      return (await officeRoute.action({
        request,
        params: { lang: "ru" },
        context: {},
      })) as unknown as {
        data: { errors: { file: string[] } };
        init: { status: number };
      };
    };
    const xls = await post(
      "old.xls",
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    );
    expect(xls.init.status).toBe(400);
    expect(xls.data.errors.file[0]).toMatch(/Excel 97–2003/);
    // bytes that are neither UTF-8 nor Cyrillic in Windows-1251 (KOI8-R's "Село" misread)
    const odd = await post(
      "odd.csv",
      Uint8Array.from([0x31, 0x3b, 0x8a, 0x9b, 0x85, 0x86, 0x87, 0x99]),
    );
    expect(odd.init.status).toBe(400);
    expect(odd.data.errors.file[0]).toMatch(/Кодировка файла/);
  });
});

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
      { name: "big.csv", bytes: new TextEncoder().encode(lines.join("\n")) },
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
