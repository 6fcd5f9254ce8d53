import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { requireLang } from "~/modules/i18n/route.server";
import { absoluteUrl, shortPath } from "~/modules/reach/links";
import { renderNoticePdf } from "~/modules/reach/notice.server";
import { getReachHearing } from "~/modules/reach/queries.server";
import { notFound } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";

// The printable notice poster of an announced (or open) hearing, Kyrgyz and Russian on one sheet.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const h = await getReachHearing(await getDb(), idParam(request, params, "id"));
  if (!h || (h.state !== "announced" && h.state !== "open")) {
    throw notFound(lang);
  }
  const pdf = await renderNoticePdf(h, absoluteUrl(env().publicUrl, shortPath(h.shortCode)));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="notice-${h.shortCode}.pdf"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
