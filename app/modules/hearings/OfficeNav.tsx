import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * The official's pages for one hearing, in one row of links: the overview with the state changes,
 * the edit pages (details, tariff lines or plan, questions, documents), preview, the comment
 * queue, the in-person meeting, the protocol, and the public page. Pages that cannot apply are
 * left out (no details form once closed or cancelled, no comments before announcement, no
 * protocol before the hearing closes).
 */
export function OfficeHearingNav({
  id,
  state,
  type,
  lang,
}: {
  id: number;
  state: string;
  type: string;
  lang: string;
}) {
  const { t } = useTranslation("office");
  const base = `/${lang}/office/hearings/${id}`;
  const editable = state !== "closed" && state !== "cancelled";
  const links: [string, string, boolean][] = [
    [base, t("edit.actions"), true],
    [`${base}/details`, t("edit.details"), editable],
    [`${base}/lines`, t("edit.lines"), type === "tariff"],
    [`${base}/plan`, t("edit.plan"), type === "plan"],
    [`${base}/questions`, t("edit.questions"), true],
    [`${base}/documents`, t("edit.documents"), true],
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
