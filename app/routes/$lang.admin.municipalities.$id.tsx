import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { AdminNav } from "~/modules/admin/AdminNav";
import { updateMunicipalitySettings } from "~/modules/admin/commands.server";
import { getMunicipality } from "~/modules/admin/queries.server";
import { settingsSchema } from "~/modules/admin/schemas.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { metaOf } from "~/modules/auth/http.server";
import { getDb } from "~/modules/core/db.server";
import { invalidReply, notFound, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";
import { idParam } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin:settings.title");

async function load(request: Request, params: { lang?: string; id?: string }) {
  const lang = requireLang(params);
  const m = await getMunicipality(await getDb(), lang, idParam(request, params, "id"));
  if (!m) throw notFound(lang);
  return m;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLang(params);
  await requirePermission(request, "municipality.settings");
  return { m: await load(request, params) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireLang(params);
  const m0 = idParam(request, params, "id");
  const user = await requirePermission(request, "municipality.settings", { municipalityId: m0 });
  const m = await load(request, params);
  const p = parseForm(await readForm(request), settingsSchema, tFor(params));
  if (!p.ok) return invalidReply(p.errors, p.values);
  await updateMunicipalitySettings(await getDb(), user.id, m.id, p.data, metaOf(request, context));
  return { ok: true as const };
}

export default function MunicipalitySettings() {
  const { t } = useTranslation("admin");
  const { m } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply>();
  const e = res?.errors ?? {};
  const v = res?.values ?? {};
  return (
    <div>
      <h1>
        {t("settings.title")}: {m.name}
      </h1>
      <AdminNav />
      {res?.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Form method="post" className="stack" noValidate>
        {(["minNoticeDays", "minCommentDays", "minVotingAge", "inPersonQuorum"] as const).map(
          (k) => (
            <Field
              key={k}
              label={t(`settings.${k}`)}
              name={k}
              type="number"
              inputMode="numeric"
              defaultValue={v[k] ?? m[k]}
              errors={e[k]}
            />
          ),
        )}
        <div className="field checkbox">
          <input
            id="unverifiedMayComment"
            type="checkbox"
            name="unverifiedMayComment"
            value="1"
            defaultChecked={m.unverifiedMayComment}
          />
          <label htmlFor="unverifiedMayComment">{t("settings.unverifiedMayComment")}</label>
        </div>
        <Button>{t("save")}</Button>
      </Form>
    </div>
  );
}
