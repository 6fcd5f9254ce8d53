// Issue 12's findings, each with its smallest input, through the real server (server.js → request
// layer → Remix) on SQLite or PostgreSQL (TEST_DB): ids ≥ 2^31, NUL in paths and queries, bad
// cookies, bodies that are no form, "=" in a file name, invitations to nowhere, bidi overrides in a
// display name, the localized 500 page, clean bytes on Cyrillic pages, and memory under a 100 MB body.
import { request as httpRequest } from "node:http";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/modules/demo";
import { sessionCookieFor } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { startLiveServer, type LiveServer } from "../helpers/live-server";

let t: TestDb;
let server: LiveServer;
const cookie: Record<"resident" | "official" | "admin", string> = {
  resident: "",
  official: "",
  admin: "",
};
let hearingId = 0;
let officialMunicipality = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, new Date(), process.env.REGISTRY_SECRET ?? "test-registry-secret");
  const user = async (email: string) =>
    t.db
      .selectFrom("users")
      .select(["id", "municipality_id"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
  const official = await user("official@jyiyn.demo");
  officialMunicipality = official.municipality_id as number;
  cookie.resident = await sessionCookieFor(t.db, (await user("aigul@jyiyn.demo")).id);
  cookie.official = await sessionCookieFor(t.db, official.id);
  cookie.admin = await sessionCookieFor(t.db, (await user("admin@jyiyn.demo")).id);
  const h = await t.db
    .selectFrom("hearings")
    .select("id")
    .where("municipality_id", "=", officialMunicipality)
    .where("state", "!=", "draft")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  hearingId = h.id;
  server = await startLiveServer(t.url);
  await fetch(`${server.origin}/ru`); // the first request compiles the app
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.cleanup();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.origin + path, { headers, redirect: "manual" });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.toString("utf8") };
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await fetch(server.origin + path, {
    method: "POST",
    body,
    headers,
    redirect: "manual",
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.toString("utf8") };
}

describe("ids ≥ 2^31 and NUL never reach the database", () => {
  it("/ru/hearings/2147483648 → 404 page in Russian", async () => {
    const r = await get("/ru/hearings/2147483648");
    expect(r.res.status).toBe(404);
    expect(r.text).toContain("Страница не найдена");
  });
  it("/api/v1/hearings/2147483648 → 404 JSON", async () => {
    const r = await get("/api/v1/hearings/2147483648");
    expect(r.res.status).toBe(404);
    expect(r.res.headers.get("content-type")).toMatch(/json/);
  });
  it("/ru/m/%00 → 404; ?q=%00 → the page without NUL", async () => {
    expect((await get("/ru/m/%00")).res.status).toBe(404);
    const r = await get("/ru?q=%00");
    expect(r.res.status).toBe(200);
    expect(r.bytes.includes(0)).toBe(false);
    const m = await get("/ru/m?q=%00%00");
    expect(m.res.status).toBeLessThan(400);
  });
  it("?target=line:3000000000 on a hearing is ignored as a filter, not a 500", async () => {
    const r = await get(`/ru/hearings/${hearingId}?target=line:3000000000`);
    expect(r.res.status).toBe(200);
    const api = await get(`/api/v1/hearings/${hearingId}/comments?target=line:3000000000`);
    expect(api.res.status).toBeLessThan(500);
  });
});

describe("cookies parsed defensively", () => {
  it("lang=%E0%A4%A is ignored and cleared", async () => {
    const r = await get("/ru", { cookie: "lang=%E0%A4%A" });
    expect(r.res.status).toBe(200);
    expect(r.res.headers.get("set-cookie") ?? "").toMatch(/lang=; Path=\/; Max-Age=0/);
    const root = await get("/", { cookie: "lang=%E0%A4%A" });
    expect(root.res.status).toBe(302);
  });
  it("a broken session cookie is ignored (anonymous page) and cleared", async () => {
    const r = await get("/ru/account", { cookie: "jyiyn_session=%00%E0" });
    expect(r.res.status).toBe(302);
    expect(r.res.headers.get("location")).toMatch(/\/ru\/login/);
    expect(r.res.headers.get("set-cookie") ?? "").toMatch(/jyiyn_session=; Path=\/; Max-Age=0/);
  });
});

describe("bodies that are no form", () => {
  it("JSON, text and no Content-Type to /ru/login → 415 with a Russian message", async () => {
    for (const headers of [
      { "content-type": "application/json" },
      { "content-type": "text/plain" },
      {} as Record<string, string>,
    ]) {
      const r = await post("/ru/login", '{"login":"a","password":"b"}', headers);
      expect(r.res.status).toBe(415);
      expect(r.text).toContain("не как форма");
    }
  });
  it("a multipart body without its boundary → 400", async () => {
    const r = await post("/ky/login", "login=a", { "content-type": "multipart/form-data" });
    expect(r.res.status).toBe(400);
    expect(r.text).toContain("Форма толук эмес");
  });
});

describe("uploads and invitations", () => {
  it("a document named report=2026.pdf is stored as report_2026.pdf", async () => {
    const editable = await t.db
      .selectFrom("hearings")
      .select("id")
      .where("municipality_id", "=", officialMunicipality)
      .where("state", "not in", ["closed", "cancelled"])
      .orderBy("id")
      .execute();
    expect(editable.length).toBeGreaterThan(0);
    const form = new FormData();
    form.append("intent", "upload");
    form.append("title", "Отчёт");
    form.append(
      "file",
      new File([Buffer.from("%PDF-1.4\n%fuzz\n")], "report=2026.pdf", { type: "application/pdf" }),
    );
    const r = await post(`/ru/office/hearings/${editable[0].id}/documents`, form, {
      cookie: cookie.official,
    });
    expect(r.res.status).toBeLessThan(500);
    const doc = await t.db
      .selectFrom("documents")
      .select("file_name")
      .where("hearing_id", "=", editable[0].id)
      .where("file_name", "=", "report_2026.pdf")
      .executeTakeFirst();
    expect(doc?.file_name).toBe("report_2026.pdf");
  });

  it("an invitation to a municipality that does not exist → 404 with a message; roleId abc → 400", async () => {
    const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const headers = {
      cookie: cookie.admin,
      "content-type": "application/x-www-form-urlencoded",
    };
    const inv = await post(
      "/ru/admin/roles",
      form({ intent: "invite", municipalityId: "999999", role: "official" }),
      headers,
    );
    expect(inv.res.status).toBe(404);
    expect(inv.text).toContain("Такого муниципалитета нет");
    const huge = await post(
      "/ru/admin/roles",
      form({ intent: "invite", municipalityId: "2147483648", role: "official" }),
      headers,
    );
    expect(huge.res.status).toBe(400);
    const role = await post("/ru/admin/roles", form({ intent: "revoke", roleId: "abc" }), headers);
    expect(role.res.status).toBe(400);
  });
});

describe("bidirectional overrides", () => {
  it("a display name with U+202E is shown isolated in <bdi>", async () => {
    const name = "Асель\u202Eлесеб";
    const resident = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "aigul@jyiyn.demo")
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("users")
      .set({ display_name: name })
      .where("id", "=", resident.id)
      .execute();
    const r = await get("/ru", { cookie: cookie.resident });
    expect(r.res.status).toBe(200);
    expect(r.text).toContain(`<bdi>${name}</bdi>`);
  });
});

describe("clean bytes", () => {
  it("Cyrillic pages in ky and ru carry no NUL and no U+FFFD", async () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (const lang of ["ky", "ru"])
      for (const path of ["", "/about", "/login", "/register", `/hearings/${hearingId}`]) {
        const r = await get(`/${lang}${path}`);
        expect(r.res.status, `${lang}${path}`).toBe(200);
        expect(r.bytes.includes(0), `NUL in /${lang}${path}`).toBe(false);
        expect(strict.decode(r.bytes).includes("\uFFFD"), `U+FFFD in /${lang}${path}`).toBe(false);
      }
  });
});

describe("body limits", () => {
  /**
   * POSTs `total` bytes in 1 MiB chunks (with or without Content-Length); resolves the status, or
   * "closed" when the server refused by closing the connection before its 413 could be read (past
   * 16 MB it answers at once and closes, and the client may see EPIPE first: a race of the OS).
   */
  function postLarge(total: number, withLength: boolean): Promise<number | "closed"> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${server.origin}/ru/login`);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...(withLength ? { "content-length": String(total) } : {}),
          },
        },
        (res) => {
          answered = true;
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      let answered = false;
      // once answered, the server closes the connection: the rest of the upload fails, as it should
      req.on("error", (e: NodeJS.ErrnoException) => {
        if (answered) return;
        if (e.code === "EPIPE" || e.code === "ECONNRESET") resolve("closed");
        else reject(e);
      });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const write = () => {
        while (sent < total) {
          sent += chunk.length;
          if (answered || req.destroyed) return;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        req.end();
      };
      req.write("login=");
      write();
    });
  }

  it("a 100 MB form body is refused and the server grows by less than 50 MB", async () => {
    const before = server.rss();
    expect([413, "closed"]).toContain(await postLarge(100 * 1024 * 1024, true));
    expect([413, "closed"]).toContain(await postLarge(100 * 1024 * 1024, false));
    const grown = server.rss() - before;
    expect(grown).toBeLessThan(50 * 1024 * 1024);
    // and it still answers
    expect((await get("/healthz")).res.status).toBe(200);
  }, 120_000);
});

describe("the 500 page", () => {
  it("is in Russian or Kyrgyz, never raw keys, without JavaScript", async () => {
    // a failure inside the root loader itself: its sessions table is gone
    await sql`drop table sessions cascade`.execute(t.db).catch(async () => {
      await sql`drop table sessions`.execute(t.db);
    });
    for (const [lang, title] of [
      ["ru", "Произошла ошибка"],
      ["ky", "Ката кетти"],
    ] as const) {
      const r = await get(`/${lang}`, { cookie: cookie.resident });
      expect(r.res.status).toBe(500);
      expect(r.text).toContain(`<title>${title} · Жыйын</title>`);
      expect(r.text).toContain(`<h1>${title}</h1>`);
      expect(r.text).not.toMatch(/errors\.errorTitle|layout\.portalName/);
    }
  });
});
