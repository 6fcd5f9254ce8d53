// npm run bench — seeds data/bench.sqlite (bench/seed.ts: a hearing with 5,000 comments and 20,000
// votes), builds if needed, starts the production server on it, measures with autocannon the
// hearing page, the comments API and casting votes (distinct signed-in voters), and writes
// p50/p99 latency and requests/s with the machine's description into docs/performance.md.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";

const port = process.env.BENCH_PORT ?? "3290";
const dbFile = process.env.BENCH_DB ?? "data/bench.sqlite";
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const base = `http://127.0.0.1:${port}`;

if (!existsSync("build/server/index.js") || process.env.BENCH_BUILD === "1") {
  console.error("building…");
  const b = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

console.error("seeding…");
const seed = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/seed.ts"], {
  encoding: "utf8",
  env: { ...process.env, BENCH_DB: dbFile, LOG_LEVEL: "silent" },
  maxBuffer: 64 * 1024 * 1024,
});
if (seed.status !== 0) {
  console.error(seed.stderr);
  process.exit(seed.status ?? 1);
}
process.stderr.write(seed.stderr);
const { hearingId, questionIds, tokens } = JSON.parse(seed.stdout.trim().split("\n").pop());

const server = spawn(process.execPath, ["server.js"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    DEMO: "1",
    PORT: port,
    HOST: "127.0.0.1",
    DATABASE_URL: dbFile,
    PUBLIC_URL: base,
    LOG_LEVEL: "warn",
  },
});
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not start");
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ url: base, duration, connections, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

await waitForServer();
// warm up
await fetch(`${base}/ky/hearings/${hearingId}`);

const results = [];
async function measure(name, what, opts) {
  console.error(`measuring ${name}…`);
  const r = await run(opts);
  results.push({
    name,
    what,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  });
}

await measure("hearing page", `GET /ky/hearings/${hearingId}`, {
  requests: [{ method: "GET", path: `/ky/hearings/${hearingId}` }],
});
await measure("comments API", `GET /api/v1/hearings/${hearingId}/comments?limit=50`, {
  requests: [{ method: "GET", path: `/api/v1/hearings/${hearingId}/comments?limit=50` }],
});
let n = 0;
await measure(
  "casting votes",
  `POST /ky/hearings/${hearingId}?index (vote, ${tokens.length} distinct voters)`,
  {
    requests: [
      {
        method: "POST",
        path: `/ky/hearings/${hearingId}?index`,
        setupRequest: (req) => {
          const i = n++;
          const choice = ["for", "against", "abstain"][i % 3];
          const q = questionIds[i % questionIds.length];
          return {
            ...req,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              cookie: `jyiyn_session=${tokens[i % tokens.length]}`,
            },
            body: `intent=vote&questionId=${q}&choice=${choice}`,
          };
        },
      },
    ],
  },
);
stop();

const cpus = os.cpus();
const machine = [
  `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
  `- CPU: ${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
  `- memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  `- Node.js: ${process.version}`,
  `- database: SQLite (better-sqlite3, WAL), file ${dbFile}`,
].join("\n");
const rows = results
  .map(
    (r) =>
      `| ${r.name} | \`${r.what}\` | ${r.p50} | ${r.p99} | ${r.rps.toFixed(1)} | ${r.total} | ${r.non2xx} | ${r.errors} |`,
  )
  .join("\n");
const md = `# Performance

Measured by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 10)}.

Data (bench/seed.ts): one open tariff hearing with 5,000 comments and 20,000 votes (5,000 verified
voters × 4 questions), plus 500 signed-in voters who cast the votes measured below. autocannon,
${connections} connections, ${duration} s per scenario, against the production build
(\`node server.js\`, NODE_ENV=production) on the same machine.

## Machine
${machine}

## Results
| scenario | request | p50 (ms) | p99 (ms) | requests/s | requests | non-2xx | errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows}

Notes:
- "casting votes" answers with a 302 redirect back to the hearing page (a form post without
  JavaScript), so its requests count as non-2xx; each one is an upsert on the unique
  (question_id, user_id).
- The hearing page shows 20 comments per page (cursor pagination on (created_at, id)); counts come
  from grouped queries on the indexed columns, so the page does not grow with the comment count.
- The hearing page is the whole page: the proposal (tariff table, chart, calculator, timeline)
  and the participation part (counts, forms, 20 comments with their answers).
- The machine may be shared with other work while measuring; treat the numbers as an order of
  magnitude.
`;
// Only this script's part of docs/performance.md is replaced (up to the next "## " section that
// another benchmark writes, e.g. "## Protocol rendering").
const OWN_END = /^## Protocol rendering/m;
const previous = existsSync("docs/performance.md")
  ? readFileSync("docs/performance.md", "utf8")
  : "";
const rest = previous.match(OWN_END) ? previous.slice(previous.search(OWN_END)) : "";
writeFileSync("docs/performance.md", rest ? `${md}\n${rest}` : md);
console.log(md);
process.exit(0);
