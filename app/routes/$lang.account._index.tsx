import { NewPasswordField } from "~/modules/auth/AuthForm";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { listVillages } from "~/modules/places/queries.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, SelectField, DataTable } from "~/components/ui";
import {
  changePassword,
  revokeSession,
  signOutEverywhere,
  updateProfile,
} from "~/modules/auth/commands.server";
import { getSession, requirePermission } from "~/modules/auth/guards.server";
import { listSessions } from "~/modules/auth/queries.server";
import { metaOf } from "~/modules/auth/http.server";
import { changePasswordSchema, profileSchema } from "~/modules/auth/schemas.server";
import { clearSessionCookie } from "~/modules/auth/session.server";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { formatDateTime } from "~/modules/format/format";
import { DomainError } from "~/modules/core/errors";
import { invalidReply, refusal, refusalReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { VerifiedBadge } from "~/modules/residents/VerifiedBadge";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:account.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requirePermission(request, "account.self");
  const s = (await getSession(request))!;
  const db = await getDb();
  const villages = user.municipalityId ? await listVillages(db, user.municipalityId, lang) : [];
  const url = new URL(request.url);
  return {
    notice: url.searchParams.has("reset")
      ? "resetDone"
      : url.searchParams.has("invited")
        ? "invited"
        : null,
    user: {
      displayName: user.displayName,
      email: user.email,
      phone: user.phone,
      locale: user.locale,
      villageId: user.villageId,
      verified: user.municipalityId ? user.verifiedIn.includes(user.municipalityId) : false,
      hasMunicipality: !!user.municipalityId,
    },
    villages,
    sessions: await listSessions(db, user.id, s.session.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requirePermission(request, "account.self");
  const s = (await getSession(request))!;
  const t = tFor(params);
  const db = await getDb();
  const meta = metaOf(request, context);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "profile") {
    const p = parseForm(form, profileSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    try {
      await updateProfile(db, user.id, p.data);
    } catch (e) {
      return refusal(e, lang, intent, p.values);
    }
    return { intent, ok: true as const };
  }
  if (intent === "password") {
    const p = parseForm(form, changePasswordSchema, t);
    if (!p.ok) return invalidReply(p.errors, p.values, intent);
    try {
      await changePassword(
        db,
        user.id,
        s.session.id,
        p.data.currentPassword,
        p.data.newPassword,
        meta,
      );
    } catch (e) {
      return refusal(e, lang, intent, {});
    }
    return { intent, ok: true as const };
  }
  if (intent === "revoke") {
    const handle = String(form.get("handle") ?? "");
    const ok = await revokeSession(db, user.id, handle, meta);
    if (!ok)
      return refusalReply(
        lang,
        new DomainError("auth:errors.sessionNotFound", {}, 404),
        {},
        intent,
      );
    if (s.session.id.startsWith(handle))
      return redirect(`/${lang}`, {
        headers: { "Set-Cookie": clearSessionCookie(env().secureCookies) },
      });
    return { intent, ok: true as const };
  }
  if (intent === "signOutEverywhere") {
    await signOutEverywhere(db, user.id, meta);
    return redirect(`/${lang}/login`, {
      headers: { "Set-Cookie": clearSessionCookie(env().secureCookies) },
    });
  }
  return invalidReply({ _form: [t("common:errors.invalidForm")] }, {}, intent);
}

export default function Account() {
  const { t } = useTranslation("auth");
  const lang = useLang();
  const { user, villages, sessions, notice } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply>();
  const pe = res?.intent === "profile" ? (res.errors ?? {}) : {};
  const pv = res?.intent === "profile" ? (res.values ?? {}) : {};
  const we = res?.intent === "password" ? (res.errors ?? {}) : {};
  return (
    <div className="account-page">
      <h1>{t("account.title")}</h1>
      {notice ? <Alert tone="success">{t(`account.${notice}`)}</Alert> : null}
      <p>
        {user.email ?? user.phone} {user.verified ? <VerifiedBadge /> : null}
      </p>

      <section aria-labelledby="verify-h">
        <h2 id="verify-h">{t("account.verification")}</h2>
        {user.verified ? (
          <p>{t("account.verifiedText")}</p>
        ) : user.hasMunicipality ? (
          <p>
            {t("account.notVerifiedText")}{" "}
            <Link to={`/${lang}/account/verify`}>{t("account.verifyLink")}</Link>
          </p>
        ) : (
          <p>{t("account.noMunicipality")}</p>
        )}
      </section>

      <section aria-labelledby="profile-h">
        <h2 id="profile-h">{t("account.profile")}</h2>
        {res?.intent === "profile" && res.ok ? (
          <Alert tone="success">{t("account.saved")}</Alert>
        ) : null}
        <Form noValidate method="post" className="stack">
          <input type="hidden" name="intent" value="profile" />
          <Field
            label={t("fields.displayName")}
            name="displayName"
            required
            defaultValue={pv.displayName ?? user.displayName}
            errors={pe.displayName}
          />
          {villages.length ? (
            <SelectField
              label={t("fields.village")}
              name="villageId"
              defaultValue={pv.villageId ?? String(user.villageId ?? "")}
              errors={pe.villageId}
            >
              {villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            label={t("fields.locale")}
            name="locale"
            defaultValue={pv.locale ?? user.locale}
            errors={pe.locale}
          >
            <option value="ky">Кыргызча</option>
            <option value="ru">Русский</option>
          </SelectField>
          <Button>{t("account.save")}</Button>
        </Form>
      </section>

      <section aria-labelledby="password-h">
        <h2 id="password-h">{t("account.password")}</h2>
        {res?.intent === "password" && res.ok ? (
          <Alert tone="success">{t("account.passwordChanged")}</Alert>
        ) : null}
        <Form noValidate method="post" className="stack">
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("fields.currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={we.currentPassword}
          />
          <NewPasswordField name="newPassword" errors={we.newPassword} />
          <Button>{t("account.changePassword")}</Button>
        </Form>
      </section>

      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t("account.sessions")}</h2>
        <DataTable
          caption={t("account.sessionsCaption")}
          rows={sessions}
          rowKey={(s) => s.handle}
          columns={[
            {
              key: "device",
              header: t("account.device"),
              rowHeader: true,
              cell: (s) => (
                <>
                  {deviceName(s.userAgent) ?? t("account.unknownDevice")}
                  {s.current ? <strong> ({t("account.thisDevice")})</strong> : null}
                </>
              ),
            },
            { key: "ip", header: t("account.ip"), cell: (s) => s.ip ?? "—" },
            {
              key: "lastSeen",
              header: t("account.lastSeen"),
              cell: (s) => formatDateTime(s.lastSeenAt, lang),
            },
            {
              key: "actions",
              header: <span className="visually-hidden">{t("account.actions")}</span>,
              cell: (s) => (
                <Form noValidate method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="handle" value={s.handle} />
                  <Button variant="secondary">{t("account.revoke")}</Button>
                </Form>
              ),
            },
          ]}
        />
        <Form noValidate method="post">
          <input type="hidden" name="intent" value="signOutEverywhere" />
          <Button variant="danger">{t("account.signOutEverywhere")}</Button>
        </Form>
      </section>
    </div>
  );
}

/** "Chrome · Android" instead of the whole User-Agent string, which means nothing to a resident. */
function deviceName(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser =
    [
      ["YaBrowser", "Yandex"],
      ["Edg/", "Edge"],
      ["OPR/", "Opera"],
      ["SamsungBrowser", "Samsung Internet"],
      ["Firefox/", "Firefox"],
      ["Chrome/", "Chrome"],
      ["Safari/", "Safari"],
    ].find(([needle]) => ua.includes(needle))?.[1] ?? null;
  const os =
    [
      ["Android", "Android"],
      ["iPhone", "iPhone"],
      ["iPad", "iPad"],
      ["Windows", "Windows"],
      ["Mac OS X", "macOS"],
      ["Linux", "Linux"],
    ].find(([needle]) => ua.includes(needle))?.[1] ?? null;
  const name = [browser, os].filter(Boolean).join(" · ");
  return name || ua.slice(0, 60);
}
