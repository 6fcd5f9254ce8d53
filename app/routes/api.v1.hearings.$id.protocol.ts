import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { apiNotFound } from "~/modules/hearings/api.server";
import { protocolApiJson } from "~/modules/protocol/api.server";
import { toId } from "~/modules/http/ids";
import { apiPreflight } from "~/modules/hearings/api.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

/** GET /api/v1/hearings/{id}/protocol (docs/api.md, schema `ProtocolReply` in /api/v1/openapi.json). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = toId(params.id);
  if (id == null) return apiNotFound(request);
  const body = await protocolApiJson(
    await getDb(),
    id,
    await getUser(request),
    env().publicUrl.replace(/\/$/, ""),
  );
  return body ? json(body) : apiNotFound(request);
}

/** Every method but GET/HEAD: 405 in the API's JSON shape (OPTIONS: the CORS preflight). */
export const action = apiPreflight;
