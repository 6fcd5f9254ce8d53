import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiLang, resultsReply } from "~/modules/participation/api.server";
import { apiError } from "~/modules/participation/respond.server";
import { idParam } from "~/modules/http/params.server";

// GET /api/v1/hearings/{id}/results — after close only; 403 before, for everyone (docs/api.md)
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = apiLang(request);
  const r = await resultsReply(await getDb(), idParam(request, params, "id"));
  if (!r.ok) return apiError(lang, r.key, r.status);
  return Response.json(r.body, { headers: { "Cache-Control": "no-store" } });
}
