import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { nowIso } from "~/modules/core/clock.server";
import { getFixedT } from "~/modules/i18n/resources.server";
import { requireLang } from "~/modules/i18n/route.server";
import { buildAtom } from "~/modules/reach/atom";
import {
  absoluteUrl,
  feedPath,
  hearingPath,
  municipalityPath,
  protocolPath,
  resultsPath,
} from "~/modules/reach/links";
import { getMunicipalityFeed } from "~/modules/reach/queries.server";
import { notFound } from "~/modules/core/reply.server";

// The municipality's Atom feed: new hearings, results, approved protocols.
export async function loader({ params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const feed = await getMunicipalityFeed(await getDb(), params.slug ?? "");
  if (!feed) throw notFound(lang);
  const t = getFixedT(lang, "reach");
  const base = env().publicUrl;
  const name = feed.municipality.name[lang];
  const selfUrl = absoluteUrl(base, feedPath(lang, feed.municipality.slug));
  const pathOf = { announced: hearingPath, results: resultsPath, protocol: protocolPath };
  const xml = buildAtom({
    id: selfUrl,
    title: t("feed.title", { municipality: name }),
    subtitle: t("feed.subtitle"),
    lang,
    selfUrl,
    siteUrl: absoluteUrl(base, municipalityPath(lang, feed.municipality.slug)),
    updated: feed.entries[0]?.at ?? nowIso(),
    author: name,
    entries: feed.entries.map((e) => {
      const url = absoluteUrl(base, pathOf[e.kind](lang, e.hearingId));
      return {
        id: `${absoluteUrl(base, hearingPath(lang, e.hearingId))}#${e.kind}`,
        title: t(`feed.entry.${e.kind}`, { title: e.title[lang] || e.title.ky }),
        url,
        updated: e.at,
        summary: e.summary[lang] || e.title[lang] || e.title.ky,
      };
    }),
  });
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
