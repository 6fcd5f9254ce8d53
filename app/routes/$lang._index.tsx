import { htmlOnly, loadAsDocument } from "~/components/enhance";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/modules/core/db.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { listMunicipalitiesGrouped } from "~/modules/places/queries.server";
import { OpenHearings } from "~/modules/hearings/list";
import { listOpenHearings } from "~/modules/hearings/queries.server";
import { queryText } from "~/modules/http/params.server";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "places:home.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const q = queryText(new URL(request.url), "q", 100) ?? "";
  const db = await getDb();
  const oblasts = await listMunicipalitiesGrouped(db, lang, q);
  const openHearings = await listOpenHearings(db, lang);
  return {
    q,
    openHearings,
    oblasts,
    count: oblasts.reduce(
      (n, o) => n + o.districts.reduce((k, d) => k + d.municipalities.length, 0),
      0,
    ),
  };
}

export default function Home() {
  const { q, oblasts, count, openHearings } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("places");
  const lang = i18n.language;
  return (
    <>
      <h1>{t("home.heading")}</h1>
      <p className="muted">{t("home.intro")}</p>
      <OpenHearings items={openHearings} />
      <section aria-labelledby="municipalities-heading" id="municipalities">
        <h2 id="municipalities-heading">{t("home.municipalities")}</h2>
        <Form noValidate method="get" role="search" className="picker" action={`/${lang}`}>
          <label htmlFor="home-q" className="visually-hidden">
            {t("home.searchLabel")}
          </label>
          <input
            id="home-q"
            type="search"
            name="q"
            defaultValue={q}
            placeholder={t("home.searchPlaceholder")}
            maxLength={100}
          />
          <button type="submit" className="btn btn-small btn-primary">
            {t("home.searchSubmit")}
          </button>
        </Form>
        <p role="status" className="muted">
          {q ? t("home.found", { count, query: q }) : t("home.total", { count })}
        </p>
        {oblasts.map((o) => (
          <section key={o.slug} aria-labelledby={`o-${o.slug}`}>
            <h3 id={`o-${o.slug}`}>{o.name}</h3>
            {o.districts.map((d) => (
              <div key={d.slug}>
                <h4 className="muted">{d.name}</h4>
                <ul className="inline-list">
                  {d.municipalities.map((m) => (
                    <li key={m.slug}>
                      <Link to={`/${lang}/m/${m.slug}`} prefetch="intent">
                        {m.name}
                      </Link>{" "}
                      {m.isDemo ? <span className="demo-badge">{t("demo")}</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </section>
    </>
  );
}
