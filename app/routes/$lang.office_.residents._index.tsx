import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { municipalityName } from "~/modules/places/queries.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, DataTable } from "~/components/ui";
import { issueResetCode } from "~/modules/auth/commands.server";
import { forbidden, requirePermission, requireUser } from "~/modules/auth/guards.server";
import { metaOf } from "~/modules/auth/http.server";
import { getDb } from "~/modules/core/db.server";
import { logger } from "~/modules/core/logger.server";
import { formatDateTime } from "~/modules/format/format";
import { DomainError } from "~/modules/core/errors";
import { invalidReply, refusal, refusalReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import {
  revokeVerification,
  startRegistryImport,
  verifyInPerson,
} from "~/modules/residents/commands.server";
import { listVerifications, registryStats } from "~/modules/residents/queries.server";
import { officeMunicipality } from "~/modules/residents/office.server";
import { inPersonSchema, resetCodeSchema, revokeSchema } from "~/modules/residents/schemas.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "residents:office.title");

const MAX_CSV_BYTES = 8 * 1024 * 1024;

async function scope(request: Request) {
  const user = await requireUser(request);
  const m = officeMunicipality(user, new URL(request.url));
  if (!m) throw forbidden(request);
  await requirePermission(request, "resident.verify", { municipalityId: m });
  return { user, m };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const { m } = await scope(request);
  const db = await getDb();
  return {
    municipalityId: m,
    municipality: (await municipalityName(db, m, lang)) ?? "",
    stats: await registryStats(db, m),
    verifications: await listVerifications(db, m, lang),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const { user, m } = await scope(request);
  const t = tFor(params);
  const db = await getDb();
  const meta = metaOf(request, context);
  const url = new URL(request.url);
  const isMultipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
  if (isMultipart) {
    await requirePermission(request, "registry.import", { municipalityId: m });
    const form = await readForm(request, { files: true });
    const file = form.get("file");
    const name = file instanceof File && file.name ? file.name : "residents.csv";
    const tooBig = file instanceof File && file.size > MAX_CSV_BYTES;
    const bytes = file instanceof File && !tooBig ? new Uint8Array(await file.arrayBuffer()) : null;
    if (tooBig || !bytes || bytes.byteLength === 0)
      return refusalReply(
        lang,
        new DomainError(
          tooBig ? "residents:errors.fileTooBig" : "residents:errors.fileRequired",
          {},
          400,
          "file",
        ),
        {},
        "import",
      );
    let started;
    try {
      started = await startRegistryImport(db, user.id, m, { name, bytes }, meta);
    } catch (e) {
      return refusal(e, lang, "import", {});
    }
    const { importId, done } = started;
    done.catch((error) => logger.error({ err: error, importId }, "registry import failed"));
    return redirect(`/${lang}/office/residents/imports/${importId}${url.search}`);
  }
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "verify") {
    const p = parseForm(form, inPersonSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    try {
      await verifyInPerson(db, user.id, m, p.data, meta);
    } catch (e) {
      return refusal(e, lang, intent, p.values);
    }
    return { intent, ok: true as const };
  }
  if (intent === "revoke") {
    const p = parseForm(form, revokeSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    const ok = await revokeVerification(db, user.id, m, p.data.verificationId, p.data.reason, meta);
    if (!ok)
      return refusalReply(lang, new DomainError("residents:errors.notFound", {}, 404), {}, intent);
    return { intent, ok: true as const };
  }
  if (intent === "resetCode") {
    await requirePermission(request, "resident.resetCode", { municipalityId: m });
    const p = parseForm(form, resetCodeSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    const res = await issueResetCode(db, user.id, m, p.data.phone, meta);
    if (!res.ok)
      return refusalReply(lang, new DomainError(res.error, {}, 400, "phone"), p.values, intent);
    return { intent, ok: true as const, code: res.code, expiresAt: res.expiresAt };
  }
  return invalidReply({ _form: [t("common:errors.invalidForm")] }, {}, intent);
}

export default function OfficeResidents() {
  const { t } = useTranslation("residents");
  const lang = useLang();
  const { municipality, stats, verifications, municipalityId } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply<{ code?: string; expiresAt?: string }>>();
  const errs = (intent: string) => (res?.intent === intent ? (res.errors ?? {}) : {});
  const vals = (intent: string) => (res?.intent === intent ? (res.values ?? {}) : {});
  const q = `?m=${municipalityId}`;
  return (
    <div>
      <h1>
        {t("office.title")}: {municipality}
      </h1>

      <section aria-labelledby="import-h">
        <h2 id="import-h">{t("import.title")}</h2>
        <p>{t("import.intro")}</p>
        <p>{t("import.count", { count: stats.entries })}</p>
        <Form noValidate method="post" encType="multipart/form-data" className="stack" action={q}>
          <Field
            label={t("import.file")}
            hint={t("import.fileHint")}
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            errors={errs("import").file}
          />
          <Button>{t("import.submit")}</Button>
        </Form>
        {stats.imports.length ? (
          <ul>
            {stats.imports.map((i) => (
              <li key={i.id}>
                <Link to={`/${lang}/office/residents/imports/${i.id}${q}`}>
                  {i.file_name} — {formatDateTime(i.created_at, lang)} —{" "}
                  {t(`import.statuses.${i.status}`)}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="inperson-h">
        <h2 id="inperson-h">{t("inPerson.title")}</h2>
        <p>{t("inPerson.intro")}</p>
        {res?.intent === "verify" && res.ok ? (
          <Alert tone="success">{t("inPerson.done")}</Alert>
        ) : null}
        {errs("verify")._form ? <Alert tone="error">{errs("verify")._form.join(" ")}</Alert> : null}
        <Form method="post" className="stack" action={q} noValidate>
          <input type="hidden" name="intent" value="verify" />
          <Field
            label={t("fields.login")}
            name="login"
            required
            defaultValue={vals("verify").login}
            errors={errs("verify").login}
          />
          <Field
            label={t("fields.pin")}
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            required
            defaultValue={vals("verify").pin}
            errors={errs("verify").pin}
          />
          <Field
            label={t("fields.birthDate")}
            hint={t("fields.birthDateHint")}
            name="birthDate"
            required
            defaultValue={vals("verify").birthDate}
            errors={errs("verify").birthDate}
          />
          <Button>{t("inPerson.submit")}</Button>
        </Form>
      </section>

      <section aria-labelledby="code-h">
        <h2 id="code-h">{t("resetCode.title")}</h2>
        <p>{t("resetCode.intro")}</p>
        {res?.intent === "resetCode" && res.code ? (
          <Alert tone="success" title={t("resetCode.issued")}>
            <p>
              <strong className="reset-code" data-testid="reset-code">
                {res.code}
              </strong>
            </p>
            <p>{t("resetCode.validUntil", { when: formatDateTime(res.expiresAt!, lang) })}</p>
          </Alert>
        ) : null}
        <Form method="post" className="stack" action={q} noValidate>
          <input type="hidden" name="intent" value="resetCode" />
          <Field
            label={t("fields.phone")}
            name="phone"
            type="tel"
            required
            defaultValue={vals("resetCode").phone}
            errors={errs("resetCode").phone}
          />
          <Button>{t("resetCode.submit")}</Button>
        </Form>
      </section>

      <section aria-labelledby="verified-h">
        <h2 id="verified-h">{t("list.title")}</h2>
        {res?.intent === "revoke" && res.ok ? (
          <Alert tone="success">{t("list.revoked")}</Alert>
        ) : null}
        {errs("revoke")._form ? <Alert tone="error">{errs("revoke")._form.join(" ")}</Alert> : null}
        <DataTable
          caption={t("list.caption", { count: verifications.length })}
          rows={verifications}
          rowKey={(v) => v.id}
          columns={[
            {
              key: "person",
              header: t("list.person"),
              rowHeader: true,
              cell: (v) => (
                <>
                  <bdi>{v.displayName}</bdi> <span className="muted">{v.login}</span>
                </>
              ),
            },
            { key: "village", header: t("list.village"), cell: (v) => v.village ?? "" },
            {
              key: "method",
              header: t("list.method"),
              cell: (v) =>
                `${t(`list.methods.${v.method}`)}${v.verifiedBy ? ` (${v.verifiedBy})` : ""}`,
            },
            { key: "when", header: t("list.when"), cell: (v) => formatDateTime(v.createdAt, lang) },
            {
              key: "revoke",
              header: t("list.revoke"),
              label: "",
              cell: (v) => (
                <details className="row-action">
                  <summary>{t("list.revoke")}</summary>
                  <Form method="post" action={q} className="stack" noValidate>
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="verificationId" value={v.id} />
                    <Field label={t("list.reason")} name="reason" required minLength={3} />
                    <Button variant="danger">{t("list.revoke")}</Button>
                  </Form>
                </details>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
