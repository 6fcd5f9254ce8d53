// The request layer in front of Remix (see docs/architecture.md, "The request layer"). Every
// request passes here once, so no route has to defend itself against the kinds below:
//
// - a path that does not decode or holds control characters → 404; control characters in the
//   query string are removed (PostgreSQL refuses NUL in text);
// - cookies: a `lang` other than ky/ru, a session token of the wrong shape, or any value that does
//   not decode is dropped from the request and cleared in the response;
// - bodies of POST/PUT/PATCH/DELETE: only forms (urlencoded, multipart) → else 415; at most
//   `formMaxBytes` (multipart: `uploadMaxBytes + formMaxBytes`) → else 413, decided from
//   Content-Length before reading or while counting the stream, never after buffering it all.
//
// Refusals are localized pages (or JSON under /api/) made by `refuse(pathname, acceptLanguage,
// key, status, params)` from the app (`plainRefusal` in app/modules/core/reply.server.ts).
/* global AbortController, Request */
import { Buffer } from "node:buffer";
import { URLSearchParams } from "node:url";
/* global Headers */
import remixNode from "@remix-run/node";

const { createRequestHandler: createRemixHandler, writeReadableStreamToWritable } = remixNode;

/** The request's headers as Fetch Headers (as @remix-run/express does). */
function remixHeaders(requestHeaders) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else headers.set(key, values);
  }
  return headers;
}

/** Sends a Fetch Response through Express (as @remix-run/express does). */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROLS_G = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Which cookie values the app accepts; anything else under these names is cleared. */
const COOKIE_RULES = {
  lang: (v) => v === "ky" || v === "ru",
  jyiyn_session: (v) => /^[a-z2-7]{16,64}$/.test(v),
};

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * The cookie header without unusable cookies, and the names to clear.
 * @param {string | undefined} header
 * @returns {{ header: string | undefined, cleared: string[] }}
 */
export function filterCookies(header) {
  if (!header) return { header, cleared: [] };
  const kept = [];
  const cleared = [];
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part
      .slice(i + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    const value = safeDecode(raw);
    const rule = COOKIE_RULES[name];
    if (value === null || CONTROLS.test(value) || (rule && !rule(value))) {
      if (/^[\w.-]+$/.test(name)) cleared.push(name);
      continue;
    }
    kept.push(`${name}=${raw}`);
  }
  return { header: kept.length ? kept.join("; ") : undefined, cleared };
}

/**
 * The query string with control characters removed from every name and value and without
 * "_data", or null when nothing had to change.
 * @param {string} search without "?"
 */
export function cleanQuery(search) {
  const params = new URLSearchParams(search);
  let changed = false;
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    if (k === "_data") {
      changed = true;
      continue;
    }
    const ck = k.replace(/\r\n?/g, "\n").replace(CONTROLS_G, "");
    const cv = v.replace(/\r\n?/g, "\n").replace(CONTROLS_G, "");
    if (ck !== k || cv !== v) changed = true;
    out.append(ck, cv);
  }
  return changed ? out.toString() : null;
}

/**
 * A refused body up to this size is read to its end and thrown away, so that the client (which is
 * still sending) receives the answer cleanly; a larger one is answered at once and its connection
 * closed, so reading it costs nothing (a 100 MB body: 413 after the first bytes).
 */
const DISCARD_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads the rest of a refused body and throws it away (nothing is kept), then answers: the client
 * receives the refusal on a healthy connection once it has sent its body. A body larger than
 * DISCARD_MAX_BYTES is answered at once and its connection closed.
 */
function refuseAfterDiscarding(req, res, declared, answer) {
  const closeNow = () => {
    res.set("Connection", "close"); // Node ends the socket once the answer is written
    answer();
  };
  if (declared && /^\d+$/.test(declared) && Number(declared) > DISCARD_MAX_BYTES) return closeNow();
  if (req.complete) return answer();
  let seen = 0;
  let done = false;
  req.on("data", (chunk) => {
    seen += chunk.length;
    if (seen > DISCARD_MAX_BYTES && !done) {
      done = true;
      closeNow();
    }
  });
  req.on("end", () => {
    if (!done) {
      done = true;
      answer();
    }
  });
  req.resume();
}

/**
 * The Express middleware of the request layer.
 * @param {{ refuse: Function, formMaxBytes: number, uploadMaxBytes: number }} opts
 */
export function requestLayer({ refuse, formMaxBytes, uploadMaxBytes }) {
  const send = (req, res, key, status, params) => {
    const r = refuse(req.path, req.get("accept-language"), key, status, params);
    res.status(r.status).type(r.contentType).send(r.body);
  };
  return (req, res, next) => {
    // 1. the path: must decode, no control characters
    const [path, ...rest] = req.originalUrl.split("?");
    const decoded = safeDecode(path);
    if (decoded === null || CONTROLS.test(decoded))
      return send(req, res, "common:errors.notFoundText", 404);
    // 2. the query string: control characters removed, and no "_data" (Remix's data requests
    //    before single fetch; this app never sends one, and Remix answers a bad one with a 500)
    if (rest.length) {
      const cleaned = cleanQuery(rest.join("?"));
      if (cleaned !== null) {
        req.originalUrl = cleaned ? `${path}?${cleaned}` : path;
        req.url = req.originalUrl;
      }
    }
    // 3. cookies: unusable ones dropped and cleared
    const { header, cleared } = filterCookies(req.headers.cookie);
    if (cleared.length) {
      if (header) req.headers.cookie = header;
      else delete req.headers.cookie;
      for (const name of cleared)
        res.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; SameSite=Lax`);
    }
    if (!BODY_METHODS.has(req.method)) return next();
    // 4. the API takes no bodies: whatever is sent is read and thrown away, and the route answers
    //    in the API's JSON shape (404 unknown path, 405 known path; OPTIONS is the CORS preflight)
    if (req.path === "/api" || req.path.startsWith("/api/"))
      return refuseAfterDiscarding(req, res, req.get("content-length"), () => next());
    // 5. the body: a form within its limit, counted while it streams
    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!FORM_TYPES.has(type))
      return refuseAfterDiscarding(req, res, req.get("content-length"), () =>
        send(req, res, "common:errors.notAForm", 415),
      );
    const limit = type === "multipart/form-data" ? uploadMaxBytes + formMaxBytes : formMaxBytes;
    const mb = (limit / 1024 / 1024).toFixed(limit < 1024 * 1024 ? 2 : 0);
    const declared = req.get("content-length");
    const tooLarge = () =>
      refuseAfterDiscarding(req, res, declared, () =>
        send(req, res, "common:errors.tooLarge", 413, { mb }),
      );
    if (declared && /^\d+$/.test(declared) && Number(declared) > limit) return tooLarge();
    const chunks = [];
    let total = 0;
    let refused = false;
    const onData = (chunk) => {
      total += chunk.length;
      if (total > limit) {
        refused = true;
        chunks.length = 0;
        req.off("data", onData);
        req.off("end", onEnd);
        tooLarge();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (refused) return;
      res.locals.body = Buffer.concat(chunks, total);
      next();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", () => {
      if (!refused && !res.headersSent) send(req, res, "common:errors.badForm", 400);
      refused = true;
    });
  };
}

/**
 * The Remix handler for Express (as @remix-run/express's, but the body is the one the request
 * layer has read and counted).
 */
export function createRequestHandler({ build, mode, getLoadContext }) {
  const handle = createRemixHandler(build, mode);
  return async (req, res, next) => {
    try {
      // as @remix-run/express: the host as Express resolves it ("trust proxy"), with the port
      const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
      const [, hostPort] = req.get("host")?.split(":") ?? [];
      const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find((p) =>
        Number.isSafeInteger(p),
      );
      let url;
      try {
        url = new URL(
          `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
        );
      } catch {
        return res.status(400).type("text/plain; charset=utf-8").send("Bad Request");
      }
      let controller = new AbortController();
      const headers = remixHeaders(req.headers);
      const init = { method: req.method, headers, signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") {
        const body = res.locals.body ?? Buffer.alloc(0);
        headers.delete("transfer-encoding");
        headers.set("content-length", String(body.length));
        init.body = body;
      }
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const response = await handle(new Request(url.href, init), await getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
