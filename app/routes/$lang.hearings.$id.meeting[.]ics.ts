import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { nowIso } from "~/modules/core/clock.server";
import { getFixedT } from "~/modules/i18n/resources.server";
import { requireLang } from "~/modules/i18n/route.server";
import { buildMeetingIcs } from "~/modules/reach/ical";
import { absoluteUrl, hearingPath } from "~/modules/reach/links";
import { getReachHearing } from "~/modules/reach/queries.server";
import { notFound } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";

// The in-person meeting as an iCalendar event (Asia/Bishkek).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const h = await getReachHearing(await getDb(), idParam(request, params, "id"));
  if (!h || !h.meetingAt) throw notFound(lang);
  const t = getFixedT(lang, "reach");
  const base = env().publicUrl;
  const url = absoluteUrl(base, hearingPath(lang, h.id));
  const ics = buildMeetingIcs({
    uid: `hearing-${h.id}-meeting@${new URL(base).host}`,
    start: h.meetingAt,
    stamp: nowIso(),
    summary: t("ics.summary", { title: h.title[lang] || h.title.ky }),
    description: `${h.summary[lang] || h.title[lang]}\n${url}`,
    location: `${h.meetingPlace[lang] || h.meetingPlace.ky}, ${h.municipality.name[lang]}`,
    url,
    cancelled: h.state === "cancelled",
  });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="hearing-${h.id}.ics"`,
    },
  });
}
