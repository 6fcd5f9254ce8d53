/* global Buffer, performance */
// npm run bench — the app side by side with a bare Node http server sending the same bytes, in one
// run, alternating (several rounds), and writes docs/performance.md with the machine's description
// and what else was running.
//
// 1. SQLite: bench/seed.ts (one open hearing, 5,000 comments, 20,000 votes, 500 signed-in voters)
//    into a temporary file; one production instance (`node server.js`). Scenarios: anonymous
//    hearing page, signed-in hearing page, comments API, home page (each vs the bare server
//    sending the bytes the app sent), casting votes (100 voters; rows checked afterwards: none
//    lost, none doubled).
// 2. PostgreSQL through deploy/start.js (nginx + 2 instances, bench seed): anonymous hearing page
//    and casting votes through nginx.
// 3. First load on a phone: Chromium at 360 px, slow 3G (400 ms, 400 kbit/s), 4× CPU slowdown:
//    bytes transferred, LCP and hydration done for the home, municipality and hearing pages.
// Environment: BENCH_DURATION (s per measurement, 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50),
// BENCH_SKIP=pg,phone to leave parts out, PG_URL for the PostgreSQL server.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { freePort, startStack } from "../deploy/start.js";

const duration = Number(process.env.BENCH_DURATION ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const skip = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
const log = (...a) => console.error(...a);

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");
const others = () => {
  const r = spawnSync("ps", ["-eo", "comm="], { encoding: "utf8" });
  const counts = {};
  for (const c of r.stdout.split("\n").filter(Boolean)) counts[c] = (counts[c] ?? 0) + 1;
  return Object.entries(counts)
    .filter(([c, n]) => /node|chrom|postgres|vitest|esbuild|tsc|nginx/.test(c) && n > 0)
    .map(([c, n]) => `${c} × ${n}`)
    .join(", ");
};
const loadBefore = load();
const othersBefore = others();

spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });

// ---- 1. SQLite, one instance ---------------------------------------------------------------
const dir = mkdtempSync(join(os.tmpdir(), "jyiyn-bench-"));
const dbFile = join(dir, "bench.sqlite");
log("seeding (SQLite)…");
const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/seed.ts"], {
  encoding: "utf8",
  env: { ...process.env, BENCH_DB: dbFile, LOG_LEVEL: "silent" },
  maxBuffer: 64 << 20,
});
if (seeded.status !== 0) throw new Error(seeded.stderr);
const seed = JSON.parse(seeded.stdout.trim().split("\n").pop());

copyFileSync(dbFile, `${dbFile}.clean`);

/** A production instance (`node server.js`) on `file`; extra environment in `env`. */
async function startApp(file, env = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server.js"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: file,
      PUBLIC_URL: url,
      LOG_LEVEL: "warn",
      UPLOAD_DIR: join(dir, "uploads"),
      ...env,
    },
  });
  await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (b) => {
      out += b;
      if (out.includes("is running at")) ok();
    });
    child.once("exit", (c) => fail(new Error(`server exited ${c}`)));
  });
  const stop = () =>
    new Promise((ok) => {
      if (child.exitCode !== null) return ok();
      child.removeAllListeners("exit");
      child.once("exit", ok);
      child.kill("SIGTERM");
    });
  return { url, stop };
}
const app1 = await startApp(dbFile);
const base = app1.url;
const cleanups = [() => void app1.stop(), () => rmSync(dir, { recursive: true, force: true })];
process.on("exit", () => cleanups.forEach((c) => c()));

const cookie = `jyiyn_session=${seed.tokens[0]}`;
const hearing = `/ky/hearings/${seed.hearingId}`;
const scenarios = [
  { name: "anonymous hearing page", path: hearing, headers: { "accept-encoding": "br" } },
  {
    // every request as another of the 500 signed-in residents (a shared link opened by many)
    name: "signed-in hearing page",
    path: hearing,
    headers: { "accept-encoding": "br", cookie },
    sessions: seed.tokens,
  },
  {
    name: "comments API",
    path: `/api/v1/hearings/${seed.hearingId}/comments?limit=50`,
    headers: { "accept-encoding": "br" },
  },
  { name: "home page", path: "/ky", headers: { "accept-encoding": "br" } },
];

// the bare server: the same status, headers and bytes the app sent for each scenario
const captured = new Map();
for (const s of scenarios) {
  const res = await new Promise((ok, fail) =>
    http
      .get(base + s.path, { headers: s.headers }, (r) => {
        const chunks = [];
        r.on("data", (c) => chunks.push(c));
        r.on("end", () =>
          ok({ status: r.statusCode, headers: r.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", fail),
  );
  delete res.headers["transfer-encoding"];
  delete res.headers.connection;
  delete res.headers["keep-alive"];
  res.headers["content-length"] = String(res.body.length);
  captured.set(s.name, res);
  s.bytes = res.body.length;
}
const barePort = await freePort();
const bareByPath = new Map();
for (const s of scenarios)
  bareByPath.set(`${s.path}|${s.headers.cookie ? 1 : 0}`, captured.get(s.name));
const bare = http
  .createServer((req, res) => {
    const c = bareByPath.get(`${req.url}|${req.headers.cookie ? 1 : 0}`);
    if (!c) return res.writeHead(404).end();
    res.writeHead(c.status, c.headers);
    res.end(c.body);
  })
  .listen(barePort, "127.0.0.1");
cleanups.push(() => bare.close());
const bareBase = `http://127.0.0.1:${barePort}`;

const cannon = (opts) =>
  new Promise((ok, fail) =>
    autocannon({ duration, connections, ...opts }, (e, r) => (e ? fail(e) : ok(r))),
  );
/** Load for scenario `s` on `url`; a scenario with `sessions` sends each request as the next one. */
function measure(s, url, opts = {}) {
  if (!s.sessions) return cannon({ url: url + s.path, headers: s.headers, ...opts });
  let i = 0;
  return cannon({
    url: url + s.path,
    ...opts,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: { ...s.headers, cookie: `jyiyn_session=${s.sessions[i++ % s.sessions.length]}` },
        }),
      },
    ],
  });
}

const results = {};
const add = (key, r) => {
  (results[key] ??= []).push({
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  });
};
/**
 * Waits until `url` answers /healthz within 50 ms (at most 90 s): requests still queued from the
 * last measurement must not slow the next one down.
 */
async function settle(url) {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    const t = performance.now();
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false,
    );
    if (ok && performance.now() - t < 50) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// warm-up (not counted): every scenario once for a second
for (const s of scenarios) await measure(s, base, { duration: 1, connections: 10 });
await settle(base);
for (let round = 1; round <= rounds; round++) {
  for (const s of scenarios) {
    for (const [who, url] of [
      ["app", base],
      ["bare", bareBase],
    ]) {
      log(`round ${round}: ${s.name} (${who})…`);
      add(`${s.name}|${who}`, await measure(s, url));
      if (who === "app") await settle(base);
    }
  }
}

// votes: 100 voters, every (voter, question) pair cast in turn (later rounds change the choice);
// each answer is matched to its request through autocannon's per-connection context, so the
// database can be checked afterwards against what the server confirmed (302): every confirmed
// pair has exactly one row, holding the choice of its last confirmed cast (none lost, none doubled)
async function votes(url, tokens, questionIds, hearingId) {
  let n = 0;
  const confirmed = new Map(); // "userIndex:questionId" → last confirmed choice
  const attempted = new Map(); // "userIndex:questionId" → [{ seq, choice }] in order sent
  const r = await cannon({
    url,
    connections: 100,
    requests: [
      {
        method: "POST",
        path: `/ky/hearings/${hearingId}?index`,
        setupRequest: (req, context) => {
          const i = n++;
          const voter = i % tokens.length;
          const q = questionIds[Math.floor(i / tokens.length) % questionIds.length];
          const choice = ["for", "against", "abstain"][
            Math.floor(i / (tokens.length * questionIds.length)) % 3
          ];
          const cast = { key: `${voter}:${q}`, choice, seq: i, sentAt: performance.now() };
          context.cast = cast;
          const list = attempted.get(`${voter}:${q}`) ?? [];
          list.push(cast);
          attempted.set(`${voter}:${q}`, list);
          return {
            ...req,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              cookie: `jyiyn_session=${tokens[voter]}`,
            },
            body: `intent=vote&questionId=${q}&choice=${choice}`,
          };
        },
        onResponse: (status, _body, context) => {
          const c = context.cast;
          if (status !== 302 || !c) return;
          c.confirmedAt = performance.now();
          const prev = confirmed.get(c.key);
          if (!prev || prev.seq < c.seq) confirmed.set(c.key, c);
        },
      },
    ],
  });
  return { r, confirmed, attempted };
}

/** Compares the rows of the session voters with what the server confirmed. */
function checkVotes(v, rows, voterIds) {
  const index = new Map(voterIds.map((id, i) => [id, i]));
  const byKey = new Map();
  let doubled = 0;
  for (const row of rows) {
    const key = `${index.get(Number(row.user_id))}:${row.question_id}`;
    if (byKey.has(key)) doubled++;
    byKey.set(key, row.choice);
  }
  let lost = 0;
  let wrongChoice = 0;
  for (const key of v.confirmed.keys()) {
    if (!byKey.has(key)) lost++;
    else {
      // Last writer wins in the order the server committed, which the client sees only in part:
      // a cast can hold the row at the end unless another confirmed cast of the pair was sent
      // after its confirmation came back (that one was surely committed later). Casts without an
      // answer (in flight at the end) may hold it too.
      const casts = v.attempted.get(key);
      const later = (a) =>
        casts.some((d) => d.confirmedAt && a.confirmedAt && d.sentAt > a.confirmedAt);
      const allowed = new Set(
        casts.filter((a) => !a.confirmedAt || !later(a)).map((a) => a.choice),
      );
      if (!allowed.has(byKey.get(key))) wrongChoice++;
    }
  }
  const unexplained = [...byKey.keys()].filter((k) => !v.attempted.has(k)).length;
  return {
    rps: v.r.requests.average,
    p50: v.r.latency.p50,
    p99: v.r.latency.p99,
    confirmedCasts: v.r["3xx"] ?? 0,
    other: v.r.non2xx - (v.r["3xx"] ?? 0),
    errors: v.r.errors + v.r.timeouts,
    pairs: v.confirmed.size,
    rows: rows.length,
    lost,
    doubled,
    wrongChoice,
    unexplained,
  };
}
await settle(base);
log("votes (SQLite)…");
const v = await votes(base, seed.tokens, seed.questionIds, seed.hearingId);
const sq = new Database(dbFile, { readonly: true });
const sqliteRows = sq
  .prepare(
    `select user_id, question_id, choice from votes where hearing_id = ? and user_id in (${seed.voterIds.join(",")})`,
  )
  .all(seed.hearingId);
sq.close();
const voteSqlite = checkVotes(v, sqliteRows, seed.voterIds);
await app1.stop();

// the same votes against node:cluster workers (WEB_CONCURRENCY=2, ADR 0061), on a fresh copy
const clusterFile = join(dir, "cluster.sqlite");
copyFileSync(`${dbFile}.clean`, clusterFile);
const app2 = await startApp(clusterFile, { WEB_CONCURRENCY: "2" });
cleanups.push(() => void app2.stop());
// measured as the one process is: the same warm-up (a second at 10 connections), then `rounds`
// measurements (mean req/s, median p50/p99); each worker keeps its own readings and page parts
log("signed-in hearing page (SQLite, 2 cluster workers)…");
const signedIn = scenarios.find((x) => x.name === "signed-in hearing page");
await measure(signedIn, app2.url, { duration: 1, connections: 10 });
await settle(app2.url);
const clusterRounds = [];
for (let round = 1; round <= rounds; round++) {
  const r = await measure(signedIn, app2.url);
  clusterRounds.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
  await settle(app2.url);
}
log("votes (SQLite, 2 cluster workers)…");
const v2 = await votes(app2.url, seed.tokens, seed.questionIds, seed.hearingId);
await app2.stop();
const sq2 = new Database(clusterFile, { readonly: true });
const clusterRows = sq2
  .prepare(
    `select user_id, question_id, choice from votes where hearing_id = ? and user_id in (${seed.voterIds.join(",")})`,
  )
  .all(seed.hearingId);
sq2.close();
const voteCluster = checkVotes(v2, clusterRows, seed.voterIds);

// ---- 2. PostgreSQL through deploy/ (nginx + 2 instances) -----------------------------------
let pgPart = null;
if (!skip.has("pg")) {
  log("starting the deploy set (PostgreSQL, nginx, 2 instances)…");
  const stack = await startStack({ seed: "bench", instances: 2 });
  cleanups.push(() => void stack.stop());
  const s = stack.seed;
  const page = `/ky/hearings/${s.hearingId}`;
  // warm-up (not counted): both instances render the page once, then a second of load
  for (const u of stack.instances) await (await fetch(u + page)).arrayBuffer();
  await cannon({
    url: stack.http + page,
    headers: { "accept-encoding": "br" },
    duration: 1,
    connections: 10,
  });
  await settle(stack.http);
  const a = await cannon({ url: stack.http + page, headers: { "accept-encoding": "br" } });
  await settle(stack.http);
  log("votes (PostgreSQL, through nginx)…");
  const pv = await votes(stack.http, s.tokens, s.questionIds, s.hearingId);
  const c = new pg.Client({ connectionString: stack.database });
  await c.connect();
  const rows = (
    await c.query(
      `select user_id, question_id, choice from votes where hearing_id = $1 and user_id = any($2::int[])`,
      [s.hearingId, s.voterIds],
    )
  ).rows;
  await c.end();
  pgPart = {
    page: { rps: a.requests.average, p50: a.latency.p50, p99: a.latency.p99, non2xx: a.non2xx },
    votes: checkVotes(pv, rows, s.voterIds),
  };
  await stack.stop();
}

// ---- 3. first load on a phone ----------------------------------------------------------------
let phone = null;
if (!skip.has("phone")) {
  log("first load on a throttled phone…");
  const r = spawnSync(process.execPath, ["bench/phone.js"], {
    encoding: "utf8",
    env: { ...process.env },
    maxBuffer: 16 << 20,
  });
  if (r.status === 0) phone = JSON.parse(r.stdout.trim().split("\n").pop());
  else log(r.stderr);
}

// ---- the report ---------------------------------------------------------------------------
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (s) => {
  const app = results[`${s.name}|app`];
  const b = results[`${s.name}|bare`];
  const ra = mean(app.map((x) => x.rps));
  const rb = mean(b.map((x) => x.rps));
  return `| ${s.name} | \`GET ${s.path}\` | ${(s.bytes / 1024).toFixed(1)} | ${ra.toFixed(0)} | ${median(app.map((x) => x.p50))} | ${median(app.map((x) => x.p99))} | ${rb.toFixed(0)} | ${median(b.map((x) => x.p99))} | **${(ra / rb).toFixed(2)}** | ${app.reduce((n, x) => n + x.non2xx + x.errors, 0)} |`;
};
const cpus = os.cpus();
const md = `# Performance

Measured by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.

## Machine and what else ran
- OS: ${os.type()} ${os.release()} (${os.arch()}); CPU: ${cpus.length} × ${cpus[0]?.model ?? "?"}; memory ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB; Node.js ${process.version}
- load average (1/5/15 min) before: ${loadBefore}; after: ${load()}
- other processes at the start: ${othersBefore || "none noted"}
- the machine is shared (other engineers' builds and test suites): absolute numbers vary with
  that load; the ratios to the bare server in the same run are the comparable figures.

## Data
bench/seed.ts: one open tariff hearing with 5,000 comments and 20,000 votes (5,000 verified voters ×
4 questions), and 500 more verified voters with sessions who cast the votes below.

## App vs a bare Node http server sending the same bytes (SQLite, one instance)
autocannon, ${connections} connections, ${duration} s per measurement, ${rounds} rounds alternating app
and bare server; requests/s is the mean of the rounds, p50/p99 (ms) the median of the rounds.
Requests ask for brotli (\`Accept-Encoding: br\`); "KiB" is the size of the answer on the wire.

| scenario | request | KiB | app req/s | app p50 | app p99 | bare req/s | bare p99 | app ÷ bare | non-2xx/errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${scenarios.map(row).join("\n")}

## Casting votes (100 concurrent voters, form posts answered with a 302)
| database | path | votes/s | p50 (ms) | p99 (ms) | casts confirmed (302) | other answers | errors | (voter, question) pairs confirmed | rows | lost | doubled | wrong choice | rows nobody cast |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${[["SQLite", "one process", voteSqlite], ["SQLite", "2 node:cluster workers (WEB_CONCURRENCY=2)", voteCluster], ...(pgPart ? [["PostgreSQL", "nginx + 2 instances (deploy/start.js)", pgPart.votes]] : [])].map(([d, w, x]) => `| ${d} | ${w} | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p99} | ${x.confirmedCasts} | ${x.other} | ${x.errors} | ${x.pairs} | ${x.rows} | **${x.lost}** | **${x.doubled}** | ${x.wrongChoice} | ${x.unexplained} |`).join("\n")}${pgPart ? "" : "\n| PostgreSQL | skipped | | | | | | | | | | | | |"}

Each of 500 voters casts each of 4 questions in turn (2,000 pairs; later rounds change the choice).
Signed-in hearing page on the 2 cluster workers (same data, same run, ${rounds} rounds as above): ${mean(clusterRounds.map((x) => x.rps)).toFixed(0)} req/s, p50 ${median(clusterRounds.map((x) => x.p50))} ms, p99 ${median(clusterRounds.map((x) => x.p99))} ms (rounds: ${clusterRounds.map((x) => `${x.rps.toFixed(0)} req/s p99 ${x.p99}`).join("; ")}; one process: see the first table).

"lost": a pair the server confirmed with a 302 that has no row; "doubled": a pair with more than one
row; "wrong choice": the row holds a choice that a later cast of the pair (sent after that cast's
confirmation arrived) had replaced — two casts of one pair in flight at once are committed in the
server's order, either may win (last writer wins, as for a person double-submitting). A cast still in flight when
the measurement stops may leave a row without a confirmation ("rows nobody cast" counts rows for
pairs never sent, which must be 0).

## Through deploy/ (PostgreSQL, nginx with micro-caching, 2 app instances)
${pgPart ? `Anonymous hearing page: ${pgPart.page.rps.toFixed(0)} req/s, p50 ${pgPart.page.p50} ms, p99 ${pgPart.page.p99} ms, non-2xx ${pgPart.page.non2xx}.` : "skipped"}

## First load on a phone
${
  phone
    ? `Chromium, 360 × 740 px, slow 3G (400 ms latency, 400 kbit/s both ways), CPU slowed 4×, empty cache.

| page | transferred (KiB, HTML+CSS+JS compressed) | requests | LCP (ms) | interactive (ms) |
| --- | --- | --- | --- | --- |
${phone.pages.map((p) => `| ${p.name} \`${p.path}\` | ${(p.bytes / 1024).toFixed(1)} | ${p.requests} | ${p.lcp} | ${p.hydrated} |`).join("\n")}`
    : "skipped"
}
`;
writeFileSync("docs/performance.md.bench", md);
const doc = readFileSync("docs/performance.md", "utf8");
const marker = "<!-- bench:end -->";
writeFileSync(
  "docs/performance.md",
  doc.includes(marker) ? md + "\n" + marker + doc.split(marker)[1] : md,
);
rmSync("docs/performance.md.bench");
console.log(md);
process.exit(0);
