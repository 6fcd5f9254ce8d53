// npm run demo — builds if needed, recreates the demo database (data/demo.sqlite or $DEMO_DB, never
// any other), migrates, seeds demo data, starts the portal on $PORT (default 3000), prints the URL.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const demoDb = process.env.DEMO_DB || "data/demo.sqlite";
if (/^[a-z]+:\/\//i.test(demoDb)) {
  console.error("DEMO_DB must be a SQLite file path: the demo never touches another database.");
  process.exit(1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const buildFile = join(root, "build/server/index.js");
const sources = ["app", "db", "public"].filter((d) => existsSync(d));
const stale =
  !existsSync(buildFile) ||
  Math.max(...sources.map(newestMtime), statSync("vite.config.ts").mtimeMs) >
    statSync(buildFile).mtimeMs;
if (stale) {
  console.log("Building…");
  const r = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

for (const suffix of ["", "-wal", "-shm"]) rmSync(demoDb + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: demoDb, DEMO: "1", NODE_ENV: "production" };
const seed = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/seed.ts"], {
  stdio: "inherit",
  env,
});
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn(process.execPath, ["server.js"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
