import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/hooks";

export interface ApprovedProtocolItem {
  hearingId: number;
  number: string;
  title: string;
  resolutionNumber: string | null;
  resolutionDate: string | null;
}

/** The municipality page's list of approved protocols (nothing when there are none). */
export function ApprovedProtocols({ items }: { items: ApprovedProtocolItem[] }) {
  const { t } = useTranslation("protocol");
  const lang = useLang();
  if (!items.length) return null;
  return (
    <section aria-labelledby="approved-protocols-heading">
      <h2 id="approved-protocols-heading">{t("municipality.approvedHeading")}</h2>
      <ul>
        {items.map((p) => (
          <li key={p.hearingId}>
            <Link to={`/${lang}/hearings/${p.hearingId}/protocol`}>
              {t("doc.number", { number: p.number })} · {p.title}
            </Link>{" "}
            <span className="muted">
              {t("municipality.resolution", {
                number: p.resolutionNumber,
                date: p.resolutionDate?.split("-").reverse().join("."),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
