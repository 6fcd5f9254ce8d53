import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, DataTable, Field } from "~/components/ui";
import { AdminNav } from "~/modules/admin/AdminNav";
import { listAudit } from "~/modules/admin/queries.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { formatDateTime } from "~/modules/format/format";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { toCount } from "~/modules/http/ids";
import { queryText } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin:nav.audit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePermission(request, "audit.view");
  const url = new URL(request.url);
  const page = toCount(url.searchParams.get("page"), 1, 1, 100_000);
  const action = (queryText(url, "action", 60) ?? "").trim();
  const res = await listAudit(await getDb(), lang, { page, action: action || undefined });
  return { ...res, page, action };
}

export default function AdminAudit() {
  const { t } = useTranslation("admin");
  const lang = useLang();
  const { rows, hasMore, page, action } = useLoaderData<typeof loader>();
  const q = (p: number) => `?page=${p}${action ? `&action=${encodeURIComponent(action)}` : ""}`;
  return (
    <div>
      <h1>{t("nav.audit")}</h1>
      <AdminNav />
      <Form noValidate method="get" className="inline-form">
        <Field label={t("audit.filter")} name="action" defaultValue={action} placeholder="auth." />
        <Button variant="secondary">{t("audit.apply")}</Button>
      </Form>
      <DataTable
        caption={t("audit.caption")}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { key: "when", header: t("audit.when"), cell: (r) => formatDateTime(r.createdAt, lang) },
          { key: "who", header: t("audit.who"), cell: (r) => r.actor ?? "—" },
          {
            key: "action",
            header: t("audit.action"),
            first: true,
            cell: (r) =>
              t(`auditActions.${r.action.replace(/\./g, "_")}`, { defaultValue: r.action }),
          },
          { key: "target", header: t("audit.target"), cell: (r) => r.target ?? "" },
          {
            key: "municipality",
            header: t("audit.municipality"),
            cell: (r) => r.municipality ?? "",
          },
          { key: "ip", header: t("audit.ip"), cell: (r) => r.ip ?? "" },
          {
            key: "details",
            header: t("audit.details"),
            cell: (r) => <span className="pre-line">{r.details}</span>,
          },
        ]}
      />
      <nav aria-label={t("audit.pages")} className="pager">
        {page > 1 ? <Link to={q(page - 1)}>{t("audit.newer")}</Link> : null}{" "}
        {hasMore ? <Link to={q(page + 1)}>{t("audit.older")}</Link> : null}
      </nav>
    </div>
  );
}
