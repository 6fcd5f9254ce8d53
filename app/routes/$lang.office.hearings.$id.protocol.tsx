import { Breadcrumbs } from "~/components/breadcrumbs";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clientIp } from "~/modules/audit/audit.server";
import { requireHearing } from "~/modules/hearings/guards.server";
import { Alert, Button, Field, TextareaField } from "~/components/ui";
import { getDb } from "~/modules/core/db.server";
import { invalidReply, refusal } from "~/modules/core/reply.server";
import { formValues, parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { getFixedT } from "~/modules/i18n/resources.server";
import { requireLang } from "~/modules/i18n/route.server";
import { reviseProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import { notFound } from "~/modules/protocol/http.server";
import { calendarDate } from "~/modules/protocol/document.server";
import { VersionsTable } from "~/modules/protocol/VersionsTable";
import { FileLinks } from "~/modules/protocol/ProtocolView";
import { getHearingInfo, getHearingProtocol } from "~/modules/protocol/queries.server";
import { draftSchema } from "~/modules/protocol/schemas";
import { versionList } from "~/modules/protocol/view.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:office.title");

async function guard(request: Request, params: { lang?: string; id?: string }) {
  const lang = requireLang(params);
  const db = await getDb();
  const { user, hearing: ref } = await requireHearing(request, db, params.id, "protocol.draft");
  const h = await getHearingInfo(db, ref.id);
  if (!h) throw notFound(lang);
  return { lang, id: ref.id, db, user, hearing: h };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, id, db, user, hearing } = await guard(request, params);
  const hp = (await getHearingProtocol(db, id))!;
  const t = getFixedT(lang, "protocol");
  const latest = hp.versions[0] ?? null;
  return {
    hearingId: id,
    hearingTitle: hearing.title[lang],
    closed: hearing.state === "closed",
    protocol: hp.protocol,
    stateLabel: hp.protocol ? t(`state.${hp.protocol.state}`) : null,
    returnComments: latest?.decision === "returned" ? latest.return_comments : null,
    approved:
      latest?.decision === "approved"
        ? { number: latest.resolution_number, date: calendarDate(latest.resolution_date) }
        : null,
    versions: versionList(hp, lang, user),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { lang, id, db, user } = await guard(request, params);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "save");
  const ctx = { ip: clientIp(request, context as { ip?: string }) };
  try {
    if (intent === "submit") {
      await submitProtocol(db, user, id, ctx);
      return redirect(`/${lang}/office/hearings/${id}/protocol?done=submitted`);
    }
    if (intent === "revise") {
      await reviseProtocol(db, user, id, ctx);
      return redirect(`/${lang}/office/hearings/${id}/protocol?done=saved`);
    }
    const parsed = parseForm(form, draftSchema, getFixedT(lang));
    if (!parsed.ok) return invalidReply(parsed.errors, parsed.values, intent);
    await saveDraft(db, user, id, parsed.data, ctx);
    return redirect(`/${lang}/office/hearings/${id}/protocol?done=saved`);
  } catch (e) {
    return refusal(e, lang, intent, formValues(form));
  }
}

export default function OfficeProtocol() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation("protocol");
  const lang = useLang();
  const [sp] = useSearchParams();
  const done = sp.get("done");
  const values: Record<string, string> = a?.values ?? {};
  const errors: Record<string, string[]> = a?.errors ?? {};
  const p = d.protocol;
  const editable = !p || p.state === "drafted" || p.state === "returned";
  const v = (k: "chairName" | "secretaryName" | "conclusionsKy" | "conclusionsRu") =>
    values[k] ?? (p ? p[k] : "");
  return (
    <>
      <Breadcrumbs
        items={[{ label: t("office.back"), to: `/${lang}/office/hearings/${d.hearingId}` }]}
      />
      <h1>{t("office.title")}</h1>
      <p className="muted">{d.hearingTitle}</p>
      {done === "saved" ? <Alert tone="success">{t("office.saved")}</Alert> : null}
      {done === "submitted" ? <Alert tone="success">{t("office.submitted")}</Alert> : null}
      {errors._form ? <Alert tone="error">{errors._form[0]}</Alert> : null}
      {!d.closed ? <Alert tone="warning">{t("errors.hearingNotClosed")}</Alert> : null}
      {p ? (
        <p>
          <strong>{t("office.state", { state: d.stateLabel })}</strong>
        </p>
      ) : (
        <p>{t("office.notStarted")}</p>
      )}
      {d.returnComments && p?.state === "returned" ? (
        <Alert tone="warning">{t("office.returnedAlert", { comments: d.returnComments })}</Alert>
      ) : null}
      {d.approved ? <Alert tone="success">{t("office.approvedAlert", d.approved)}</Alert> : null}

      {d.closed && editable ? (
        <section aria-labelledby="form-heading">
          <h2 id="form-heading">{t("office.formHeading")}</h2>
          <Form method="post" noValidate>
            <Field
              label={t("office.chairName")}
              name="chairName"
              defaultValue={v("chairName")}
              errors={errors.chairName}
              required
              autoComplete="off"
            />
            <Field
              label={t("office.secretaryName")}
              name="secretaryName"
              defaultValue={v("secretaryName")}
              errors={errors.secretaryName}
              required
              autoComplete="off"
            />
            <TextareaField
              label={t("office.conclusionsKy")}
              name="conclusionsKy"
              lang="ky"
              rows={6}
              defaultValue={v("conclusionsKy")}
              errors={errors.conclusionsKy}
            />
            <TextareaField
              label={t("office.conclusionsRu")}
              name="conclusionsRu"
              lang="ru"
              rows={6}
              defaultValue={v("conclusionsRu")}
              errors={errors.conclusionsRu}
            />
            <div className="form-actions">
              <Button name="intent" value="save">
                {p?.state === "returned" ? t("office.revise") : t("office.save")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {p ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("office.preview")}</h2>
          <ul className="inline-list">
            <li>
              <Link to={`/ky/hearings/${d.hearingId}/protocol`} lang="ky">
                {t("office.previewKy")}
              </Link>
            </li>
            <li>
              <Link to={`/ru/hearings/${d.hearingId}/protocol`} lang="ru">
                {t("office.previewRu")}
              </Link>
            </li>
          </ul>
          <FileLinks title={t("files.heading")} links={d.versions[0]?.links ?? []} />
          {p.state === "drafted" ? (
            <Form noValidate method="post">
              <p className="field-hint">{t("office.submitHint")}</p>
              <Button name="intent" value="submit">
                {t("office.submit")}
              </Button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {d.versions.length ? <VersionsTable versions={d.versions} audience="office" /> : null}
    </>
  );
}
