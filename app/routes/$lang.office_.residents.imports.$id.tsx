import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Alert, DataTable } from "~/components/ui";
import { requirePermission, requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { getImport } from "~/modules/residents/queries.server";
import { notFound } from "~/modules/core/reply.server";
import { idParam } from "~/modules/http/params.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const out = pageMeta(matches, "residents:import.statusTitle");
  // without JavaScript, the page reloads itself while the import runs
  if (data?.imp.status === "running") out.push({ httpEquiv: "refresh", content: "2" });
  return out;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireUser(request);
  const imp = await getImport(await getDb(), idParam(request, params, "id"));
  if (!imp) throw notFound(lang);
  await requirePermission(request, "registry.import", { municipalityId: imp.municipalityId });
  return { imp };
}

export default function ImportStatus() {
  const { t } = useTranslation("residents");
  const lang = useLang();
  const { imp } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (imp.status !== "running") return;
    const id = setTimeout(() => revalidator.revalidate(), 1000);
    return () => clearTimeout(id);
  }, [imp, revalidator]);
  const pct = imp.total ? Math.floor((imp.processed / imp.total) * 100) : 100;
  return (
    <div>
      <h1>{t("import.statusTitle")}</h1>
      <p>
        {imp.fileName} — {t(`import.statuses.${imp.status}`)}
      </p>
      <label htmlFor="import-progress">
        {t("import.progress", { processed: imp.processed, total: imp.total })}
      </label>
      <progress id="import-progress" max={imp.total || 1} value={imp.processed}>
        {pct}%
      </progress>
      {imp.status !== "running" ? (
        <Alert tone={imp.status === "failed" ? "error" : imp.rejected ? "warning" : "success"}>
          {t("import.summary", { accepted: imp.accepted, rejected: imp.rejected })}
        </Alert>
      ) : (
        <p>
          <Link to=".">{t("import.refresh")}</Link>
        </p>
      )}
      {imp.errors.length ? (
        <DataTable
          caption={t("import.rejectedCaption")}
          rows={imp.errors}
          rowKey={(e) => e.line}
          columns={[
            {
              key: "line",
              header: t("import.line"),
              rowHeader: true,
              num: true,
              cell: (e) => e.line,
            },
            {
              key: "reason",
              header: t("import.reason"),
              cell: (e) => t(`import.reasons.${e.reason}`),
            },
          ]}
        />
      ) : null}
      <p>
        <Link to={`/${lang}/office/residents?m=${imp.municipalityId}`}>{t("import.back")}</Link>
      </p>
    </div>
  );
}
