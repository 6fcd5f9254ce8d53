import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiBase, apiPreflight, jsonWithEtag } from "~/modules/hearings/api.server";
import { apiMunicipalities } from "~/modules/hearings/queries.server";

/** GET /api/v1/municipalities (docs/api.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  const base = apiBase(request);
  return jsonWithEtag(request, { municipalities: await apiMunicipalities(await getDb(), base) });
}

export const action = apiPreflight;
