import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button } from "~/components/ui";
import { getDb } from "~/modules/core/db.server";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { unsubscribeByToken } from "~/modules/reach/commands.server";
import { verifyUnsubscribeToken } from "~/modules/reach/notify.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "reach:unsubscribe.title");

// GET: a confirmation button (mail scanners that follow links must not unsubscribe anyone).
export async function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  const userId = await verifyUnsubscribeToken(await getDb(), params.token ?? "");
  return data({ valid: userId !== null }, { status: userId === null ? 404 : 200 });
}

// POST: the form's button, or an RFC 8058 one-click POST (List-Unsubscribe=One-Click). No sign-in.
export async function action({ params }: ActionFunctionArgs) {
  requireLang(params);
  const userId = await unsubscribeByToken(await getDb(), params.token ?? "");
  return data({ done: userId !== null }, { status: userId === null ? 404 : 200 });
}

export default function UnsubscribePage() {
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("reach");
  return (
    <>
      <h1>{t("unsubscribe.title")}</h1>
      {result?.done ? (
        <Alert tone="success">{t("unsubscribe.done")}</Alert>
      ) : !valid || result?.done === false ? (
        <Alert tone="error">{t("unsubscribe.invalid")}</Alert>
      ) : (
        <Form noValidate method="post">
          <p>{t("unsubscribe.confirmText")}</p>
          <Button>{t("unsubscribe.confirm")}</Button>
        </Form>
      )}
    </>
  );
}
