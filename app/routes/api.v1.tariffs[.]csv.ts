import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { apiPreflight } from "~/modules/hearings/api.server";
import { tariffsCsvReply } from "~/modules/tariffs/api.server";

/** GET /api/v1/tariffs.csv — the same filters as /api/v1/tariffs; UTF-8 with BOM (docs/api.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  return tariffsCsvReply(await getDb(), request);
}

export const action = apiPreflight;
