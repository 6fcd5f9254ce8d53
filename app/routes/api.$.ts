/**
 * Any path under /api/ that no endpoint answers (an unknown resource, an old or future version),
 * whatever the method: 404 in the API's JSON shape `{ error: { code, message } }`, localized by
 * `?lang=` or Accept-Language (never the HTML page of `$.tsx`). Known endpoints answer other
 * methods with 405 themselves (`apiPreflight`).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiNotFound } from "~/modules/hearings/api.server";

export const loader = ({ request }: LoaderFunctionArgs) => apiNotFound(request);
export const action = ({ request }: ActionFunctionArgs) => apiNotFound(request);
