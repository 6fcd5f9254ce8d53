/* global window, document, performance, PerformanceObserver */
// First load on a cheap phone (part of `npm run bench`): Chromium at 360 × 740 px, slow 3G
// (400 ms latency, 400 kbit/s both ways), CPU slowed 4×, an empty cache per page. For the home,
// a municipality and a hearing page of the demo data (SQLite, one production instance): bytes
// transferred (HTML + CSS + JS as sent, compressed), requests, LCP and the time the page is
// interactive (its enhancement script ran, ADR 0067, or the client router hydrated), from
// navigation start. Prints one JSON line.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { freePort } from "../deploy/start.js";

const dir = mkdtempSync(join(os.tmpdir(), "jyiyn-phone-"));
const db = join(dir, "demo.sqlite");
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  DEMO: "1",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: db,
  PUBLIC_URL: base,
  LOG_LEVEL: "warn",
};
const s = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/seed.ts"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
if (s.status !== 0) process.exit(1);
const server = spawn(process.execPath, ["server.js"], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise((ok, fail) => {
  let out = "";
  server.stdout.on("data", (b) => {
    out += b;
    if (out.includes("is running at")) ok();
  });
  server.once("exit", (c) => fail(new Error(`server exited ${c}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const pages = [
  { name: "home", path: "/ky" },
  { name: "municipality", path: "/ky/m/issyk-kul-tyup" },
  { name: "hearing", path: "/ky/hearings/1" },
];
try {
  for (const p of pages) {
    // the server-side page cache is warm, as it is when a link goes round a village
    await (await fetch(base + p.path)).text();
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1000) / 8,
      uploadThroughput: (400 * 1000) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    let bytes = 0;
    let requests = 0;
    const urls = new Map();
    cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
    const each = [];
    cdp.on("Network.loadingFinished", (e) => {
      bytes += e.encodedDataLength;
      requests++;
      each.push([urls.get(e.requestId)?.replace(base, ""), e.encodedDataLength]);
    });
    await page.addInitScript(() => {
      window.__lcp = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__lcp = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    await page.goto(base + p.path, { waitUntil: "load", timeout: 120_000 });
    // interactive: the inline enhancement script has run (HTML-only pages, ADR 0067) or the
    // client router has hydrated (the pages that hydrate)
    await page.waitForFunction(
      () => document.documentElement.dataset.enhanced === "1" || "__remixRouter" in window,
      null,
      { timeout: 120_000 },
    );
    // the enhancement script's mark, else (a hydrated page) the time the router was found
    p.hydrated = Math.round(
      await page.evaluate(
        () => performance.getEntriesByName("jyiyn:enhanced")[0]?.startTime ?? performance.now(),
      ),
    );
    await page.waitForLoadState("networkidle");
    p.lcp = Math.round(await page.evaluate(() => window.__lcp));
    p.bytes = bytes;
    p.requests = requests;
    if (process.env.PHONE_VERBOSE) console.error(p.name, JSON.stringify(each));
    await context.close();
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ pages }));
