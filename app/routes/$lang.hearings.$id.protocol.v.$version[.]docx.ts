import type { LoaderFunctionArgs } from "@remix-run/node";
import { protocolFileResponse } from "~/modules/protocol/http.server";

// One version of the protocol as DOCX.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  protocolFileResponse(request, params, "docx");
