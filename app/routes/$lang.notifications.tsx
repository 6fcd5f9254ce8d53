import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "~/components/ui";
import { requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { formatDateTime } from "~/modules/format/format";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { markRead } from "~/modules/reach/commands.server";
import { notificationSettingsPath } from "~/modules/reach/links";
import { notificationPath, notificationText } from "~/modules/reach/notify.server";
import { listNotifications } from "~/modules/reach/queries.server";
import { DomainError } from "~/modules/core/errors";
import { refusalPage } from "~/modules/core/reply.server";
import { readForm } from "~/modules/forms/read.server";
import { idField } from "~/modules/forms/fields";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "reach:list.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const items = await listNotifications(await getDb(), user.id);
  return {
    items: items.map((n) => ({
      id: n.id,
      read: n.read,
      text: notificationText(n.kind, n.payload, lang),
      href: notificationPath(n.kind, n.hearingId, lang),
      when: formatDateTime(n.createdAt, lang),
    })),
    unread: items.filter((n) => !n.read).length,
  };
}

const schema = z.union([
  z.object({ intent: z.literal("read"), id: idField() }),
  z.object({ intent: z.literal("readAll") }),
]);

// POST intent=read&id=… or intent=readAll: only the signed-in person's own notifications.
export async function action({ params, request }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return refusalPage(lang, new DomainError("common:errors.invalidForm"));
  const n = await markRead(
    await getDb(),
    user.id,
    parsed.data.intent === "read" ? parsed.data.id : null,
  );
  return { marked: n };
}

export default function NotificationsPage() {
  const { items, unread } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("reach");
  const lang = i18n.language as "ky" | "ru";
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="muted">
        {t("list.unread", { count: unread })} ·{" "}
        <Link to={notificationSettingsPath(lang)}>{t("list.settings")}</Link>
      </p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="readAll" />
          <Button variant="secondary">{t("list.readAll")}</Button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <ul className="reach-notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "reach-read" : "reach-unread"}>
              <p>
                {n.read ? null : <strong className="reach-new">{t("list.new")} </strong>}
                <Link to={n.href}>{n.text}</Link>
              </p>
              <p className="muted">{n.when}</p>
              {n.read ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <Button variant="secondary">{t("list.markRead")}</Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
