import { useTranslation } from "react-i18next";

/** "Verified resident" mark shown next to a comment's author (strings in the residents namespace). */
export function VerifiedBadge({ className = "" }: { className?: string }) {
  const { t } = useTranslation("residents");
  return (
    <span className={`verified-badge ${className}`.trim()} title={t("badge.title")}>
      <span aria-hidden="true">✓</span> {t("badge.label")}
    </span>
  );
}
