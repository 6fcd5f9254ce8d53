import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiPreflight } from "~/modules/hearings/api.server";
import { tariffsJsonReply } from "~/modules/tariffs/api.server";

/** GET /api/v1/tariffs?oblast&district&municipality&service&category&unit&asOf (docs/api.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  return tariffsJsonReply(await getDb(), request);
}

export const action = apiPreflight;
