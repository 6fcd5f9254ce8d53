import { NewPasswordField } from "~/modules/auth/AuthForm";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button } from "~/components/ui";
import { resetPasswordWithToken } from "~/modules/auth/commands.server";
import { resetLinkValid } from "~/modules/auth/queries.server";
import { metaOf, redirectWithSession } from "~/modules/auth/http.server";
import { newPasswordSchema } from "~/modules/auth/schemas.server";
import { getDb } from "~/modules/core/db.server";
import { DomainError } from "~/modules/core/errors";
import { invalidReply, refusalReply, type ActionReply } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth:reset.newTitle");

export async function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  return { valid: await resetLinkValid(await getDb(), params.token ?? "") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = tFor(params);
  const p = parseForm(await readForm(request), newPasswordSchema, t);
  if (!p.ok) return invalidReply(p.errors);
  const res = await resetPasswordWithToken(
    await getDb(),
    params.token ?? "",
    p.data.password,
    metaOf(request, context),
  );
  if (!res.ok) return refusalReply(lang, new DomainError("auth:errors.resetInvalid"));
  return redirectWithSession(`/${lang}/account?reset=1`, res.session);
}

export default function ResetWithLink() {
  const { t } = useTranslation("auth");
  const lang = useLang();
  const { valid } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply>();
  const e = res?.errors ?? {};
  return (
    <div className="auth-page">
      <h1>{t("reset.newTitle")}</h1>
      {!valid ? (
        <Alert tone="error">
          {t("errors.resetInvalid")} <Link to={`/${lang}/reset`}>{t("reset.again")}</Link>
        </Alert>
      ) : (
        <>
          {e._form ? <Alert tone="error">{e._form.join(" ")}</Alert> : null}
          <Form method="post" className="stack" noValidate>
            <NewPasswordField name="password" errors={e.password} />
            <Button>{t("reset.save")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
