import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiLang, commentsCsv } from "~/modules/participation/api.server";
import { getHearingContext } from "~/modules/participation/context.server";
import { DomainError } from "~/modules/core/errors";
import { apiRefusal } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";
import { apiPreflight } from "~/modules/hearings/api.server";

// GET /api/v1/hearings/{id}/comments.csv?lang=ky|ru — UTF-8 with BOM (docs/api.md)
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = apiLang(request);
  const db = await getDb();
  const h = await getHearingContext(db, idParam(request, params, "id"));
  if (!h) return apiRefusal(lang, new DomainError("participation:errors.hearingNotFound", {}, 404));
  const csv = await commentsCsv(db, h, lang);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="hearing-${h.id}-comments.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

/** Every method but GET/HEAD: 405 in the API's JSON shape (OPTIONS: the CORS preflight). */
export const action = apiPreflight;
