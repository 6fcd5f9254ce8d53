import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Field, SelectField } from "~/components/ui";
import { requirePermission, requireUser } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";
import { getDb } from "~/modules/core/db.server";
import { parseForm } from "~/modules/forms/validate.server";
import { createHearing } from "~/modules/hearings/commands.server";
import { createSchema } from "~/modules/hearings/schemas";
import { InitiatorKindField } from "~/modules/hearings/edit/fields";
import { binder } from "~/modules/hearings/edit/reply";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { listOfficeHearings } from "~/modules/hearings/queries.server";
import { forbiddenPage, invalidReply } from "~/modules/core/reply.server";
import { readForm } from "~/modules/forms/read.server";
import { toId } from "~/modules/http/ids";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "office:new.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const ms = (await listOfficeHearings(await getDb(), user, lang)).filter((m) =>
    can(user, "hearing.create", { municipalityId: m.id }),
  );
  if (!ms.length) throw forbiddenPage(lang);
  const pre = toId(new URL(request.url).searchParams.get("m"));
  return {
    municipalities: ms.map((m) => ({ id: m.id, name: m.name })),
    preselected: pre || ms[0].id,
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await readForm(request);
  const parsed = parseForm(form, createSchema, tFor(params));
  if (!parsed.ok) return invalidReply(parsed.errors, parsed.values);
  const user = await requirePermission(request, "hearing.create", {
    municipalityId: parsed.data.municipalityId,
  });
  const id = await createHearing(await getDb(), user, parsed.data);
  return redirect(`/${lang}/office/hearings/${id}`);
}

export default function NewHearing() {
  const { municipalities, preselected } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("office");
  const v = reply?.values ?? {};
  const e = reply?.errors ?? {};
  const bind = binder(t, v, e, { initiatorKind: "okmotu" });
  return (
    <>
      <h1>{t("new.heading")}</h1>
      <Form noValidate method="post" className="stack-form">
        <SelectField
          label={t("new.municipality")}
          name="municipalityId"
          defaultValue={v.municipalityId ?? String(preselected)}
          errors={e.municipalityId}
        >
          {municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("new.type")}
          name="type"
          defaultValue={v.type ?? "tariff"}
          errors={e.type}
        >
          <option value="tariff">{t("hearings:type.tariff")}</option>
          <option value="plan">{t("hearings:type.plan")}</option>
        </SelectField>
        <Field {...bind("titleKy")} lang="ky" required />
        <Field {...bind("titleRu")} lang="ru" required />
        <InitiatorKindField {...bind("initiatorKind")} />
        <Field {...bind("initiatorNameKy")} />
        <Field {...bind("initiatorNameRu")} />
        <Button>{t("new.submit")}</Button>
      </Form>
    </>
  );
}
