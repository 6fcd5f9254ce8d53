import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiReply } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";
import { resultsFor } from "~/modules/participation/api.server";
import { apiPreflight } from "~/modules/hearings/api.server";

// GET /api/v1/hearings/{id}/results — after close only; 403 before, for everyone (docs/api.md)
export async function loader({ params, request }: LoaderFunctionArgs) {
  return apiReply(request, async () => {
    const body = await resultsFor(await getDb(), idParam(request, params, "id"));
    // public: the page cache stores it for visitors and validates it by the hearing's version
    return Response.json(body);
  });
}

/** Every method but GET/HEAD: 405 in the API's JSON shape (OPTIONS: the CORS preflight). */
export const action = apiPreflight;
