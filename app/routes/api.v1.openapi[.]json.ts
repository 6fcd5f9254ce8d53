import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/modules/api/openapi.server";
import { apiBase, apiPreflight, jsonWithEtag } from "~/modules/hearings/api.server";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of every open-data endpoint (docs/api.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  return jsonWithEtag(request, openApiDocument(apiBase(request)));
}

export const action = apiPreflight;
