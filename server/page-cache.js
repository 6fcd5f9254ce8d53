// The page cache (ADR 0031): anonymous GET/HEAD answers of public pages and APIs served from
/* global Buffer, Headers, Request */
// rendered bytes kept in memory, per host + URL, with brotli/gzip made once per version.
//
// Correct across instances: before serving, the content versions of the URL's scopes are read
// from the database ("all" and "h:<id>" for a hearing's pages and API, "all" and "lists" for the
// rest); database triggers raise them in the transaction of every write that changes what those
// pages show (db/content-versions.ts). A stored answer whose versions differ is rendered again.
//
// CSP: a stored HTML page is served with the SHA-256 hashes of its inline scripts in script-src
// instead of the per-request nonce (the nonce attributes left in the bytes grant nothing).
// Headers for shared caches: Cache-Control public with s-maxage=1 (nginx micro-caching), an ETag
// per version and encoding (If-None-Match → 304), Vary: Accept-Encoding, Cookie. Requests with a
// session cookie never come here: they get Cache-Control private, no-store.
//
// This layer is independent of the request parsing: it sits in front of the Remix handler for GET
// and HEAD only, and renders through the same build with the same load context.
import crypto from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/node";
import Negotiator from "negotiator";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const SESSION_COOKIE = "jyiyn_session";
const LANG_COOKIE = "lang";
/** Paths under /ky or /ru that depend on the person (never cached even for anonymous visitors). */
const PERSONAL =
  /^\/(ky|ru)\/(account|office|admin|council|notifications|login|logout|register|reset|verify|invite|unsubscribe)(\/|\.data|$)/;
const PUBLIC = /^\/((ky|ru)(\/|\.data$|$)|api\/v1\/)/;
const HEARING = /^\/(?:(?:ky|ru)\/hearings|api\/v1\/hearings)\/(\d+)(?:[/.]|$)/;
const STORABLE_TYPES =
  /^(text\/html|application\/json|text\/x-script|application\/atom\+xml|text\/calendar|text\/csv)/;
/** Response headers not kept with a stored answer (per request, or set by this layer). */
const DROP = new Set([
  "set-cookie",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "content-security-policy",
  "x-request-id",
  "cache-control",
  "etag",
  "vary",
]);

/** True when the request carries a session cookie (a signed-in person, or one who was). */
export function hasSessionCookie(req) {
  const c = req.headers.cookie;
  return !!c && c.split(";").some((p) => p.trim().startsWith(`${SESSION_COOKIE}=`));
}

/** The content-version scopes a public URL's answer depends on, or null if it is not cached. */
export function scopesFor(path) {
  if (!PUBLIC.test(path) || PERSONAL.test(path)) return null;
  const h = HEARING.exec(path);
  return h ? ["all", `h:${h[1]}`] : ["all", "lists"];
}

/**
 * The encoding of the stored answer to send: br, gzip or identity as Accept-Encoding allows
 * (q-values honoured, `q=0` refuses; equal q-values: br first), the same rule as
 * app/modules/http/compress.server.ts.
 */
function encodingFor(req) {
  return (
    new Negotiator(req).encoding(["br", "gzip", "identity"], {
      preferred: ["br", "gzip", "identity"],
    }) ?? "identity"
  );
}

function inlineScriptHashes(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(m[1]) || m[2] === "") continue;
    out.push(`'sha256-${crypto.createHash("sha256").update(m[2]).digest("base64")}'`);
  }
  return [...new Set(out)];
}

/**
 * The Express middleware. Options: build (the server build), mode, readVersions(scopes) →
 * {scope: version}, getLoadContext(req, res), maxBytes (memory budget of the stored bodies),
 * maxAgeMs (an answer is rendered again after this long even without a write: pages show the
 * hearing's state derived from the clock and relative dates), apiLangFrom(queryLang, acceptLanguage)
 * → "ky" | "ru" (the language an `/api/` answer is in; it is part of the key and the answers carry
 * `Vary: Accept-Language`).
 */
export function pageCache({
  build,
  mode,
  readVersions,
  getLoadContext,
  apiLangFrom = () => "",
  maxBytes = 64 << 20,
  maxAgeMs = 60_000,
}) {
  const handle = createRequestHandler(build, mode);
  // the same reading as the app's apiLangOf: the first `lang` of the query, else the header
  const apiLang = (req) => {
    const a = req.headers["accept-language"];
    return apiLangFrom(
      new URL(req.originalUrl, "http://x").searchParams.get("lang"),
      Array.isArray(a) ? a.join(", ") : (a ?? null),
    );
  };

  /** key → entry, in least-recently-used order */
  const store = new Map();
  const rendering = new Map();
  let bytes = 0;

  function keep(key, entry) {
    const old = store.get(key);
    if (old) {
      bytes -= old.size;
      store.delete(key);
    }
    store.set(key, entry);
    bytes += entry.size;
    for (const [k, e] of store) {
      if (bytes <= maxBytes) break;
      store.delete(k);
      bytes -= e.size;
    }
  }

  async function render(req, res, key, vkey) {
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host")}`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      // the layer compresses what it stores itself: the render must give it plain bytes
      if (k === "cookie" || k === "accept-encoding" || k.startsWith("if-") || v === undefined)
        continue;
      headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    }
    const response = await handle(
      new Request(url, { method: "GET", headers }),
      getLoadContext(req, res),
    );
    const body = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    const cookies = response.headers.getSetCookie();
    const storable =
      response.status === 200 &&
      STORABLE_TYPES.test(type) &&
      !/no-store|private/.test(response.headers.get("cache-control") ?? "") &&
      cookies.every((c) => c.startsWith(`${LANG_COOKIE}=`));
    const entry = {
      vkey,
      at: Date.now(),
      status: response.status,
      headers: [...response.headers].filter(([k]) => !DROP.has(k)),
      langCookie: cookies.find((c) => c.startsWith(`${LANG_COOKIE}=`)) ?? null,
      allCookies: cookies,
      identity: body,
      size: body.length,
      storable,
      scriptHashes: type.startsWith("text/html") ? inlineScriptHashes(body.toString("utf8")) : null,
      etag: `"${crypto.createHash("sha1").update(body).digest("base64url").slice(0, 22)}`,
    };
    if (storable && body.length > 1024) {
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzip(body, { level: 9 }),
      ]);
      entry.br = br;
      entry.gzip = gz;
      entry.size += br.length + gz.length;
    }
    if (storable) keep(key, entry);
    return entry;
  }

  function send(req, res, entry, how) {
    const enc = entry.br ? encodingFor(req) : "identity";
    const body = enc === "br" ? entry.br : enc === "gzip" ? entry.gzip : entry.identity;
    res.status(entry.status);
    for (const [k, v] of entry.headers) res.setHeader(k, v);
    if (!entry.storable) {
      for (const c of entry.allCookies) res.append("Set-Cookie", c);
      res.setHeader("Cache-Control", "no-cache");
    } else {
      const lang = /^\/(ky|ru)\b/.exec(req.path)?.[1];
      if (entry.langCookie && !(req.headers.cookie ?? "").includes(`${LANG_COOKIE}=${lang}`))
        res.append("Set-Cookie", entry.langCookie);
      res.setHeader("Cache-Control", "public, max-age=0, s-maxage=1, must-revalidate");
      res.setHeader(
        "Vary",
        req.path.startsWith("/api/")
          ? "Accept-Encoding, Accept-Language, Cookie"
          : "Accept-Encoding, Cookie",
      );
      res.setHeader("ETag", `${entry.etag}-${enc}"`);
    }
    if (entry.scriptHashes) {
      const csp = String(res.getHeader("Content-Security-Policy") ?? "");
      res.setHeader(
        "Content-Security-Policy",
        csp.replace(/'nonce-[^']*'/, entry.scriptHashes.join(" ") || "'none'"),
      );
    }
    res.setHeader("X-Cache", how);
    if (enc !== "identity") res.setHeader("Content-Encoding", enc);
    const tag = `${entry.etag}-${enc}"`;
    if (entry.storable && String(req.headers["if-none-match"] ?? "").includes(tag)) {
      res.status(304).end();
      return;
    }
    res.setHeader("Content-Length", body.length);
    if (req.method === "HEAD") res.end();
    else res.end(body);
  }

  return async function pageCacheMiddleware(req, res, next) {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (hasSessionCookie(req)) {
      res.setHeader("Cache-Control", "private, no-store");
      return next();
    }
    const scopes = scopesFor(req.path);
    if (!scopes || !URL.canParse(req.originalUrl, `${req.protocol}://${req.get("host")}`))
      return next(); // the Remix handler answers what cannot be cached (or parsed)
    try {
      const versions = await readVersions(scopes);
      const vkey = scopes.map((s) => `${s}=${versions[s] ?? 0}`).join(",");
      const api = req.path.startsWith("/api/");
      const key = `${req.get("host")}${req.originalUrl}${api ? `\n${apiLang(req)}` : ""}`;
      const hit = store.get(key);
      if (hit && hit.vkey === vkey && Date.now() - hit.at < maxAgeMs) {
        store.delete(key); // most recently used last
        store.set(key, hit);
        return send(req, res, hit, "hit");
      }
      const flight = `${key}\n${vkey}`;
      let p = rendering.get(flight);
      const mine = !p;
      if (!p) {
        p = render(req, res, key, vkey).finally(() => rendering.delete(flight));
        rendering.set(flight, p);
      }
      const entry = await p;
      if (!mine && !entry.storable) return next(); // someone else's personal answer: render ours
      return send(req, res, entry, "miss");
    } catch (error) {
      return next(error);
    }
  };
}
