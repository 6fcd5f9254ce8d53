import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiBase, apiPreflight, apiNotFound, jsonWithEtag } from "~/modules/hearings/api.server";
import { apiMunicipalityHearings } from "~/modules/hearings/queries.server";

/** GET /api/v1/municipalities/{slug}/hearings (docs/api.md); drafts never appear. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const out = await apiMunicipalityHearings(await getDb(), params.slug ?? "", apiBase(request));
  return out ? jsonWithEtag(request, out) : apiNotFound(request);
}

export const action = apiPreflight;
