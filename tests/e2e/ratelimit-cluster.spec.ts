/**
 * The sign-in limit holds across app instances: two production servers on one PostgreSQL database
 * receive 50 simultaneous wrong passwords for one account from one address; at most the limit (10)
 * are checked against the password, the rest get 429 with Retry-After — on the document (no-JS)
 * answer too. Runs when TEST_POSTGRES_URL is set (CI sets it); uses the build the e2e server made.
 */
import { expect, test } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import pg from "pg";

const base = process.env.TEST_POSTGRES_URL;
test.skip(!base, "TEST_POSTGRES_URL is not set");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, proc: ChildProcess): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

test("50 parallel wrong passwords on two app processes: at most 10 checked", async () => {
  test.setTimeout(120_000);
  const dbName = `jyiyn_rl_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(base!);
  url.pathname = `/${dbName}`;
  const servers: ChildProcess[] = [];
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url.toString(),
      REGISTRY_SECRET: "ratelimit-cluster-test-secret-0123456789",
      SECURE_COOKIES: "false",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ADMIN_EMAIL: "target@rl.test",
      ADMIN_PASSWORD: "the-right-password-2026",
      ADMIN_NAME: "Target",
    };
    const made = spawnSync("npm", ["run", "--silent", "admin:create"], { env, encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const publicUrl = `http://127.0.0.1:${port}`;
      const proc = spawn(process.execPath, ["server.js"], {
        env: { ...env, PORT: String(port), PUBLIC_URL: publicUrl },
        stdio: ["ignore", "ignore", "inherit"],
      });
      servers.push(proc);
      urls.push(publicUrl);
    }
    await Promise.all(urls.map((u, i) => waitHealthy(u, servers[i])));

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${urls[i % 2]}/ru/login`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ login: "target@rl.test", password: `wrong-guess-${i}` }),
          redirect: "manual",
        }).then(async (r) => ({
          status: r.status,
          retryAfter: r.headers.get("retry-after"),
          text: await r.text(),
        })),
      ),
    );
    const counts = answers.reduce<Record<number, number>>(
      (m, a) => ((m[a.status] = (m[a.status] ?? 0) + 1), m),
      {},
    );
    expect(counts[400] ?? 0).toBeLessThanOrEqual(10);
    expect((counts[400] ?? 0) + (counts[429] ?? 0)).toBe(50);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(a.text).toContain("Слишком много попыток");
    }
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const { rows } = await db.query(
      "select count(*)::int as n from audit_log where action = 'auth.signInFailed'",
    );
    await db.end();
    expect(rows[0].n).toBeLessThanOrEqual(10);
  } finally {
    for (const s of servers) s.kill("SIGTERM");
    await Promise.all(
      servers.map((s) => (s.exitCode !== null ? null : new Promise((r) => s.once("exit", r)))),
    );
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
});
