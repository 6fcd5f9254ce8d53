import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiBase, apiPreflight, apiNotFound, jsonWithEtag } from "~/modules/hearings/api.server";
import { apiHearing } from "~/modules/hearings/queries.server";
import { toId } from "~/modules/http/ids";

/** GET /api/v1/hearings/{id} (docs/api.md); a draft answers 404 like a missing hearing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // a malformed id answers like a missing hearing (the API's 404 JSON, not a thrown page)
  const id = toId(params.id);
  const out = id === null ? null : await apiHearing(await getDb(), id, apiBase(request));
  return out ? jsonWithEtag(request, out) : apiNotFound(request);
}

export const action = apiPreflight;
