import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { notFound } from "~/modules/core/reply.server";
import { requireLang } from "~/modules/i18n/route.server";
import { getStorage } from "~/modules/storage/storage.server";
import { tariffDocument } from "~/modules/tariffs/queries.server";
import { toId } from "~/modules/http/ids";
import { cleanFileName } from "~/modules/http/text";

/** GET /{lang}/m/{slug}/tariffs/{id}/document — the scan of a hand-entered tariff's resolution. */
export async function loader({ params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const id = toId(params.entryId);
  const doc = id == null ? null : await tariffDocument(await getDb(), params.slug ?? "", id);
  const data = doc?.key ? await getStorage().get(doc.key) : null;
  if (!doc || !data) throw notFound(lang);
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": doc.contentType ?? "application/octet-stream",
      "Content-Disposition": `inline; filename="tariff-${id}-${encodeURIComponent(cleanFileName(doc.name ?? "scan", "scan"))}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
