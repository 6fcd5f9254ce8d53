import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/core/reply.server";
import { preferredLang } from "~/modules/i18n/negotiate.server";

// Anything unknown outside /ky and /ru: a 404 in the visitor's preferred language.
export function loader({ request }: LoaderFunctionArgs) {
  throw notFound(preferredLang(request));
}

export default function NotFound() {
  return null;
}
