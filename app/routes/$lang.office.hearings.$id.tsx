/**
 * The frame of an official's pages for one hearing: the hearing's title, type and state, the row
 * of its pages, and the page itself (<Outlet />). Each page is a nested route with its own loader
 * and action (overview and state changes, details, lines or plan, questions, documents, comments,
 * meeting, protocol) and checks its own permission; the frame only hides drafts from those who
 * may not see them.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { StateTag } from "~/modules/hearings/components";
import { OfficeHearingNav } from "~/modules/hearings/OfficeNav";
import { getHearingHeader, mayView } from "~/modules/hearings/queries.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { notFound } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "office:edit.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const header = await getHearingHeader(await getDb(), idParam(request, params, "id"), lang);
  if (!header || !mayView(user, header)) throw notFound(lang);
  return { header };
}

export default function OfficeHearingFrame() {
  const { header: h } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language;
  return (
    <>
      <p className="muted">
        <Link to={`/${lang}/office`}>{t("dashboard.title")}</Link>
      </p>
      <p>
        <strong>{h.title || `#${h.id}`}</strong> · {t(`hearings:type.${h.type}`)}{" "}
        <StateTag state={h.state} />
      </p>
      <OfficeHearingNav id={h.id} state={h.state} type={h.type} lang={lang} />
      <Outlet />
    </>
  );
}
