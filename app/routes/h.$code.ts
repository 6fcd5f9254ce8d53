import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { preferredLang } from "~/modules/i18n/negotiate.server";
import { hearingPath } from "~/modules/reach/links";
import { getHearingIdByCode } from "~/modules/reach/queries.server";
import { notFound } from "~/modules/core/reply.server";

// The short link on posters and in messengers: to the hearing in the visitor's language.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = await getHearingIdByCode(await getDb(), params.code ?? "");
  if (id === null) throw notFound(preferredLang(request));
  return redirect(hearingPath(preferredLang(request), id), {
    status: 302,
    headers: { Vary: "Cookie, Accept-Language" },
  });
}
