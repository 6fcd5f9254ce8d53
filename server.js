// The HTTP server: Express in front of the Remix request handler. It keeps no state of its own
// (sessions, rate limits and the mail outbox live in the database), so several can run behind a
// load balancer. Start with `npm start` (production build) or `npm run dev` (Vite middleware).
import cluster from "node:cluster";
import crypto from "node:crypto";
import { readdirSync } from "node:fs";
import express from "express";
import compression from "compression";
import expressStaticGzip from "express-static-gzip";
import { createRequestHandler, requestLayer } from "./server/request-layer.js";
import { pageCache } from "./server/page-cache.js";

const isProd = process.env.NODE_ENV === "production";

// WEB_CONCURRENCY=N (N > 1): N worker processes share the port through node:cluster (ADR 0061);
// this primary only starts them, restarts one that dies, and stops them on SIGTERM/SIGINT. Every
// worker is an ordinary instance (sessions, rate limits, page-cache versions live in the database).
const workers = Number(process.env.WEB_CONCURRENCY ?? 1);
if (isProd && workers > 1 && cluster.isPrimary) {
  let stopping = false;
  let listening = 0;
  const fork = () => cluster.fork({ JYIYN_CLUSTER_WORKER: "1" });
  cluster.on("message", (_w, m) => {
    if (m?.type === "jyiyn:listening" && ++listening === workers)
      console.log(`Jyiyn is running at ${m.url} (${workers} workers)`);
  });
  cluster.on("exit", (w, code) => {
    if (!stopping) {
      console.error(`worker ${w.process.pid} exited (${code}); starting another`);
      fork();
    } else if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  for (let i = 0; i < workers; i++) fork();
  for (const sig of ["SIGTERM", "SIGINT"])
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    });
} else {
  await serve();
}

async function serve() {
  const viteDevServer = isProd
    ? undefined
    : await import("vite").then((vite) =>
        vite.createServer(
          // JYIYN_TEST_SERVER=1 (servers spawned by tests, several at once, no browser): no
          // hot-reload socket and no pre-bundling of browser dependencies
          process.env.JYIYN_TEST_SERVER === "1"
            ? {
                server: { middlewareMode: true, hmr: false, ws: false },
                optimizeDeps: { noDiscovery: true },
              }
            : { server: { middlewareMode: true } },
        ),
      );

  const loadBuild = () =>
    viteDevServer
      ? viteDevServer.ssrLoadModule("virtual:remix/server-build")
      : import("./build/server/index.js");

  let build;
  let app;
  try {
    build = await loadBuild();
    app = build.entry.module;
  } catch (error) {
    console.error(
      `Cannot load the server build: ${error instanceof Error ? error.message : error}\nRun \`npm run build\` first.`,
    );
    process.exit(1);
  }

  let config;
  try {
    config = await app.startup();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { logger } = app;

  const server = express();
  server.disable("x-powered-by");
  if (config.trustProxy) server.set("trust proxy", true);
  // (no query parser: nothing here reads req.query, and qs parsed every request's query string)
  server.set("query parser", false);

  // request id + structured access log (the child logger is made when something logs; the
  // access line only when the info level is on)
  const accessLog = logger.isLevelEnabled("info");
  server.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && /^[\w-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.locals.requestId = id;
    let child;
    Object.defineProperty(res.locals, "logger", {
      get: () => (child ??= logger.child({ requestId: id })),
    });
    res.set("X-Request-Id", id);
    if (accessLog) {
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (req.path.startsWith("/assets/")) return;
        res.locals.logger.info(
          {
            method: req.method,
            url: req.originalUrl,
            status: res.statusCode,
            ms: Math.round(ms * 10) / 10,
          },
          "request",
        );
      });
    }
    next();
  });

  // security headers on every response, with a fresh CSP nonce per request
  const connect = viteDevServer ? "'self' ws: wss:" : "'self'";
  const [cspBefore, cspAfter] = [
    "default-src 'self'",
    `script-src 'self' 'nonce-\u0000'${viteDevServer ? " 'unsafe-inline'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]
    .join("; ")
    .split("\u0000");
  server.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set("Content-Security-Policy", cspBefore + nonce + cspAfter);
    res.set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (isProd && req.secure) res.set("Strict-Transport-Security", "max-age=31536000");
    next();
  });

  // Non-GET requests from a foreign Origin are refused (a second wall behind SameSite cookies).
  server.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const origin = req.get("origin");
    if (!origin) return next();
    let host;
    try {
      host = new URL(origin).host;
    } catch {
      host = "";
    }
    if (host && host === req.get("host")) return next();
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("Forbidden: cross-origin request / Тыюу салынган");
  });

  // bad paths, cookies and bodies are refused (localized) or cleaned here, once for every route
  server.use(
    requestLayer({
      refuse: app.plainRefusal,
      formMaxBytes: config.formMaxBytes,
      uploadMaxBytes: config.uploadMaxBytes,
    }),
  );

  // A signed-in person's valid vote from the hearing page's form, answered below Remix with the
  // same rule and the same redirect (app/modules/participation/vote-post.server.ts, ADR 0072);
  // every other post, and every refused vote, goes on to Remix.
  server.post(/^\/(?:ky|ru)\/hearings\/[1-9][0-9]*$/, (req, res, next) => {
    const q = req.originalUrl.indexOf("?");
    app
      .votePost({
        pathname: req.path,
        search: q === -1 ? "" : req.originalUrl.slice(q),
        contentType: req.get("content-type"),
        cookie: req.headers.cookie,
        body: res.locals.body,
      })
      .then(
        (location) => {
          if (location === null) return next();
          res.writeHead(302, { Location: location, "Content-Length": "0" }).end();
        },
        (error) => {
          res.locals.logger.error({ err: error }, "vote post");
          next();
        },
      );
  });

  // after the vote post: a 302 without a body has nothing to compress
  server.use(compression());

  if (viteDevServer) {
    server.use(viteDevServer.middlewares);
  } else {
    // hashed names: immutable for a year; the .br/.gz made at build are sent as they are
    server.use(
      "/assets",
      expressStaticGzip("build/client/assets", {
        enableBrotli: true,
        orderPreference: ["br", "gzip"],
        index: false,
        serveStatic: { immutable: true, maxAge: "1y" },
      }),
    );
  }

  // the translation files a page names (app/modules/i18n/store.ts, ADR 0062): hashed, immutable
  server.get("/locales/:lang/:file", (req, res, next) => {
    const json = app.translationFile(req.params.lang, req.params.file);
    if (json === null) return next();
    res.set("Cache-Control", "public, max-age=31536000, immutable");
    res.type("application/json").send(json);
  });

  const getLoadContext = (req, res) => ({
    cspNonce: res.locals.cspNonce,
    requestId: res.locals.requestId,
    get logger() {
      return res.locals.logger;
    },
    ip: req.ip,
  });

  // Anonymous GET/HEAD of public pages and APIs from stored bytes (server/page-cache.js, ADR 0031).
  if (!viteDevServer && process.env.PAGE_CACHE !== "off") {
    server.use(
      pageCache({
        build,
        mode: isProd ? "production" : "development",
        readVersions: app.readContentVersions,
        apiLangFrom: app.apiLangFrom,
        getLoadContext,
      }),
    );
  }

  // the build's other public files (favicon …), after the page cache: a cached page costs no
  // file lookup (a stat per request was 15 % of an anonymous page view); only the names the build
  // holds go to the disk, so a page request never waits for a failed stat (and its error object)
  if (!viteDevServer) {
    const publicFiles = new Set(
      readdirSync("build/client", { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => `/${e.name}`),
    );
    const serveFile = express.static("build/client", { maxAge: "1h", index: false });
    server.use((req, res, next) =>
      publicFiles.has(req.path) ? serveFile(req, res, next) : next(),
    );
  }

  server.all(
    "*",
    createRequestHandler({
      build: viteDevServer ? () => loadBuild() : build,
      mode: isProd ? "production" : "development",
      getLoadContext,
    }),
  );

  const listener = server.listen(config.port, config.host, () => {
    logger.info({ url: config.publicUrl }, "listening");
    if (process.env.JYIYN_CLUSTER_WORKER === "1")
      process.send?.({ type: "jyiyn:listening", url: config.publicUrl });
    else console.log(`Jyiyn is running at ${config.publicUrl}`);
  });

  let stopping = false;
  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    listener.close(async () => {
      try {
        await app.shutdown();
        await viteDevServer?.close();
      } finally {
        process.exit(0);
      }
    });
    listener.closeIdleConnections?.();
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
