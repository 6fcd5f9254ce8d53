import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui";
import { forbidden, requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { formatDate } from "~/modules/format/format";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { listCouncilProtocols, type CouncilItem } from "~/modules/protocol/queries.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:council.title");

/** Council members, the secretary (and officials) of a municipality: protocols awaiting them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLang(params);
  const user = await requireUser(request);
  if (!user.roles.length) throw forbidden(request);
  return listCouncilProtocols(await getDb(), user);
}

function Rows({ items }: { items: CouncilItem[] }) {
  const { t } = useTranslation("protocol");
  const lang = useLang();
  return (
    <DataTable
      rows={items}
      rowKey={(i) => i.protocolId}
      columns={[
        {
          key: "hearing",
          header: t("council.col.hearing"),
          rowHeader: true,
          cell: (i) => (
            <Link to={`/${lang}/council/protocols/${i.protocolId}`}>
              {t("council.protocolTitle", { number: i.number })}: {i.hearingTitle[lang]}
            </Link>
          ),
        },
        {
          key: "municipality",
          header: t("council.col.municipality"),
          cell: (i) => i.municipalityName[lang],
        },
        {
          key: "submitted",
          header: t("council.col.submitted"),
          cell: (i) => (i.submittedAt ? formatDate(i.submittedAt, lang) : "—"),
        },
        {
          key: "state",
          header: t("council.col.state"),
          first: true,
          cell: (i) => t(`state.${i.state}`),
        },
      ]}
    />
  );
}

export default function CouncilDashboard() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("protocol");
  return (
    <>
      <h1>{t("council.title")}</h1>
      <section aria-labelledby="awaiting-heading">
        <h2 id="awaiting-heading">{t("council.awaiting")}</h2>
        {d.awaiting.length ? <Rows items={d.awaiting} /> : <p>{t("council.none")}</p>}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t("council.recent")}</h2>
        {d.recent.length ? <Rows items={d.recent} /> : <p>{t("council.noneRecent")}</p>}
      </section>
    </>
  );
}
