import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * The official's pages for one hearing, in one row of links: edit, preview, the comment queue,
 * the in-person meeting, the protocol, and the public page. Pages that cannot apply yet are left
 * out (no comments before announcement, no protocol before the hearing closes).
 */
export function OfficeHearingNav({ id, state, lang }: { id: number; state: string; lang: string }) {
  const { t } = useTranslation("office");
  const base = `/${lang}/office/hearings/${id}`;
  const links: [string, string, boolean][] = [
    [base, t("nav.edit"), true],
    [`${base}/preview`, t("nav.preview"), true],
    [`${base}/comments`, t("nav.comments"), state !== "draft"],
    [`${base}/meeting`, t("nav.meeting"), state !== "draft" && state !== "cancelled"],
    [`${base}/protocol`, t("nav.protocol"), state === "closed"],
    [`/${lang}/hearings/${id}`, t("nav.public"), state !== "draft"],
  ];
  return (
    <nav aria-label={t("nav.label")} className="office-nav">
      <ul className="inline-list">
        {links
          .filter(([, , show]) => show)
          .map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} end>
                {label}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
