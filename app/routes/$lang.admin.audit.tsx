import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Field, Table } from "~/components/ui";
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
      <Form method="get" className="inline-form">
        <Field label={t("audit.filter")} name="action" defaultValue={action} placeholder="auth." />
        <Button variant="secondary">{t("audit.apply")}</Button>
      </Form>
      <Table caption={t("audit.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.target")}</th>
            <th scope="col">{t("audit.municipality")}</th>
            <th scope="col">{t("audit.ip")}</th>
            <th scope="col">{t("audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.createdAt, lang)}</td>
              <td>{r.actor ?? "—"}</td>
              <td>
                {t(`auditActions.${r.action.replace(/\./g, "_")}`, { defaultValue: r.action })}
              </td>
              <td>{r.target ?? ""}</td>
              <td>{r.municipality ?? ""}</td>
              <td>{r.ip ?? ""}</td>
              <td className="pre-line">{r.details}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label={t("audit.pages")} className="pager">
        {page > 1 ? <Link to={q(page - 1)}>{t("audit.newer")}</Link> : null}{" "}
        {hasMore ? <Link to={q(page + 1)}>{t("audit.older")}</Link> : null}
      </nav>
    </div>
  );
}
