import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Field } from "~/components/ui";
import { AuthForm, LoginField } from "~/modules/auth/AuthForm";
import { register } from "~/modules/auth/commands.server";
import { redirectIfSignedIn } from "~/modules/auth/guards.server";
import { isBot, metaOf, safeRedirect } from "~/modules/auth/http.server";
import { municipalityOfVillage, villageChoices } from "~/modules/auth/queries.server";
import { registerSchema } from "~/modules/auth/schemas.server";
import { getDb } from "~/modules/core/db.server";
import { DomainError } from "~/modules/core/errors";
import { invalidReply, refusal, refusalReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:register.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await redirectIfSignedIn(request, lang);
  return { choices: await villageChoices(await getDb(), lang) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), `/${lang}/account`);
  if (isBot(form)) return redirect(`/${lang}`);
  const parsed = parseForm(form, registerSchema, tFor(params));
  if (!parsed.ok) return invalidReply(parsed.errors, parsed.values);
  const db = await getDb();
  const municipalityId = await municipalityOfVillage(db, parsed.data.villageId);
  if (!municipalityId)
    return refusalReply(
      lang,
      new DomainError("auth:errors.villageUnknown", {}, 400, "villageId"),
      parsed.values,
    );
  try {
    await register(db, { ...parsed.data, municipalityId, locale: lang }, metaOf(request, context));
  } catch (e) {
    return refusal(e, lang, undefined, parsed.values);
  }
  // the same answer whether the login was new or already had an account: sign in now
  return redirect(`/${lang}/login?registered=1&redirectTo=${encodeURIComponent(redirectTo)}`);
}

export default function Register() {
  const { t, i18n } = useTranslation("auth");
  const lang = i18n.language;
  const { choices } = useLoaderData<typeof loader>();
  const result = useActionData<ActionReply>();
  const [params] = useSearchParams();
  const e = result?.errors ?? {};
  const v = result?.values ?? {};
  return (
    <AuthForm
      title={t("register.title")}
      formErrors={e._form}
      redirectTo={params.get("redirectTo") ?? ""}
      after={
        <p>
          {t("register.haveAccount")} <Link to={`/${lang}/login`}>{t("login.title")}</Link>
        </p>
      }
    >
      <LoginField value={v.login} errors={e.login} />
      <Field
        label={t("fields.password")}
        hint={t("fields.passwordHint")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        errors={e.password}
      />
      <Field
        label={t("fields.displayName")}
        name="displayName"
        autoComplete="name"
        required
        defaultValue={v.displayName}
        errors={e.displayName}
      />
      <div className="field">
        <label htmlFor="reg-village">{t("fields.village")}</label>
        <p id="reg-village-hint" className="field-hint">
          {t("fields.villageHint")}
        </p>
        <select
          id="reg-village"
          name="villageId"
          required
          defaultValue={v.villageId ?? ""}
          aria-invalid={e.villageId ? true : undefined}
          aria-describedby={`reg-village-hint${e.villageId ? " reg-village-error" : ""}`}
        >
          <option value="">{t("fields.villageChoose")}</option>
          {choices.map((m) => (
            <optgroup key={m.municipalityId} label={m.municipality}>
              {m.villages.map((vl) => (
                <option key={vl.id} value={vl.id}>
                  {vl.name} — {m.municipality}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {e.villageId ? (
          <p id="reg-village-error" className="field-error" role="alert">
            {e.villageId.join(" ")}
          </p>
        ) : null}
      </div>
      <Button>{t("register.submit")}</Button>
    </AuthForm>
  );
}
