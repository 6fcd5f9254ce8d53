import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/hooks";

export function AdminNav() {
  const { t } = useTranslation("admin");
  const lang = useLang();
  const items = [
    ["", "nav.municipalities"],
    ["/roles", "nav.roles"],
    ["/audit", "nav.audit"],
    ["/mail", "nav.mail"],
  ] as const;
  return (
    <nav aria-label={t("nav.label")} className="admin-nav">
      <ul>
        {items.map(([to, key]) => (
          <li key={key}>
            <NavLink to={`/${lang}/admin${to}`} end>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
