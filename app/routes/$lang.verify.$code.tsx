import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Table } from "~/components/ui";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { formatDate } from "~/modules/format/format";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { calendarDate } from "~/modules/protocol/document.server";
import { localizedText } from "~/modules/protocol/http.server";
import { findVerification, matchUpload } from "~/modules/protocol/queries.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:verify.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const view = await findVerification(await getDb(), params.code ?? "");
  if (!view)
    throw new Response(localizedText(lang, "verify.notFound"), {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return {
    view: {
      code: view.code,
      municipality: view.municipalityName[lang],
      hearingId: view.hearingId,
      hearing: view.hearingTitle[lang],
      number: view.number,
      version: view.version,
      resolutionNumber: view.resolutionNumber,
      resolutionDate: calendarDate(view.resolutionDate),
      decidedAt: view.decidedAt ? formatDate(view.decidedAt, lang) : "",
      contentSha256: view.contentSha256,
      files: view.files,
    },
  };
}

/** Anyone may upload a file (multipart, no JavaScript needed) to compare its SHA-256. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const view = await findVerification(await getDb(), params.code ?? "");
  if (!view) throw new Response(localizedText(lang, "verify.notFound"), { status: 404 });
  const max = env().UPLOAD_MAX_BYTES;
  if (Number(request.headers.get("content-length") ?? 0) > max + 10_000)
    return data({ error: localizedText(lang, "errors.tooLong"), result: null }, { status: 413 });
  let file: FormDataEntryValue | null;
  try {
    file = (await readForm(request, { files: true })).get("file");
  } catch {
    file = null;
  }
  if (!file || typeof file === "string" || file.size === 0)
    return data({ error: localizedText(lang, "errors.noFile"), result: null }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = matchUpload(view, bytes);
  return {
    error: null,
    result: {
      sha256: r.sha256,
      match: r.match ? `${r.match.format.toUpperCase()}, ${r.match.lang}` : null,
    },
  };
}

export default function VerifyCode() {
  const { view } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation("protocol");
  const lang = useLang();
  return (
    <>
      <h1>{t("verify.title")}</h1>
      <Alert tone="success">{t("verify.found")}</Alert>
      <dl className="protocol-facts">
        <dt>{t("verify.code")}</dt>
        <dd>
          <code>{view.code}</code>
        </dd>
        <dt>{t("verify.municipality")}</dt>
        <dd>{view.municipality}</dd>
        <dt>{t("verify.hearing")}</dt>
        <dd>
          <Link to={`/${lang}/hearings/${view.hearingId}/protocol`}>{view.hearing}</Link>
        </dd>
        <dt>{t("verify.protocol")}</dt>
        <dd>
          {t("doc.number", { number: view.number })} · {t("doc.version", { version: view.version })}
        </dd>
        <dt>{t("verify.resolution")}</dt>
        <dd>
          {t("verify.resolutionValue", {
            number: view.resolutionNumber,
            date: view.resolutionDate,
          })}
        </dd>
        <dt>{t("verify.contentHash")}</dt>
        <dd>
          <code className="hash">{view.contentSha256}</code>
        </dd>
      </dl>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">{t("verify.filesHeading")}</h2>
        <Table>
          <thead>
            <tr>
              <th scope="col">{t("verify.col.file")}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">{t("verify.col.size")}</th>
            </tr>
          </thead>
          <tbody>
            {view.files.map((f) => (
              <tr key={f.sha256}>
                <td>
                  {f.format.toUpperCase()}, {f.lang}
                </td>
                <td>
                  <code className="hash">{f.sha256}</code>
                </td>
                <td className="num">{f.size}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("verify.uploadHeading")}</h2>
        {a?.error ? <Alert tone="error">{a.error}</Alert> : null}
        {a?.result ? (
          a.result.match ? (
            <Alert tone="success">
              <p>{t("verify.match", { file: a.result.match })}</p>
              <p>{t("verify.uploadedHash", { hash: a.result.sha256 })}</p>
            </Alert>
          ) : (
            <Alert tone="error">
              <p>{t("verify.noMatch")}</p>
              <p>{t("verify.uploadedHash", { hash: a.result.sha256 })}</p>
            </Alert>
          )
        ) : null}
        <Form method="post" encType="multipart/form-data">
          <Field
            label={t("verify.file")}
            hint={t("verify.uploadHint")}
            name="file"
            type="file"
            accept=".pdf,.docx,application/pdf"
            required
          />
          <div className="form-actions">
            <Button>{t("verify.upload")}</Button>
          </div>
        </Form>
      </section>
    </>
  );
}
