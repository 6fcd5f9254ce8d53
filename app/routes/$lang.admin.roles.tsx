import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, SelectField, Table } from "~/components/ui";
import { AdminNav } from "~/modules/admin/AdminNav";
import {
  createInvitation,
  grantRole,
  revokeInvitation,
  revokeRole,
} from "~/modules/admin/commands.server";
import { ROLE_NAMES } from "~/modules/admin/roles";
import { listInvitations, listMunicipalities, listRoles } from "~/modules/admin/queries.server";
import { grantSchema, inviteSchema } from "~/modules/admin/schemas.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { metaOf } from "~/modules/auth/http.server";
import { env } from "~/modules/core/env.server";
import { getDb } from "~/modules/core/db.server";
import { formatDate, formatDateTime } from "~/modules/format/format";
import { invalidReply, refusal, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";
import { formId } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin:nav.roles");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePermission(request, "roles.manage");
  const db = await getDb();
  return {
    municipalities: (await listMunicipalities(db, lang)).map((m) => ({ id: m.id, name: m.name })),
    roles: await listRoles(db, lang),
    invitations: await listInvitations(db, lang),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requirePermission(request, "roles.manage");
  const t = tFor(params);
  const db = await getDb();
  const meta = metaOf(request, context);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "grant") {
    const p = parseForm(form, grantSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    try {
      await grantRole(db, user.id, p.data, meta);
    } catch (e) {
      return refusal(e, lang, intent, p.values);
    }
    return { intent, ok: true as const };
  }
  if (intent === "revoke") {
    await revokeRole(db, user.id, formId(request, form, "roleId"), meta);
    return { intent, ok: true as const };
  }
  if (intent === "invite") {
    const p = parseForm(form, inviteSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    let inv;
    try {
      inv = await createInvitation(db, user.id, p.data, meta);
    } catch (e) {
      return refusal(e, lang, intent, p.values);
    }
    return { intent, ok: true as const, link: `${env().publicUrl}/${lang}/invite/${inv.token}` };
  }
  if (intent === "revokeInvitation") {
    await revokeInvitation(db, user.id, formId(request, form, "invitationId"), meta);
    return { intent, ok: true as const };
  }
  return invalidReply({ _form: [t("common:errors.invalidForm")] }, {}, intent);
}

export default function AdminRoles() {
  const { t } = useTranslation("admin");
  const lang = useLang();
  const { municipalities, roles, invitations } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply<{ link?: string }>>();
  const ge = res?.intent === "grant" ? (res.errors ?? {}) : {};
  const gv = res?.intent === "grant" ? (res.values ?? {}) : {};
  const ie = res?.intent === "invite" ? (res.errors ?? {}) : {};
  const municipalityOptions = (
    <>
      <option value="">{t("choose")}</option>
      {municipalities.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </>
  );
  const roleOptions = (
    <>
      <option value="">{t("choose")}</option>
      {ROLE_NAMES.map((r) => (
        <option key={r} value={r}>
          {t(`roles.${r}`)}
        </option>
      ))}
    </>
  );
  return (
    <div>
      <h1>{t("nav.roles")}</h1>
      <AdminNav />

      <section aria-labelledby="grant-h">
        <h2 id="grant-h">{t("grant.title")}</h2>
        {res?.intent === "grant" && res.ok ? <Alert tone="success">{t("grant.done")}</Alert> : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="grant" />
          <Field
            label={t("grant.login")}
            name="login"
            required
            defaultValue={gv.login}
            errors={ge.login}
          />
          <SelectField
            label={t("grant.municipality")}
            name="municipalityId"
            defaultValue={gv.municipalityId ?? ""}
            errors={ge.municipalityId}
          >
            {municipalityOptions}
          </SelectField>
          <SelectField
            label={t("grant.role")}
            name="role"
            defaultValue={gv.role ?? ""}
            errors={ge.role}
          >
            {roleOptions}
          </SelectField>
          <Button>{t("grant.submit")}</Button>
        </Form>
      </section>

      <section aria-labelledby="invite-h">
        <h2 id="invite-h">{t("invitations.title")}</h2>
        <p>{t("invitations.intro")}</p>
        {res?.intent === "invite" && res.link ? (
          <Alert tone="success" title={t("invitations.created")}>
            <p className="invite-link">
              <code data-testid="invite-link">{res.link}</code>
            </p>
          </Alert>
        ) : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <SelectField
            label={t("grant.municipality")}
            name="municipalityId"
            errors={ie.municipalityId}
          >
            {municipalityOptions}
          </SelectField>
          <SelectField label={t("grant.role")} name="role" errors={ie.role}>
            {roleOptions}
          </SelectField>
          <Field label={t("invitations.note")} name="note" errors={ie.note} />
          <Button>{t("invitations.submit")}</Button>
        </Form>
        <Table caption={t("invitations.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("grant.municipality")}</th>
              <th scope="col">{t("grant.role")}</th>
              <th scope="col">{t("invitations.note")}</th>
              <th scope="col">{t("invitations.expires")}</th>
              <th scope="col">{t("invitations.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.municipality}</td>
                <td>{t(`roles.${i.role}`)}</td>
                <td>{i.note ?? ""}</td>
                <td>{formatDate(i.expiresAt, lang)}</td>
                <td>{t(`invitations.statuses.${i.status}`)}</td>
                <td>
                  {i.status === "open" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revokeInvitation" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="secondary">{t("revoke")}</Button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="roles-h">
        <h2 id="roles-h">{t("rolesList.title")}</h2>
        <Table caption={t("rolesList.title")}>
          <thead>
            <tr>
              <th scope="col">{t("rolesList.person")}</th>
              <th scope="col">{t("grant.municipality")}</th>
              <th scope="col">{t("grant.role")}</th>
              <th scope="col">{t("rolesList.since")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr key={r.id}>
                <td>
                  <bdi>{r.displayName}</bdi> <span className="muted">{r.login}</span>
                </td>
                <td>{r.municipality}</td>
                <td>{t(`roles.${r.role}`)}</td>
                <td>{formatDateTime(r.createdAt, lang)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="roleId" value={r.id} />
                    <Button variant="danger">{t("revoke")}</Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
