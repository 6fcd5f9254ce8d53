import type { LoaderFunctionArgs } from "@remix-run/node";
import { protocolFileResponse } from "~/modules/protocol/http.server";

// One version of the protocol as PDF.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  protocolFileResponse(request, params, "pdf");
