/** The header link to the in-portal notification list, with the unread count. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/hooks";
import { notificationsPath } from "./links";

export function NotificationsLink({ count }: { count: number }) {
  const { t } = useTranslation("reach");
  const lang = useLang();
  return (
    <Link to={notificationsPath(lang)} className="reach-bell">
      {t("list.link")}
      {count > 0 ? (
        <span className="reach-badge" aria-label={t("list.unread", { count })}>
          {count}
        </span>
      ) : null}
    </Link>
  );
}
