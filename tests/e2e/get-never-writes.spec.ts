/**
 * GET never writes (issue 13): crawl every page and API answer reachable by links, as every role
 * of the demo data, and assert that no row of any table changed (a digest of the whole database
 * before and after). Runs on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set.
 *
 * Before crawling, two hearings are given dates that have passed while their stored state is still
 * the old one (announced → open, open → closed): a read must show the new state without storing it
 * (the job tick stores it), so this test fails if a read records a transition.
 */
import { expect, test } from "@playwright/test";
import {
  demoDatabase,
  digest,
  engines,
  sessionFor,
  startInstance,
  type Instance,
  type TestDatabase,
} from "./instances";

const ROLES: [string, string | null][] = [
  ["anonymous", null],
  ["unverified resident", "guest@jyiyn.demo"],
  ["verified resident", "aigul@jyiyn.demo"],
  ["official", "official@jyiyn.demo"],
  ["official of another municipality", "official.saryoi@jyiyn.demo"],
  ["council secretary", "secretary@jyiyn.demo"],
  ["council member", "deputy@jyiyn.demo"],
  ["administrator", "admin@jyiyn.demo"],
];

/** Pages reached from no link (mail links, APIs): visited by every role as well. */
const START = [
  "/",
  "/ky",
  "/ru",
  "/ky/m",
  "/ky/about",
  "/ky/account",
  "/ky/account/notifications",
  "/ky/account/verify",
  "/ky/notifications",
  "/ky/office",
  "/ky/office/residents",
  "/ky/council",
  "/ky/admin",
  "/ky/admin/roles",
  "/ky/admin/audit",
  "/ky/admin/mail",
  "/ky/login",
  "/ky/register",
  "/ky/reset",
  "/ky/reset/code",
  "/ky/reset/not-a-token",
  "/ky/verify",
  "/ky/verify/not-a-code",
  "/ky/invite/not-a-token",
  "/ky/unsubscribe/not-a-token",
  "/ky/logout",
  "/ky/no-such-page",
  "/api/v1/municipalities",
];

/** Two URLs per shape (path with numbers generalised, query keys) are enough to cover a route. */
const shape = (u: URL) =>
  u.pathname.replace(/\d+/g, "#") + "?" + [...u.searchParams.keys()].sort().join("&");

async function crawl(base: string, cookie: string | null, extra: string[]): Promise<number> {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...START, ...extra];
  let fetched = 0;
  while (queue.length && fetched < 400) {
    const path = queue.shift()!;
    const u = new URL(path, base);
    if (u.origin !== base || seen.has(u.pathname + u.search)) continue;
    if (u.pathname.startsWith("/assets/")) continue;
    seen.add(u.pathname + u.search);
    const k = shape(u);
    if ((shapes.get(k) ?? 0) >= 2) continue;
    shapes.set(k, (shapes.get(k) ?? 0) + 1);
    const res = await fetch(u, {
      headers: cookie ? { cookie } : {},
      redirect: "manual",
    });
    fetched++;
    expect(res.status, `${u.pathname}${u.search}`).toBeLessThan(500);
    const loc = res.headers.get("location");
    if (loc) queue.push(new URL(loc, u).toString());
    const type = res.headers.get("content-type") ?? "";
    if (!/html|json|xml|calendar/.test(type)) {
      await res.arrayBuffer();
      continue;
    }
    const text = await res.text();
    for (const m of text.matchAll(/href="([^"#]+)/g)) queue.push(m[1].replace(/&amp;/g, "&"));
    for (const m of text.matchAll(/"(https?:\/\/127\.0\.0\.1:\d+\/[^"\s]*)"/g)) queue.push(m[1]);
  }
  return fetched;
}

for (const engine of engines) {
  test.describe(`GET never writes (${engine})`, () => {
    test.describe.configure({ timeout: 600_000 });
    let db: TestDatabase;
    let app: Instance;
    const cookies: Record<string, string | null> = {};
    const extra: string[] = [];

    test.beforeAll(async () => {
      db = await demoDatabase(engine);
      // dates have passed, the stored states have not followed yet
      const past = new Date(Date.now() - 60_000).toISOString();
      const [announced] = await db.sql.all(
        "select id from hearings where state = 'announced' order by id limit 1",
      );
      const [open] = await db.sql.all(
        "select id from hearings where state = 'open' order by id limit 1",
      );
      expect(announced && open).toBeTruthy();
      await db.sql.run("update hearings set comment_start_at = ? where id = ?", [
        past,
        announced.id,
      ]);
      await db.sql.run("update hearings set comment_end_at = ? where id = ?", [past, open.id]);
      for (const id of [announced.id, open.id])
        extra.push(`/ky/hearings/${id}`, `/api/v1/hearings/${id}`, `/ru/office/hearings/${id}`);
      for (const [role, login] of ROLES) cookies[role] = login ? await sessionFor(db, login) : null;
      // no job tick during the crawl: it is the one place allowed to store the transitions
      app = await startInstance(db, { JOBS: "off" });
    });
    test.afterAll(async () => {
      await app?.stop();
      await db?.drop();
    });

    for (const [role] of ROLES) {
      test(`as ${role}: no row changes`, async () => {
        const before = await digest(db);
        const n = await crawl(app.base, cookies[role], extra);
        expect(n).toBeGreaterThan(20);
        expect(await digest(db)).toEqual(before);
      });
    }

    test("the job tick then stores the transitions the pages showed", async () => {
      const before = await digest(db);
      const ticking = await startInstance(db);
      try {
        await expect
          .poll(async () => (await digest(db)).hearing_transitions, { timeout: 30_000 })
          .not.toBe(before.hearing_transitions);
      } finally {
        await ticking.stop();
      }
      const stale = await db.sql.all(
        "select id from hearings where state in ('announced', 'open') and comment_end_at < ?",
        [new Date().toISOString()],
      );
      expect(stale).toEqual([]);
    });
  });
}
