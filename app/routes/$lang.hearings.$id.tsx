import { htmlOnly, loadAsDocument } from "~/components/enhance";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Kept } from "~/components/kept";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/guards.server";
import { nowIso } from "~/modules/core/clock.server";
import { getDb } from "~/modules/core/db.server";
import { byContentVersion, readingId } from "~/modules/core/memo.server";
import { parseCalcInput } from "~/modules/hearings/calculator";
import { HearingContent, timeLeft } from "~/modules/hearings/components";
import { getHearingView, mayView } from "~/modules/hearings/queries.server";
import { titleMeta } from "~/modules/i18n/meta";
import { HearingComparison } from "~/modules/tariffs/components";
import { hearingComparison } from "~/modules/tariffs/page.server";
import { env } from "~/modules/core/env.server";
import { formatDate } from "~/modules/format/format";
import { HearingReachLinks } from "~/modules/reach/HearingReachLinks";
import { shareMeta } from "~/modules/reach/share";
import { requireLang } from "~/modules/i18n/route.server";
import { notFound } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

/** The calculator's fields of `url` as typed (hh, m3, m2), in a fixed order. */
function calcParams(url: URL): string {
  return JSON.stringify(["hh", "m3", "m2"].map((f) => url.searchParams.get(f)));
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, params }) =>
  data
    ? [
        ...titleMeta(matches, data.view.title),
        { name: "description", content: data.view.summary },
        ...shareMeta({
          lang: params.lang === "ru" ? "ru" : "ky",
          title: data.view.title,
          description: data.view.summary,
          url: `${data.publicUrl}/${params.lang}/hearings/${data.view.id}`,
          publicUrl: data.publicUrl,
        }),
      ]
    : [];

/**
 * The public hearing page, a layout: everything about the proposal, then <Outlet /> where the
 * participation feature's index route (comments, votes, results) appears.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const id = idParam(request, params, "id");
  const db = await getDb();
  // the same for every reader while the hearing is unchanged (ADR 0068)
  const page = Number.isInteger(id)
    ? await byContentVersion(`hearing-page:${id}:${lang}`, ["all", `h:${id}`], async () => {
        const view = await getHearingView(db, id, lang);
        // the proposed lines next to the tariff register (issue 15)
        const comparison = view?.type === "tariff" ? await hearingComparison(db, id, lang) : [];
        // names this reading in the id of the kept page part (ADR 0069)
        const keptId = readingId(`hearing-page:${id}:${lang}`, { view, comparison });
        return { view, comparison, keptId };
      })
    : null;
  const view = page?.view;
  if (!view || !mayView(await getUser(request), view)) throw notFound(lang);
  const now = nowIso();
  return {
    view,
    calcInput: parseCalcInput(new URL(request.url).searchParams),
    now,
    publicUrl: env().publicUrl,
    comparison: page.comparison,
    // the proposal part shows this reading, what it says about time now (days or hours left:
    // changes without a write) and the calculator's inputs as typed, nothing else of the URL (its
    // form goes to the canonical path): other query parameters make no new part
    keptPart: `hearing:${page.keptId}:${JSON.stringify(timeLeft(view, now))}:${calcParams(new URL(request.url))}`,
  };
}

export default function HearingPage() {
  const { view, calcInput, now, publicUrl, comparison, keptPart } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("hearings");
  const lang = i18n.language as "ky" | "ru";
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("common:layout.home"), to: `/${lang}` },
          { label: view.municipalityName, to: `/${lang}/m/${view.municipalitySlug}` },
          { label: t("page.breadcrumbHearings") },
        ]}
      />
      <Kept id={keptPart}>
        <HearingContent
          view={view}
          nowIso={now}
          lang={lang}
          calcInput={calcInput}
          calcAction={`/${lang}/hearings/${view.id}`}
        />
        <HearingComparison lines={comparison} lang={lang} slug={view.municipalitySlug} />
        {view.protocolState === "approved" ? (
          <p className="alert alert-success">
            <Link to={`/${lang}/hearings/${view.id}/protocol`}>
              {t("protocol:public.approvedLink")}
            </Link>
            {view.type === "tariff" ? (
              <>
                {" · "}
                <Link to={`/${lang}/m/${view.municipalitySlug}/tariffs`}>
                  {t("tariffs:registerLink")}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
        {view.state !== "draft" ? (
          <HearingReachLinks
            hearingId={view.id}
            shortUrl={`${publicUrl}/h/${view.shortCode}`}
            title={view.title}
            deadline={view.commentEndAt ? formatDate(view.commentEndAt, lang) : null}
            hasMeeting={!!view.meetingAt && view.state !== "cancelled"}
            canPrintNotice={view.state === "announced" || view.state === "open"}
            kind={view.state === "closed" ? "results" : "hearing"}
          />
        ) : null}
      </Kept>
      <Outlet />
    </>
  );
}
