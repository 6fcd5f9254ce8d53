import { htmlOnly, loadAsDocument } from "~/components/enhance";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { requireLang } from "~/modules/i18n/route.server";
import { findMunicipalitySlugs } from "~/modules/places/queries.server";
import { queryText } from "~/modules/http/params.server";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

// The header's municipality picker: one match → its page; otherwise the searchable list.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const q = (queryText(new URL(request.url), "q", 100) ?? "").trim();
  if (q) {
    const slugs = await findMunicipalitySlugs(await getDb(), q);
    if (slugs.length === 1) return redirect(`/${lang}/m/${slugs[0]}`);
  }
  return redirect(
    q ? `/${lang}?q=${encodeURIComponent(q)}#municipalities` : `/${lang}#municipalities`,
  );
}
