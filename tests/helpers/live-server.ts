/**
 * The real server (server.js: Express, the request layer, Remix in Vite's development mode, so no
 * build is needed) spawned on a free port against a test database, for tests that must go through
 * every layer: the fuzz suite, the request-layer tests and the memory check.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LiveServer {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  pid: number;
  /** what the server wrote so far (stderr and its pino log on stdout; errors are logged there) */
  stderr: () => string;
  /** the server's resident memory (bytes), from /proc */
  rss: () => number;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts server.js on `databaseUrl`; resolves once it answers, rejects if it exits first. */
export async function startLiveServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<LiveServer> {
  const port = await freePort();
  const uploads = mkdtempSync(join(tmpdir(), "jyiyn-live-"));
  const env: Record<string, string> = { NODE_ENV: "development" };
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("VITEST") && k !== "TEST" && k !== "NODE_ENV") env[k] = v;
  Object.assign(env, {
    NODE_ENV: "development",
    JYIYN_TEST_SERVER: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    UPLOAD_DIR: uploads,
    LOG_LEVEL: "error",
    DEMO: "1",
    ...extraEnv,
  });
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: process.cwd(),
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString("utf8");
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const onExit = (code: number | null) =>
      reject(new Error(`server exited (${code}) before listening:\n${err.slice(-3000)}`));
    child.once("exit", onExit);
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString("utf8");
      // pino writes its log (errors with their stack) to stdout: keep it with stderr
      err += c.toString("utf8");
      if (out.includes("is running at")) {
        child.off("exit", onExit);
        resolve();
      }
    });
  });
  const pid = child.pid as number;
  return {
    origin: `http://127.0.0.1:${port}`,
    pid,
    stderr: () => err,
    rss: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(uploads, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}
