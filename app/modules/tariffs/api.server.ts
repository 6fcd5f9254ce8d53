/**
 * The register's open-data replies (docs/api.md): query parameters parsed once, JSON with an
 * ETag (304 on If-None-Match), CSV with a BOM and an ETag. Errors as `{ error: { code, message } }`.
 */
import { createHash } from "node:crypto";
import type { DB } from "#db/connection";
import { apiBase, apiNotFound, jsonWithEtag } from "../hearings/api.server";
import { apiLang } from "../participation/api.server";
import { apiMunicipalityTariffs, apiTariffs, bishkekToday, tariffsCsv } from "./queries.server";
import type { TariffFilter } from "./queries.server";
import { isCalendarDate } from "./register";

const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag" };

function badRequest(message: string): Response {
  return new Response(JSON.stringify({ error: { code: "bad_request", message } }), {
    status: 400,
    headers: { ...CORS, "Content-Type": "application/json; charset=utf-8" },
  });
}

/** The filters and `asOf` of a request; a string is an error message (400). */
export function parseTariffQuery(request: Request): { f: TariffFilter; asOf: string } | string {
  const sp = new URL(request.url).searchParams;
  const f: TariffFilter = {};
  for (const k of ["oblast", "district", "municipality", "service", "category", "unit"] as const) {
    const v = sp.get(k)?.trim();
    if (v) {
      if (v.length > 100) return `${k}: too long`;
      f[k] = v;
    }
  }
  const asOf = sp.get("asOf")?.trim() || bishkekToday();
  if (!isCalendarDate(asOf)) return "asOf: a calendar date yyyy-mm-dd (Asia/Bishkek) is expected";
  return { f, asOf };
}

/** `GET /api/v1/tariffs` (JSON). */
export async function tariffsJsonReply(db: DB, request: Request): Promise<Response> {
  const q = parseTariffQuery(request);
  if (typeof q === "string") return badRequest(q);
  return jsonWithEtag(request, await apiTariffs(db, q.f, q.asOf, apiBase(request)));
}

/** `GET /api/v1/tariffs.csv` (UTF-8 with BOM; names in `?lang=ky|ru`). */
export async function tariffsCsvReply(db: DB, request: Request): Promise<Response> {
  const q = parseTariffQuery(request);
  if (typeof q === "string") return badRequest(q);
  const lang = apiLang(request);
  const csv = await tariffsCsv(db, q.f, q.asOf, lang);
  const etag = `"${createHash("sha256").update(csv).digest("base64url").slice(0, 27)}"`;
  const headers = {
    ...CORS,
    ETag: etag,
    "Cache-Control": "public, max-age=60",
    Vary: "Accept-Language",
  };
  if (request.headers.get("if-none-match")?.includes(etag))
    return new Response(null, { status: 304, headers });
  return new Response(csv, {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tariffs-${q.asOf}-${lang}.csv"`,
    },
  });
}

/** `GET /api/v1/municipalities/{slug}/tariffs` (JSON, with history). */
export async function municipalityTariffsReply(
  db: DB,
  request: Request,
  slug: string,
): Promise<Response> {
  const q = parseTariffQuery(request);
  if (typeof q === "string") return badRequest(q);
  const out = await apiMunicipalityTariffs(db, slug, q.asOf, apiBase(request));
  if (!out) return apiNotFound(request);
  return jsonWithEtag(request, out);
}
