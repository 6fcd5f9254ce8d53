// The whole set on one machine, for tests and benchmarks, with one command:
//   node deploy/start.js [--instances 2] [--seed demo|bench|none] [--keep]
// A fresh PostgreSQL database (on PG_URL, default postgres://postgres@127.0.0.1:5432/postgres),
// seeded; N app instances (production build) on free loopback ports; nginx (Debian's package) with
// deploy/nginx/*.template in front: HTTPS with a self-signed certificate, plus a plain HTTP
// listener on the loopback for benchmarks. All ports are asked from the OS. Prints one JSON line
// ({ https, http, instances, database, seed }) when ready; Ctrl-C / SIGTERM stops everything and
// drops the database (unless --keep). bench/run.js imports `startStack` from here.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A free TCP port on the loopback (asked from the OS, then released). */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function startInstance(env) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["server.js"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const onData = (b) => {
      out += b.toString();
      if (out.includes("is running at")) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        ok(child);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => fail(new Error(`app instance exited (${code})`)));
  });
}

function fill(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k) => {
    if (!(k in values)) throw new Error(`no value for {{${k}}}`);
    return values[k];
  });
}

/**
 * Starts the set. Options: instances (2), seed ("demo" | "bench" | "none"), pgUrl, env (extra
 * environment for the app instances). Returns { https, http, instances, database, seed, stop }.
 */
export async function startStack({
  instances = 2,
  seed = "demo",
  pgUrl = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  env = {},
  keep = false,
} = {}) {
  if (!existsSync(join(root, "build/server/index.js"))) {
    const b = spawnSync("npm", ["run", "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (b.status !== 0) throw new Error("the build failed");
  }
  const stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    // the database
    const name = `jyiyn_stack_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dbUrl = new URL(pgUrl);
    dbUrl.pathname = `/${name}`;
    const database = dbUrl.toString();
    if (!keep)
      stops.push(async () => {
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      });
    let seeded = null;
    const tsx = join(root, "node_modules/tsx/dist/cli.mjs");
    if (seed === "demo" || seed === "bench") {
      const script = seed === "demo" ? "app/cli/seed.ts" : "bench/seed.ts";
      const r = spawnSync(process.execPath, [tsx, script], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: database,
          BENCH_DB: database,
          DEMO: "1",
          LOG_LEVEL: "silent",
        },
        encoding: "utf8",
        maxBuffer: 64 << 20,
      });
      if (r.status !== 0) throw new Error(`seeding failed: ${r.stderr}`);
      if (seed === "bench") seeded = JSON.parse(r.stdout.trim().split("\n").pop());
    } else {
      const r = spawnSync(process.execPath, [tsx, "db/cli/migrate.ts"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database },
        stdio: ["ignore", "ignore", "inherit"],
      });
      if (r.status !== 0) throw new Error("migrating failed");
    }

    // the app instances
    const prefix = mkdtempSync(join(tmpdir(), "jyiyn-stack-"));
    stops.push(async () => rmSync(prefix, { recursive: true, force: true }));
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    const publicUrl = `https://127.0.0.1:${httpsPort}`;
    const ports = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const child = await startInstance({
        ...process.env,
        NODE_ENV: "production",
        DEMO: "1",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: database,
        PUBLIC_URL: publicUrl,
        TRUST_PROXY: "1",
        SECURE_COOKIES: "0",
        UPLOAD_DIR: join(prefix, "uploads"),
        LOG_LEVEL: "warn",
        ...env,
      });
      ports.push(port);
      stops.push(
        () =>
          new Promise((ok) => {
            if (child.exitCode !== null) return ok();
            child.once("exit", ok);
            child.kill("SIGTERM");
          }),
      );
    }

    // nginx
    const cert = join(prefix, "cert.pem");
    const key = join(prefix, "key.pem");
    const ssl = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
    if (ssl.status !== 0) throw new Error("openssl could not make a certificate");
    for (const d of ["cache", "tmp", "logs"]) mkdirSync(join(prefix, d), { recursive: true });
    const locations = join(prefix, "app-locations.conf");
    writeFileSync(
      locations,
      fill(readFileSync(join(root, "deploy/nginx/app-locations.conf.template"), "utf8"), {
        CLIENT_DIR: join(root, "build/client"),
      }),
    );
    const site = fill(readFileSync(join(root, "deploy/nginx/jyiyn.conf.template"), "utf8"), {
      CACHE_DIR: join(prefix, "cache"),
      UPSTREAMS: ports.map((p) => `    server 127.0.0.1:${p};`).join("\n"),
      // the local set: plain HTTP on the loopback serves the app too (benchmarks without TLS)
      HTTP_LISTEN: `    listen 127.0.0.1:${httpPort};`,
      HTTP_BODY: `    include ${locations};`,
      SERVER_NAME: "127.0.0.1 localhost",
      HTTPS_PORT: `127.0.0.1:${httpsPort}`,
      CERT: cert,
      KEY: key,
      APP_LOCATIONS: locations,
    });
    writeFileSync(join(prefix, "site.conf"), site);
    const t = (d) => join(prefix, "tmp", d);
    writeFileSync(
      join(prefix, "nginx.conf"),
      `${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes auto;
pid ${join(prefix, "nginx.pid")};
error_log ${join(prefix, "logs/error.log")} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${t("body")};
  proxy_temp_path ${t("proxy")};
  fastcgi_temp_path ${t("fastcgi")};
  uwsgi_temp_path ${t("uwsgi")};
  scgi_temp_path ${t("scgi")};
  include ${join(prefix, "site.conf")};
}
`,
    );
    const nginx = spawn(
      "nginx",
      ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-g", "daemon off;"],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    stops.push(
      () =>
        new Promise((ok) => {
          if (nginx.exitCode !== null) return ok();
          nginx.once("exit", ok);
          nginx.kill("SIGQUIT");
        }),
    );
    const http = `http://127.0.0.1:${httpPort}`;
    for (let i = 0; ; i++) {
      const up = await fetch(`${http}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (nginx.exitCode !== null || i > 100) throw new Error("nginx did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      https: publicUrl,
      http,
      instances: ports.map((p) => `http://127.0.0.1:${p}`),
      database,
      seed: seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const stack = await startStack({
    instances: Number(arg("instances", 2)),
    seed: arg("seed", "demo"),
    keep: process.argv.includes("--keep"),
  });
  const { stop, seed, ...shown } = stack;
  console.log(JSON.stringify({ ...shown, seed: seed ? { hearingId: seed.hearingId } : null }));
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"])
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      await stop();
      process.exit(0);
    });
}
