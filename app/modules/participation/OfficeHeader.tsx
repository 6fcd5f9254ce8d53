/**
 * The head of an office participation page (comment queue, meeting record): the way back to the
 * public hearing page, the page's title, the hearing's title and, once the protocol is approved,
 * the note that nothing can change any more.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "~/components/ui";
import { useLang } from "../i18n/hooks";

export function OfficeHeader({
  hearing,
  titleKey,
}: {
  hearing: { id: number; title: string; locked: boolean };
  /** the page title's key in the participation namespace, e.g. "office.queueTitle" */
  titleKey: string;
}) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  return (
    <>
      <p>
        <Link to={`/${lang}/hearings/${hearing.id}`}>{t("office.back")}</Link>
      </p>
      <h1>{t(titleKey)}</h1>
      <p className="muted">{hearing.title}</p>
      {hearing.locked ? <Alert tone="info">{t("errors.locked")}</Alert> : null}
    </>
  );
}
