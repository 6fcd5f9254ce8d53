import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui";
import { AdminNav } from "~/modules/admin/AdminNav";
import { listMunicipalities } from "~/modules/admin/queries.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin:title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePermission(request, "admin.access");
  return { municipalities: await listMunicipalities(await getDb(), lang) };
}

export default function AdminHome() {
  const { t } = useTranslation("admin");
  const lang = useLang();
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>{t("title")}</h1>
      <AdminNav />
      <h2>{t("nav.municipalities")}</h2>
      <DataTable
        caption={t("settings.caption")}
        rows={municipalities}
        rowKey={(m) => m.id}
        columns={[
          {
            key: "name",
            header: t("settings.municipality"),
            rowHeader: true,
            cell: (m) => <Link to={`/${lang}/admin/municipalities/${m.id}`}>{m.name}</Link>,
          },
          {
            key: "notice",
            header: t("settings.minNoticeDays"),
            num: true,
            cell: (m) => m.minNoticeDays,
          },
          {
            key: "comment",
            header: t("settings.minCommentDays"),
            num: true,
            cell: (m) => m.minCommentDays,
          },
          {
            key: "age",
            header: t("settings.minVotingAge"),
            num: true,
            cell: (m) => m.minVotingAge,
          },
          {
            key: "unverified",
            header: t("settings.unverifiedMayComment"),
            cell: (m) => (m.unverifiedMayComment ? t("yes") : t("no")),
          },
          {
            key: "quorum",
            header: t("settings.inPersonQuorum"),
            num: true,
            cell: (m) => m.inPersonQuorum,
          },
        ]}
      />
    </div>
  );
}
