import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/ui";
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
      <Table caption={t("settings.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("settings.municipality")}</th>
            <th scope="col">{t("settings.minNoticeDays")}</th>
            <th scope="col">{t("settings.minCommentDays")}</th>
            <th scope="col">{t("settings.minVotingAge")}</th>
            <th scope="col">{t("settings.unverifiedMayComment")}</th>
            <th scope="col">{t("settings.inPersonQuorum")}</th>
          </tr>
        </thead>
        <tbody>
          {municipalities.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/${lang}/admin/municipalities/${m.id}`}>{m.name}</Link>
              </td>
              <td>{m.minNoticeDays}</td>
              <td>{m.minCommentDays}</td>
              <td>{m.minVotingAge}</td>
              <td>{m.unverifiedMayComment ? t("yes") : t("no")}</td>
              <td>{m.inPersonQuorum}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
