// The server the Playwright tests run against: a fresh build, a fresh SQLite file with the demo
// data (data/e2e.sqlite), started with `node` directly so stopping it stops the real process.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "3210";
const dbFile = process.env.E2E_DB ?? "data/e2e.sqlite";
const build = spawnSync(
  process.execPath,
  ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"],
  {
    stdio: ["ignore", "ignore", "inherit"],
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);
for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
const env = {
  ...process.env,
  NODE_ENV: "production",
  DEMO: "1",
  PORT: port,
  HOST: "127.0.0.1",
  DATABASE_URL: dbFile,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
const seed = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/seed.ts"], {
  stdio: ["ignore", "ignore", "inherit"],
  env,
});
if (seed.status !== 0) process.exit(seed.status ?? 1);
const server = spawn(process.execPath, ["server.js"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
