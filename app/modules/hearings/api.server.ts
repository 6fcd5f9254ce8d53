/** Open-data JSON replies: ETag + If-None-Match → 304, CORS for everyone, short caching. */
import { createHash } from "node:crypto";
import { env } from "../core/env.server";
import { DomainError } from "../core/errors";
import { apiLangOf, apiRefusal } from "../core/reply.server";

export function apiBase(request: Request): string {
  try {
    return env().publicUrl.replace(/\/$/, "");
  } catch {
    return new URL(request.url).origin;
  }
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match",
  "Access-Control-Expose-Headers": "ETag",
};

export function jsonWithEtag(request: Request, body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  const headers = {
    ...CORS,
    ETag: etag,
    "Cache-Control": "public, max-age=60",
    Vary: "Origin",
  };
  const inm = request.headers.get("if-none-match");
  if (status === 200 && inm && inm.split(",").some((x) => x.trim().replace(/^W\//, "") === etag))
    return new Response(null, { status: 304, headers });
  return new Response(text, {
    status,
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
  });
}

/**
 * The API's 404 (unknown or not public), localized like every API refusal:
 * `{ error: { code: "common:errors.notFoundText", message } }` with CORS headers.
 */
export function apiNotFound(request: Request): Response {
  const r = apiRefusal(apiLangOf(request), new DomainError("common:errors.notFoundText", {}, 404));
  for (const [k, v] of Object.entries(CORS)) r.headers.set(k, v);
  return r;
}

/** The API's `action`: answers a CORS preflight (OPTIONS); anything else is not allowed. */
export function apiPreflight({ request }: { request: Request }): Response {
  if (request.method === "OPTIONS")
    return new Response(null, {
      status: 204,
      headers: { ...CORS, "Access-Control-Max-Age": "86400" },
    });
  const r = apiRefusal(
    apiLangOf(request),
    new DomainError("common:errors.methodNotAllowed", {}, 405),
  );
  for (const [k, v] of Object.entries(CORS)) r.headers.set(k, v);
  r.headers.set("Allow", "GET, HEAD, OPTIONS");
  return r;
}
