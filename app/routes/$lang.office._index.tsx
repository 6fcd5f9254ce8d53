import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { StateTag } from "~/modules/hearings/components";
import { listOfficeHearings } from "~/modules/hearings/queries.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "office:dashboard.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  return { municipalities: await listOfficeHearings(await getDb(), user, lang) };
}

const ORDER = ["draft", "announced", "open", "closed", "cancelled"] as const;

export default function OfficeDashboard() {
  const { municipalities } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language;
  return (
    <>
      <h1>{t("dashboard.heading")}</h1>
      {municipalities.length === 0 ? <p>{t("dashboard.noRoles")}</p> : null}
      {municipalities.map((m) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>{m.name}</h2>
          <p>
            <Link
              className="btn btn-primary btn-small"
              to={`/${lang}/office/hearings/new?m=${m.id}`}
            >
              {t("dashboard.create")}
            </Link>{" "}
            <Link to={`/${lang}/m/${m.slug}`}>{t("dashboard.publicPage")}</Link> ·{" "}
            <Link to={`/${lang}/office/residents?m=${m.id}`}>{t("dashboard.residents")}</Link>
          </p>
          {ORDER.map((state) => {
            const list = m.hearings.filter((h) => h.state === state);
            if (!list.length) return null;
            return (
              <section key={state} aria-labelledby={`m-${m.id}-${state}`}>
                <h3 id={`m-${m.id}-${state}`}>
                  {t(`hearings:state.${state}`)} ({list.length})
                </h3>
                <ul className="plain-list">
                  {list.map((h) => (
                    <li key={h.id}>
                      <Link to={`/${lang}/office/hearings/${h.id}`}>{h.title || `#${h.id}`}</Link>{" "}
                      <StateTag state={h.state} /> ·{" "}
                      <Link to={`/${lang}/hearings/${h.id}`}>{t("dashboard.view")}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          {m.hearings.length === 0 ? <p className="muted">{t("dashboard.none")}</p> : null}
        </section>
      ))}
    </>
  );
}
