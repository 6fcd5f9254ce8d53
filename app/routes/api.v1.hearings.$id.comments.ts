import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiLang, commentsPageJson } from "~/modules/participation/api.server";
import { getHearingContext } from "~/modules/participation/context.server";
import { DomainError } from "~/modules/core/errors";
import { apiRefusal } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";
import { apiPreflight } from "~/modules/hearings/api.server";

// GET /api/v1/hearings/{id}/comments?cursor=&limit=&stance=&target=&unanswered=1 (docs/api.md)
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = apiLang(request);
  const db = await getDb();
  const h = await getHearingContext(db, idParam(request, params, "id"));
  if (!h) return apiRefusal(lang, new DomainError("participation:errors.hearingNotFound", {}, 404));
  const body = await commentsPageJson(db, h, new URL(request.url), lang);
  // public: the page cache stores it for visitors and validates it by the hearing's version
  return Response.json(body);
}

/** Every method but GET/HEAD: 405 in the API's JSON shape (OPTIONS: the CORS preflight). */
export const action = apiPreflight;
