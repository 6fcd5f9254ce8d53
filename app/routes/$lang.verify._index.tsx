import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field } from "~/components/ui";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:verify.title");

/** Enter a code (a GET form that works without JavaScript) → /{lang}/verify/{code}. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const code = new URL(request.url).searchParams.get("code")?.trim().toUpperCase() ?? "";
  if (code && /^[0-9A-Z-]{4,20}$/.test(code)) throw redirect(`/${lang}/verify/${code}`);
  return { bad: code !== "" };
}

export default function VerifyIndex() {
  const { bad } = useLoaderData<typeof loader>();
  const { t } = useTranslation("protocol");
  const lang = useLang();
  return (
    <>
      <h1>{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      {bad ? <Alert tone="error">{t("verify.notFound")}</Alert> : null}
      <Form noValidate method="get" action={`/${lang}/verify`}>
        <Field
          label={t("verify.code")}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          required
        />
        <div className="form-actions">
          <Button>{t("verify.check")}</Button>
        </div>
      </Form>
    </>
  );
}
