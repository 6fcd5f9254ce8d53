import type { LoaderFunctionArgs } from "@remix-run/node";
import { langOfRequest, notFound } from "~/modules/core/reply.server";

// Anything unknown under /ky or /ru: the localized 404 page (root ErrorBoundary).
export function loader({ request }: LoaderFunctionArgs) {
  throw notFound(langOfRequest(request));
}

export default function NotFound() {
  return null;
}
