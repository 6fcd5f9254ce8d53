import type { LoaderFunctionArgs } from "@remix-run/node";
import { protocolFileResponse } from "~/modules/protocol/http.server";

// The latest version this person may read (approved: the frozen file), as DOCX.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  protocolFileResponse(request, params, "docx");
