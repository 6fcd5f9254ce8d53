import { htmlOnly, loadAsDocument } from "~/components/enhance";
import { Breadcrumbs } from "~/components/breadcrumbs";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/modules/core/db.server";
import { titleMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { getMunicipalityBySlug } from "~/modules/places/queries.server";
import { getUser } from "~/modules/auth/guards.server";
import { feedPath } from "~/modules/reach/links";
import { isSubscribed } from "~/modules/reach/queries.server";
import { SubscribeButton } from "~/modules/reach/SubscribeButton";
import { ApprovedProtocols } from "~/modules/protocol/ApprovedProtocols";
import { listApprovedProtocols } from "~/modules/protocol/queries.server";
import { HearingList, parseListFilters } from "~/modules/hearings/list";
import { listMunicipalityHearings } from "~/modules/hearings/queries.server";
import { notFound } from "~/modules/core/reply.server";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

export const meta: MetaFunction<typeof loader> = ({ matches, data, params }) =>
  data
    ? [
        ...titleMeta(matches, data.municipality.name),
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          href: feedPath(params.lang === "ru" ? "ru" : "ky", data.municipality.slug),
        },
      ]
    : [];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const db = await getDb();
  const municipality = await getMunicipalityBySlug(db, params.slug ?? "", lang);
  if (!municipality) throw notFound(lang);
  const user = await getUser(request);
  const filters = parseListFilters(new URL(request.url).searchParams);
  const [subscribed, protocols, hearings] = await Promise.all([
    user ? isSubscribed(db, user.id, municipality.id) : false,
    listApprovedProtocols(db, municipality.id),
    listMunicipalityHearings(db, municipality.id, lang, filters),
  ]);
  return {
    municipality,
    subscribed,
    protocols: protocols.map((p) => ({ ...p, title: p.title[lang] })),
    filters,
    hearings,
  };
}

export default function MunicipalityPage() {
  const {
    municipality: m,
    subscribed,
    protocols,
    filters,
    hearings,
  } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("places");
  const lang = i18n.language;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t("common:layout.home"), to: `/${lang}` },
          { label: m.oblast },
          { label: m.district },
        ]}
      />
      <h1>
        {m.name} {m.isDemo ? <span className="demo-badge">{t("demo")}</span> : null}
      </h1>
      <p className="muted">
        {t(`kind.${m.kind}`)} · {m.district} · {m.oblast}
      </p>
      <SubscribeButton slug={m.slug} subscribed={subscribed} />
      <details className="feed-detail">
        <summary>{t("reach:feed.more")}</summary>
        <p>
          <a href={feedPath(lang === "ru" ? "ru" : "ky", m.slug)} type="application/atom+xml">
            {t("reach:feed.link")}
          </a>
        </p>
      </details>
      <p>
        <Link to={`/${lang}/m/${m.slug}/tariffs`}>{t("tariffs:registerLink")}</Link>
      </p>
      <section aria-labelledby="hearings-heading">
        <h2 id="hearings-heading">{t("municipality.hearings")}</h2>
        <HearingList filters={filters} data={hearings} />
      </section>
      <ApprovedProtocols items={protocols} />
      <section aria-labelledby="villages-heading">
        <h2 id="villages-heading">{t("municipality.villages", { count: m.villages.length })}</h2>
        <ul className="inline-list">
          {m.villages.map((v) => (
            <li key={v.id}>{v.name}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("municipality.rules")}</h2>
        <ul>
          <li>{t("municipality.minNoticeDays", { count: m.settings.minNoticeDays })}</li>
          <li>{t("municipality.minCommentDays", { count: m.settings.minCommentDays })}</li>
          <li>{t("municipality.minVotingAge", { count: m.settings.minVotingAge })}</li>
          <li>
            {m.settings.unverifiedMayComment
              ? t("municipality.unverifiedMayComment")
              : t("municipality.onlyVerifiedComment")}
          </li>
          <li>
            {m.settings.inPersonQuorum > 0
              ? t("municipality.quorum", { count: m.settings.inPersonQuorum })
              : t("municipality.noQuorum")}
          </li>
        </ul>
      </section>
    </>
  );
}
