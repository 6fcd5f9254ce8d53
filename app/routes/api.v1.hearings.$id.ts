import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiBase, apiPreflight, apiNotFound, jsonWithEtag } from "~/modules/hearings/api.server";
import { apiHearing } from "~/modules/hearings/queries.server";
import { idParam } from "~/modules/http/params.server";

/** GET /api/v1/hearings/{id} (docs/api.md); a draft answers 404 like a missing hearing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const out = await apiHearing(await getDb(), idParam(request, params, "id"), apiBase(request));
  return out ? jsonWithEtag(request, out) : apiNotFound();
}

export const action = apiPreflight;
