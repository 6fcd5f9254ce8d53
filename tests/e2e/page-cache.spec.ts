/**
 * The page cache (ADR 0031) with two app instances on one database: anonymous pages come from
 * stored bytes, a write through instance A shows at once on instance B's anonymous page, the CSP
 * hashes let the cached page hydrate, ETags revalidate, signed-in pages never come from the cache.
 * Runs on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set.
 */
import { expect, test } from "@playwright/test";
import {
  demoDatabase,
  engines,
  sessionFor,
  startInstance,
  type Instance,
  type TestDatabase,
} from "./instances";

for (const engine of engines) {
  test.describe(`page cache across instances (${engine})`, () => {
    test.describe.configure({ timeout: 300_000 });
    let db: TestDatabase;
    let a: Instance;
    let b: Instance;
    let hearingId = 0;
    let resident = "";

    test.beforeAll(async () => {
      // seeding a PostgreSQL database with the demo data takes long on a busy machine; the
      // group's timeout above does not cover hooks
      test.setTimeout(300_000);
      db = await demoDatabase(engine);
      const [open] = await db.sql.all(
        "select h.id from hearings h join municipalities m on m.id = h.municipality_id where h.state = 'open' and m.slug = 'issyk-kul-tyup' order by h.id limit 1",
      );
      hearingId = Number(open.id);
      resident = await sessionFor(db, "aigul@jyiyn.demo");
      [a, b] = await Promise.all([startInstance(db), startInstance(db, { JOBS: "off" })]);
    });
    test.afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.drop();
    });

    test("a comment posted through instance A appears at once on instance B's anonymous page", async () => {
      const page = `/ky/hearings/${hearingId}`;
      const first = await fetch(b.base + page);
      await first.text();
      const second = await fetch(b.base + page);
      expect(second.headers.get("x-cache")).toBe("hit");
      const before = await second.text();
      const text = `Кэш текшерүү ${Date.now()}: пикир А аркылуу`;
      expect(before).not.toContain(text);

      const posted = await fetch(`${a.base}${page}?index`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: resident },
        body: new URLSearchParams({ intent: "comment", stance: "for", body: text }),
      });
      expect(posted.status).toBe(302);

      const after = await fetch(b.base + page);
      expect(after.headers.get("x-cache")).toBe("miss");
      expect(await after.text()).toContain(text);
      // the comments API of instance B as well
      const api = await fetch(`${b.base}/api/v1/hearings/${hearingId}/comments?limit=50`);
      expect(JSON.stringify(await api.json())).toContain(text);
    });

    test("stored answers carry headers a proxy can use, and revalidate with the ETag", async () => {
      const url = `${b.base}/ru/hearings/${hearingId}`;
      await (await fetch(url, { headers: { "accept-encoding": "gzip" } })).arrayBuffer();
      const res = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      await res.arrayBuffer();
      expect(res.headers.get("x-cache")).toBe("hit");
      expect(res.headers.get("cache-control")).toContain("public");
      expect(res.headers.get("vary")).toContain("Accept-Encoding");
      const etag = res.headers.get("etag")!;
      expect(etag).toMatch(/^".+-gzip"$/);
      const again = await fetch(url, {
        headers: { "accept-encoding": "gzip", "if-none-match": etag },
      });
      expect(again.status).toBe(304);
    });

    test("public API answers are stored per API language (Accept-Language or ?lang=)", async () => {
      const url = `${b.base}/api/v1/hearings/${hearingId}/comments?limit=5`;
      const get = async (lang: string, u = url) => {
        const res = await fetch(u, { headers: { "accept-language": lang } });
        return { res, body: await res.text() };
      };
      const ky1 = await get("ky");
      const ky = await get("ky");
      expect(ky.res.headers.get("x-cache")).toBe("hit");
      expect(ky.res.headers.get("vary")).toContain("Accept-Language");
      expect(ky.body).toBe(ky1.body);
      // another language is another answer (the village names differ), never the stored Kyrgyz one
      const ru = await get("ru");
      expect(ru.res.headers.get("x-cache")).toBe("miss");
      expect(ru.body).not.toBe(ky.body);
      expect((await get("ru")).body).toBe(ru.body);
      // ?lang= wins over the header
      expect((await get("ky", `${url}&lang=ru`)).body).toBe(ru.body);
    });

    test("the stored encodings follow Accept-Encoding's q-values", async () => {
      const url = `${b.base}/ky/hearings/${hearingId}`;
      await (await fetch(url)).arrayBuffer();
      const encodingOf = async (accept: string) => {
        const res = await fetch(url, { headers: { "accept-encoding": accept } });
        await res.arrayBuffer();
        return res.headers.get("content-encoding");
      };
      expect(await encodingOf("gzip, deflate, br")).toBe("br");
      expect(await encodingOf("br;q=0, gzip")).toBe("gzip");
      expect(await encodingOf("gzip;q=0, identity")).toBeNull();
    });

    test("signed-in pages never come from the shared cache", async () => {
      const url = `${b.base}/ky/hearings/${hearingId}`;
      for (let i = 0; i < 2; i++) {
        const res = await fetch(url, { headers: { cookie: resident } });
        expect(res.status).toBe(200);
        expect(res.headers.get("x-cache")).toBeNull();
        expect(res.headers.get("cache-control")).toBe("private, no-store");
        // the signed-in page shows the person's own comment form, not the anonymous refusal
        expect(await res.text()).toContain('name="intent" value="comment"');
      }
    });

    test("a cached page runs its inline script under its CSP (script hashes instead of the nonce)", async ({
      browser,
    }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to execute/i.test(m.text())) violations.push(m.text());
      });
      const url = `${b.base}/ky/hearings/${hearingId}`;
      await (await fetch(url)).text(); // stored
      const res = await page.goto(url);
      expect(res!.headers()["x-cache"]).toBe("hit");
      expect(res!.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
      await page.locator("html[data-enhanced]").waitFor({ state: "attached" });
      expect(violations).toEqual([]);
      await context.close();
    });
  });
}
