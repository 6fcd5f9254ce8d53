import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Table } from "~/components/ui";
import { AdminNav } from "~/modules/admin/AdminNav";
import { listMail } from "~/modules/admin/queries.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { formatDateTime } from "~/modules/format/format";
import { useLang } from "~/modules/i18n/hooks";
import { retryMail } from "~/modules/mail/admin.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";
import { formId } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin:nav.mail");

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLang(params);
  await requirePermission(request, "mail.view");
  const smtp = !!env().SMTP_URL;
  // with real delivery, an administrator must not be able to use someone's reset link
  return { mail: await listMail(await getDb(), { redactSecrets: smtp }), smtp };
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireLang(params);
  await requirePermission(request, "mail.view");
  const form = await readForm(request);
  await retryMail(await getDb(), formId(request, form, "id"));
  return { ok: true };
}

export default function AdminMail() {
  const { t } = useTranslation("admin");
  const lang = useLang();
  const { mail, smtp } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>{t("nav.mail")}</h1>
      <AdminNav />
      <p>{smtp ? t("mail.smtpOn") : t("mail.smtpOff")}</p>
      <Table caption={t("mail.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("mail.created")}</th>
            <th scope="col">{t("mail.to")}</th>
            <th scope="col">{t("mail.subject")}</th>
            <th scope="col">{t("mail.status")}</th>
            <th scope="col">{t("mail.attempts")}</th>
            <th scope="col">{t("mail.body")}</th>
          </tr>
        </thead>
        <tbody>
          {mail.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt, lang)}</td>
              <td>{m.to}</td>
              <td>{m.subject}</td>
              <td>
                {t(`mail.statuses.${m.status}`)}
                {m.lastError ? <span className="field-error"> {m.lastError}</span> : null}
                {m.status === "failed" ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={m.id} />
                    <Button variant="secondary">{t("mail.retry")}</Button>
                  </Form>
                ) : null}
              </td>
              <td>{m.attempts}</td>
              <td>
                {m.text === null ? (
                  t("mail.hidden")
                ) : (
                  <details>
                    <summary>{t("mail.show")}</summary>
                    <p className="pre-line">{m.text}</p>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
