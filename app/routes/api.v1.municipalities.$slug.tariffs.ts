import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiPreflight } from "~/modules/hearings/api.server";
import { municipalityTariffsReply } from "~/modules/tariffs/api.server";

/** GET /api/v1/municipalities/{slug}/tariffs?asOf — in force and the full history (docs/api.md). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return municipalityTariffsReply(await getDb(), request, params.slug ?? "");
}

export const action = apiPreflight;
