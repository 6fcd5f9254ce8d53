import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { requirePermission } from "~/modules/auth/guards.server";
import { metaOf } from "~/modules/auth/http.server";
import { getDb } from "~/modules/core/db.server";
import { invalidReply, refusal, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { verifyResident } from "~/modules/residents/commands.server";
import { verifySchema } from "~/modules/residents/schemas.server";
import { VerifiedBadge } from "~/modules/residents/VerifiedBadge";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "residents:verify.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLang(params);
  const user = await requirePermission(request, "account.self");
  return {
    hasMunicipality: !!user.municipalityId,
    verified: !!user.municipalityId && user.verifiedIn.includes(user.municipalityId),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requirePermission(request, "account.self");
  const p = parseForm(await readForm(request), verifySchema, tFor(params));
  if (!p.ok) return invalidReply(p.errors, p.values);
  try {
    await verifyResident(await getDb(), user.id, p.data, metaOf(request, context));
  } catch (e) {
    return refusal(e, lang, undefined, p.values);
  }
  return { ok: true as const };
}

export default function Verify() {
  const { t } = useTranslation("residents");
  const lang = useLang();
  const { hasMunicipality, verified } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply>();
  const e = res?.errors ?? {};
  const v = res?.values ?? {};
  if (res?.ok || verified)
    return (
      <div className="auth-page">
        <h1>{t("verify.title")}</h1>
        <Alert tone="success" title={t("verify.done")}>
          <p>
            <VerifiedBadge />
          </p>
        </Alert>
        <p>
          <Link to={`/${lang}/account`}>{t("verify.backToAccount")}</Link>
        </p>
      </div>
    );
  return (
    <div className="auth-page">
      <h1>{t("verify.title")}</h1>
      {!hasMunicipality ? <Alert tone="warning">{t("errors.noMunicipality")}</Alert> : null}
      <p>{t("verify.intro")}</p>
      {e._form ? <Alert tone="error">{e._form.join(" ")}</Alert> : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label={t("fields.pin")}
          hint={t("fields.pinHint")}
          name="pin"
          inputMode="numeric"
          autoComplete="off"
          required
          defaultValue={v.pin}
          errors={e.pin}
        />
        <Field
          label={t("fields.birthDate")}
          hint={t("fields.birthDateHint")}
          name="birthDate"
          autoComplete="bday"
          placeholder="15.03.1990"
          required
          defaultValue={v.birthDate}
          errors={e.birthDate}
        />
        <Button>{t("verify.submit")}</Button>
      </Form>
      <p className="field-hint">{t("verify.privacy")}</p>
    </div>
  );
}
