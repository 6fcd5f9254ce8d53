// The fuzz suite (issue 12): every route with a loader or action and every API endpoint, taken from
// the route manifest (app/routes.ts uses flatRoutes over app/routes), gets malformed requests —
// missing and repeated fields, wrong types, 1 MB strings, invalid UTF-8, NUL, huge and negative
// numbers, impossible dates, unknown intents, bad ids and cursors, JSON and text bodies, broken
// multipart, bad cookies — as anonymous, resident, official and administrator, through the real
// server (server.js → request layer → Remix). It fails on any 5xx and on a NUL byte in any text
// response, and prints the counts by status. Generation: fast-check with a fixed seed (set
// FUZZ_SEED to explore other inputs; FUZZ_SCALE to send more).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/modules/demo";
import { sessionCookieFor } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { startLiveServer, type LiveServer } from "../helpers/live-server";

const APP = join(process.cwd(), "app");
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

// ---- the route manifest ------------------------------------------------------------------------

interface RouteInfo {
  id: string;
  file: string;
  /** full path pattern, e.g. ":lang/hearings/:id/documents/:docId" */
  path: string;
  hasLoader: boolean;
  hasAction: boolean;
  /** field names and intents named in the route file */
  fields: string[];
  intents: string[];
}

function manifest(): RouteInfo[] {
  const m = flatRoutes(APP, [], "routes") as Record<
    string,
    { id: string; parentId?: string; path?: string; file: string }
  >;
  const fullPath = (id: string): string => {
    const r = m[id];
    if (!r) return "";
    const parent = r.parentId && r.parentId !== "root" ? fullPath(r.parentId) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(m).map((r) => {
    const src = readFileSync(join(APP, r.file), "utf8");
    return {
      id: r.id,
      file: r.file,
      path: fullPath(r.id),
      hasLoader: /export (async function|const|function) loader\b/.test(src),
      hasAction: /export (async function|const|function) action\b/.test(src),
      fields: names(src),
      intents: intents(src),
    };
  });
}

function names(src: string): string[] {
  const out = new Set<string>();
  for (const re of [/name="([\w.[\]-]+)"/g, /form\.get(?:All)?\("([\w.-]+)"\)/g, /\b(\w+): z\./g])
    for (const x of src.matchAll(re)) out.add(x[1]);
  return [...out];
}
function intents(src: string): string[] {
  const out = new Set<string>();
  for (const re of [
    /name="intent" value="([\w-]+)"/g,
    /intent === "([\w-]+)"/g,
    /case "([\w-]+)":/g,
    /value="([\w-]+)"\s+name="intent"/g,
  ])
    for (const x of src.matchAll(re)) out.add(x[1]);
  return [...out];
}

function allAppSources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allAppSources(p));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(readFileSync(p, "utf8"));
  }
  return out;
}

// ---- generators --------------------------------------------------------------------------------

const MB = "ж".repeat(512 * 1024); // 1 MB of UTF-8
const BAD_IDS = [
  "2147483648",
  "3000000000",
  "99999999999999999999",
  "0",
  "-1",
  "1.5",
  "1e3",
  "abc",
  "%00",
  "%E0%A4%A",
  "１２",
  "",
];
const NASTY = [
  "",
  " ",
  "0",
  "-1",
  "-2147483649",
  "2147483647",
  "2147483648",
  "9007199254740993",
  "1e309",
  "NaN",
  "Infinity",
  "abc",
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f\u0085",
  "2026-02-30",
  "2026-13-45",
  "0000-00-00",
  "9999-12-31",
  "25:61",
  "line:3000000000",
  "section:-1",
  "line:abc",
  "for",
  "against",
  "abstain",
  "on",
  "true",
  "\u202Eevil\u202C",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%",
  "%E0%A4%A",
  "ＡＢＣ１２３",
  "\r\n\r\n",
  "a\rb\r\nc",
  "\uD800",
  "😀".repeat(50),
  "+996700123456",
  "official@jyiyn.demo",
  "x".repeat(5001),
];

const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_IDS) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => String(d)) },
  { weight: 1, arbitrary: fc.constant(MB) },
);

type BodyKind =
  | "form"
  | "form-invalid-utf8"
  | "multipart"
  | "multipart-file"
  | "multipart-broken"
  | "multipart-no-boundary"
  | "json"
  | "text"
  | "none";

const bodyKindArb = fc.constantFrom<BodyKind>(
  "form",
  "form",
  "form",
  "form",
  "form-invalid-utf8",
  "multipart",
  "multipart-file",
  "multipart-file",
  "multipart-broken",
  "multipart-no-boundary",
  "json",
  "text",
  "none",
);

type Who = "anonymous" | "resident" | "official" | "secretary" | "admin" | "bad-cookie";
const whoArb = fc.constantFrom<Who>(
  "anonymous",
  "resident",
  "official",
  "official",
  "secretary",
  "admin",
  "bad-cookie",
);
const BAD_COOKIES = [
  "lang=%E0%A4%A",
  "lang=xx",
  "jyiyn_session=%00",
  "jyiyn_session=%E0%A4%A; lang=ru",
  'jyiyn_session="unterminated',
  "jyiyn_session=" + "a".repeat(5000),
  "=;;;==",
];

// ---- the run -----------------------------------------------------------------------------------

let t: TestDb;
let server: LiveServer;
const cookies: Record<string, string> = {};
let ids: Record<string, string[]> = {};

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, new Date(), process.env.REGISTRY_SECRET ?? "test-registry-secret");
  const user = async (email: string) =>
    (
      await t.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow()
    ).id;
  cookies.resident = await sessionCookieFor(t.db, await user("aigul@jyiyn.demo"));
  cookies.official = await sessionCookieFor(t.db, await user("official@jyiyn.demo"));
  cookies.secretary = await sessionCookieFor(t.db, await user("secretary@jyiyn.demo"));
  cookies.admin = await sessionCookieFor(t.db, await user("admin@jyiyn.demo"));
  const col = async (table: string, c = "id") =>
    (
      (await t.db
        .selectFrom(table as "users")
        .select(`${c} as v` as "id")
        .limit(3)
        .execute()) as unknown as { v: unknown }[]
    ).map((r) => String(r.v));
  ids = {
    id: await col("hearings"),
    docId: await col("documents"),
    protocolId: await col("protocols"),
    slug: await col("municipalities", "slug"),
    version: ["1", "2"],
  };
  server = await startLiveServer(t.url);
  // the first request compiles the app in Vite: wait for it once
  await fetch(`${server.origin}/ru`);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.cleanup();
});

/** Picks for assembling requests: a seeded PRNG (mulberry32), so every run sends the same set. */
interface Rnd {
  nextInt: (min: number, max: number) => number;
}
function prng(seed: number): Rnd {
  let a = seed >>> 0;
  return {
    nextInt(min, max) {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      const r = ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      return min + Math.floor(r * (max - min + 1));
    },
  };
}

function fillPath(pattern: string, rnd: Rnd, bad: boolean): string {
  const segs = pattern.split("/").map((seg) =>
    seg.replace(/:(\w+)\??|\*/g, (_, name?: string) => {
      if (!name) return ["a/b", "%00", "..%2F..", "x".repeat(300)][rnd.nextInt(0, 3)];
      if (name === "lang")
        return bad && rnd.nextInt(0, 5) === 0 ? "xx" : ["ru", "ky"][rnd.nextInt(0, 1)];
      const good = ids[name] ?? [];
      if (!bad && good.length) return good[rnd.nextInt(0, good.length - 1)];
      const pool = [...BAD_IDS, ...good, "%00", "%E0%A4%A", "ABCD-1234", "x".repeat(300)];
      return pool[rnd.nextInt(0, pool.length - 1)];
    }),
  );
  return "/" + segs.filter((s) => s !== "").join("/");
}

const QUERY_KEYS = [
  "q",
  "target",
  "cursor",
  "page",
  "limit",
  "m",
  "stance",
  "unanswered",
  "code",
  "redirectTo",
  "lang",
  "action",
  "reported",
  "index",
  "_data",
];

function encodeForm(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString(); // a lone surrogate becomes U+FFFD, as in browsers
}

function buildBody(
  kind: BodyKind,
  fields: [string, string][],
  fileName: string,
): { body?: BodyInit; headers: Record<string, string> } {
  const boundary = "----fuzzBoundary7MA4YWxkTrZu0gW";
  const part = (k: string, v: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, "")}"\r\n\r\n${v}\r\n`;
  switch (kind) {
    case "form":
      return {
        body: encodeForm(fields),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      };
    case "form-invalid-utf8": {
      const raw = Buffer.concat([
        Buffer.from(encodeForm(fields) + "&x="),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe0, 0xa4]),
        Buffer.from("&y=%FF%FE%C3%28"),
      ]);
      return { body: raw, headers: { "content-type": "application/x-www-form-urlencoded" } };
    }
    case "multipart":
    case "multipart-file": {
      let s = fields.map(([k, v]) => part(k, v)).join("");
      if (kind === "multipart-file")
        s +=
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          `Content-Type: application/pdf\r\n\r\n%PDF-1.4 fuzz\r\n`;
      s += `--${boundary}--\r\n`;
      return {
        body: Buffer.from(s, "utf8"),
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      };
    }
    case "multipart-broken":
      return {
        body: `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsav`,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      };
    case "multipart-no-boundary":
      return { body: encodeForm(fields), headers: { "content-type": "multipart/form-data" } };
    case "json":
      return {
        body: JSON.stringify(Object.fromEntries(fields)),
        headers: { "content-type": "application/json" },
      };
    case "text":
      return { body: encodeForm(fields), headers: { "content-type": "text/plain" } };
    case "none":
      return { body: encodeForm(fields), headers: {} };
  }
}

interface Probe {
  method: "GET" | "POST";
  url: string;
  who: Who;
  kind?: BodyKind;
  body?: BodyInit;
  headers: Record<string, string>;
}

function cookieFor(who: Who, rnd: Rnd): string | undefined {
  if (who === "anonymous") return undefined;
  if (who === "bad-cookie") return BAD_COOKIES[rnd.nextInt(0, BAD_COOKIES.length - 1)];
  return cookies[who];
}

function probes(routes: RouteInfo[], globalFields: string[], globalIntents: string[]): Probe[] {
  const out: Probe[] = [];
  const mrng = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[mrng.nextInt(0, xs.length - 1)];
  // fast-check generates the corpora of values, roles and body kinds; the PRNG assembles them
  const corpus = {
    value: fc.sample(valueArb, { seed: SEED, numRuns: 4000 }),
    who: fc.sample(whoArb, { seed: SEED + 1, numRuns: 500 }),
    kind: fc.sample(bodyKindArb, { seed: SEED + 2, numRuns: 500 }),
  };
  const sampleValue = () => pick(corpus.value);
  const sampleWho = () => pick(corpus.who);
  const sampleKind = () => pick(corpus.kind);
  const GETS = 12 * SCALE;
  const POSTS = 40 * SCALE;
  for (const r of routes) {
    if (r.hasLoader)
      for (let i = 0; i < GETS; i++) {
        const bad = i % 2 === 1;
        const url = fillPath(r.path, mrng, bad);
        const qs = new URLSearchParams();
        const n = mrng.nextInt(0, 3);
        for (let j = 0; j < n; j++) {
          const v = sampleValue();
          qs.append(pick(QUERY_KEYS), v.slice(0, 300)); // URLs stay below the 16 KB header limit
        }
        const query = qs.toString();
        const who = sampleWho();
        const cookie = cookieFor(who, mrng);
        out.push({
          method: "GET",
          url: url + (query ? `?${query}` : "") + (i % 7 === 3 ? "&q=%00%FF" : ""),
          who,
          headers: cookie ? { cookie } : {},
        });
      }
    if (r.hasAction)
      for (let i = 0; i < POSTS; i++) {
        const bad = i % 4 === 3;
        const url = fillPath(r.path, mrng, bad);
        const fields: [string, string][] = [];
        const intentPool = r.intents.length ? r.intents : globalIntents;
        const intentChoice = mrng.nextInt(0, 9);
        if (intentChoice < 7) fields.push(["intent", pick(intentPool)]);
        else if (intentChoice === 7) fields.push(["intent", sampleValue().slice(0, 100)]);
        else if (intentChoice === 8)
          fields.push(["intent", pick(intentPool)], ["intent", pick(globalIntents)]);
        const pool = r.fields.length ? r.fields : globalFields;
        const n = mrng.nextInt(0, Math.min(12, pool.length + 2));
        for (let j = 0; j < n; j++) {
          const name = mrng.nextInt(0, 4) === 0 ? pick(globalFields) : pick(pool);
          fields.push([name, sampleValue()]);
          if (mrng.nextInt(0, 6) === 0) fields.push([name, sampleValue()]); // repeated field
        }
        const kind = sampleKind();
        const fileName = pick([
          "report=2026.pdf",
          "отчёт\u202Efdp.exe",
          "a\u0000b.pdf",
          "../../etc/passwd",
          '"quoted";.pdf',
          "x".repeat(400) + ".pdf",
          "",
        ]);
        const { body, headers } = buildBody(kind, fields, fileName);
        const who = sampleWho();
        const cookie = cookieFor(who, mrng);
        out.push({
          method: "POST",
          url,
          who,
          kind,
          body,
          headers: { ...headers, ...(cookie ? { cookie } : {}) },
        });
      }
  }
  return out;
}

async function send(p: Probe): Promise<{ status: number; body: Buffer; type: string }> {
  const res = await fetch(server.origin + p.url, {
    method: p.method,
    headers: p.headers,
    body: p.body,
    redirect: "manual",
  });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body, type: res.headers.get("content-type") ?? "" };
}

describe("fuzz: malformed requests to every route", () => {
  it("gives no 5xx and no NUL byte in any text response", async () => {
    const routes = manifest();
    const sources = allAppSources(APP);
    const globalFields = [...new Set(sources.flatMap(names))];
    const globalIntents = [...new Set(sources.flatMap(intents))];
    const withCode = routes.filter((r) => r.hasLoader || r.hasAction);
    expect(withCode.length).toBeGreaterThan(40);
    expect(withCode.some((r) => r.path.startsWith("api/v1"))).toBe(true);

    const all = probes(withCode, globalFields, globalIntents);
    expect(all.length).toBeGreaterThanOrEqual(2000);

    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        const p = all[next++];
        let r: { status: number; body: Buffer; type: string };
        try {
          r = await send(p);
        } catch {
          // a kept-alive connection the server had just closed (its 5 s idle timeout, on a busy
          // machine): once more on a fresh one; a server that really failed fails again
          try {
            r = await send(p);
          } catch (e) {
            const cause = (e as { cause?: unknown }).cause;
            failures.push(
              `${p.method} ${p.url.slice(0, 200)} (${p.who}, ${p.kind ?? "-"}): ${String(e)} ${String(cause ?? "")}`,
            );
            continue;
          }
        }
        byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
        const head = `${p.method} ${p.url.slice(0, 200)} (${p.who}, ${p.kind ?? "-"})`;
        if (r.status >= 500) failures.push(`${head} → ${r.status}`);
        else if (/text|json|xml|calendar/.test(r.type) && r.body.includes(0))
          failures.push(`${head} → NUL byte in ${r.type}`);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 4 }, worker));
    const seconds = Math.round((Date.now() - started) / 1000);

    const counts = [...byStatus.entries()].sort((a, b) => a[0] - b[0]);
    console.log(
      `fuzz (${t.dialect}): ${all.length} requests over ${withCode.length} routes in ${seconds} s; by status: ` +
        counts.map(([s, n]) => `${s}: ${n}`).join(", "),
    );
    if (failures.length)
      console.log(
        `${failures.length} failures:\n${failures.slice(0, 40).join("\n")}\n--- server log ---\n` +
          server.stderr().slice(-6000),
      );
    expect(failures).toEqual([]);
  }, 900_000);
});
