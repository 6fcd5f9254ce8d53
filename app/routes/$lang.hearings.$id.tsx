import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/guards.server";
import { nowIso } from "~/modules/core/clock.server";
import { getDb } from "~/modules/core/db.server";
import { parseCalcInput } from "~/modules/hearings/calculator";
import { HearingContent } from "~/modules/hearings/components";
import { getHearingView, mayView } from "~/modules/hearings/queries.server";
import { titleMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? titleMeta(matches, data.view.title) : [];

/**
 * The public hearing page, a layout: everything about the proposal, then <Outlet /> where the
 * participation feature's index route (comments, votes, results) appears.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const id = Number(params.id);
  const db = await getDb();
  const view = Number.isInteger(id) ? await getHearingView(db, id, lang) : null;
  if (!view || !mayView(await getUser(request), view))
    throw new Response("Not found", { status: 404 });
  return {
    view,
    calcInput: parseCalcInput(new URL(request.url).searchParams),
    now: nowIso(),
  };
}

const CALC_PARAMS = ["hh", "m3", "m2"];

/** The calculator changes only the URL's hh/m3/m2: the browser computes it, no reload needed. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  if (currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const p = new URLSearchParams(u.search);
    for (const k of CALC_PARAMS) p.delete(k);
    p.sort();
    return p.toString();
  };
  return strip(currentUrl) === strip(nextUrl) ? false : defaultShouldRevalidate;
};

export default function HearingPage() {
  const { view, calcInput, now } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("hearings");
  const lang = i18n.language as "ky" | "ru";
  return (
    <>
      <nav aria-label={t("common:layout.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={`/${lang}`}>{t("common:layout.home")}</Link>
          </li>
          <li>
            <Link to={`/${lang}/m/${view.municipalitySlug}`}>{view.municipalityName}</Link>
          </li>
          <li>{t("page.breadcrumbHearings")}</li>
        </ol>
      </nav>
      <HearingContent view={view} nowIso={now} lang={lang} calcInput={calcInput} />
      <Outlet />
    </>
  );
}
