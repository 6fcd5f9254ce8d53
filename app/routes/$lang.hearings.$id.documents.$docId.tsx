import { htmlOnly, loadAsDocument } from "~/components/enhance";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { getDocumentForDownload, mayView } from "~/modules/hearings/queries.server";
import { asciiFileName } from "~/modules/hearings/uploads.server";
import { requireLang } from "~/modules/i18n/route.server";
import { getStorage } from "~/modules/storage/storage.server";
import { notFound } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";
import { cleanFileName } from "~/modules/http/text";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

/** A hearing's document, served with its checked Content-Type; drafts' only to their officials. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const db = await getDb();
  const doc = await getDocumentForDownload(
    db,
    idParam(request, params, "id"),
    idParam(request, params, "docId"),
  );
  if (
    !doc ||
    !mayView(await getUser(request), { state: doc.state, municipalityId: doc.municipality_id })
  )
    throw notFound(lang);
  const data = await getStorage().get(doc.storage_key);
  if (!data) throw notFound(lang);
  const inline = /^(application\/pdf|image\/(png|jpeg))$/.test(doc.content_type);
  // the stored name without bidi or control characters ("отчёт‮fdp.exe" must not read as .pdf)
  const name = cleanFileName(doc.file_name, "document");
  const disposition = `${inline ? "inline" : "attachment"}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": doc.content_type,
      "Content-Length": String(data.byteLength),
      "Content-Disposition": disposition,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": doc.state === "draft" ? "private, no-store" : "public, max-age=3600",
      ETag: `"${doc.sha256}"`,
    },
  });
}
