import { htmlOnly, loadAsDocument } from "~/components/enhance";
import { Breadcrumbs } from "~/components/breadcrumbs";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  Alert,
  Button,
  DataTable,
  Field,
  fieldBinder,
  SelectField,
  TextareaField,
} from "~/components/ui";
import { clientIp } from "~/modules/audit/audit.server";
import { getUser, requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { formatMoney } from "~/modules/format/format";
import { CATEGORIES, SERVICES, UNITS } from "~/modules/hearings/catalog";
import { useLang } from "~/modules/i18n/hooks";
import { titleMeta } from "~/modules/i18n/meta";
import { notFound } from "~/modules/core/reply.server";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { HistoryTable, ResolutionLinks, StepChart, dmy } from "~/modules/tariffs/components";
import { registerPage, submitEntryForm } from "~/modules/tariffs/page.server";
import { mayEnterTariffs } from "~/modules/tariffs/policy";
import { readForm } from "~/modules/forms/read.server";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) =>
  d ? titleMeta(matches, d.title) : [];

/** GET /{lang}/m/{slug}/tariffs — the municipality's tariff register (issue 15). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const page = await registerPage(await getDb(), params.slug ?? "", lang, await getUser(request));
  if (!page) throw notFound(lang);
  const t = tFor(params, "tariffs");
  return { ...page, title: t("pageTitle", { municipality: page.municipality.name }) };
}

/** POST (multipart): an official or the council secretary enters or corrects a tariff. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const db = await getDb();
  const page = await registerPage(db, params.slug ?? "", lang, user);
  if (!page) throw notFound(lang);
  if (!mayEnterTariffs(user, page.municipality.id))
    throw new Response(tFor(params, "tariffs")("errors.forbidden"), { status: 403 });
  // the one form reader: 415/413/400 as localized pages, text and file names cleaned
  const form = await readForm(request, { files: true });
  const r = await submitEntryForm(
    db,
    user,
    page.municipality.id,
    form,
    lang,
    clientIp(request, context as { ip?: string }),
  );
  if (!r.ok) return data(r, { status: 400 });
  return redirect(`/${lang}/m/${page.municipality.slug}/tariffs?saved=${r.id}#entry-${r.id}`, 303);
}

export default function TariffRegister() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation("tariffs");
  const th = useTranslation("hearings").t;
  const lang = useLang();
  const [sp] = useSearchParams();
  const values: Record<string, string> = (a && !a.ok ? a.values : null) ?? {};
  const errors: Record<string, string[]> = (a && !a.ok ? a.errors : null) ?? {};
  const bind = fieldBinder((name) => t(`form.${name}`), values, errors, {
    providerKind: "enterprise",
  });
  return (
    <>
      <Breadcrumbs
        items={[{ label: d.municipality.name, to: `/${lang}/m/${d.municipality.slug}` }]}
      />
      <h1>{d.title}</h1>
      <p>{t("intro")}</p>
      {sp.get("saved") ? (
        <Alert tone="success">{t("form.saved", { id: sp.get("saved") })}</Alert>
      ) : null}

      <section aria-labelledby="in-force">
        <h2 id="in-force">{t("inForce", { date: dmy(d.today) })}</h2>
        {d.inForce.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <DataTable
            rows={d.inForce}
            rowKey={(e) => e.id}
            columns={[
              {
                key: "service",
                header: t("col.service"),
                rowHeader: true,
                cell: (e) => (
                  <span id={`entry-${e.id}`}>
                    {e.service}
                    {e.isDemo ? <span className="muted"> · {t("demo")}</span> : null}
                  </span>
                ),
              },
              { key: "category", header: t("col.category"), cell: (e) => e.category },
              { key: "unit", header: t("col.unit"), cell: (e) => e.unit },
              {
                key: "price",
                header: t("col.price"),
                num: true,
                first: true,
                cell: (e) => formatMoney(e.price),
              },
              { key: "from", header: t("col.from"), cell: (e) => dmy(e.validFrom) },
              {
                key: "resolution",
                header: t("col.resolution"),
                cell: (e) => <ResolutionLinks e={e} lang={lang} slug={d.municipality.slug} />,
              },
              { key: "provider", header: t("col.provider"), cell: (e) => e.provider },
            ]}
          />
        )}
        <p>
          <a href={`/api/v1/municipalities/${d.municipality.slug}/tariffs`}>JSON</a>
          {" · "}
          <a href={`/api/v1/tariffs.csv?municipality=${d.municipality.slug}&lang=${lang}`}>CSV</a>
        </p>
      </section>

      {d.histories.map((h) => (
        <section
          key={h.key}
          aria-label={t("history", { line: h.label })}
          className="tariff-history"
        >
          <h2>{t("history", { line: h.label })}</h2>
          <StepChart
            entries={h.entries}
            today={d.today}
            title={t("chartTitle", { line: h.label })}
            desc={h.entries
              .filter((e) => !e.corrected)
              .map((e) =>
                t("chartRange", {
                  from: dmy(e.validFrom),
                  to: e.until ? dmy(e.until) : t("open"),
                  price: (e.price / 100).toFixed(2).replace(".", ","),
                }),
              )
              .join("; ")}
          />
          <HistoryTable
            entries={h.entries}
            lang={lang}
            slug={d.municipality.slug}
            caption={t("history", { line: h.label })}
          />
        </section>
      ))}

      {d.canEnter ? (
        <section aria-labelledby="enter-heading">
          <h2 id="enter-heading">{t("form.heading")}</h2>
          <p className="muted">{t("form.intro")}</p>
          {a && !a.ok && a.formError ? <Alert tone="error">{a.formError}</Alert> : null}
          <Form method="post" encType="multipart/form-data" noValidate className="stack-form">
            <SelectField {...bind("service")}>
              {SERVICES.map((s) => (
                <option key={s} value={s}>
                  {th(`service.${s}`)}
                </option>
              ))}
            </SelectField>
            <SelectField {...bind("category")}>
              {CATEGORIES.map((s) => (
                <option key={s} value={s}>
                  {th(`category.${s}`)}
                </option>
              ))}
            </SelectField>
            <SelectField {...bind("unit")}>
              {UNITS.map((s) => (
                <option key={s} value={s}>
                  {th(`unit.${s}`)}
                </option>
              ))}
            </SelectField>
            <SelectField {...bind("providerKind")}>
              <option value="enterprise">{t("protocol:doc.initiatorKind.enterprise")}</option>
              <option value="okmotu">{t("protocol:doc.initiatorKind.okmotu")}</option>
            </SelectField>
            <Field {...bind("providerNameKy")} />
            <Field {...bind("providerNameRu")} />
            <Field {...bind("price")} inputMode="decimal" />
            <div className="grid-2">
              <Field {...bind("validFrom")} type="date" />
              <Field {...bind("validTo")} type="date" />
            </div>
            <div className="grid-2">
              <Field {...bind("resolutionNumber")} autoComplete="off" />
              <Field {...bind("resolutionDate")} type="date" />
            </div>
            <Field
              label={t("form.document")}
              name="document"
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
              errors={errors.document}
            />
            <Field {...bind("correctsId")} inputMode="numeric" />
            <TextareaField
              label={t("form.reason")}
              name="reason"
              rows={3}
              defaultValue={values.reason ?? ""}
              errors={errors.reason}
            />
            <div className="form-actions">
              <Button>{t("form.submit")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
