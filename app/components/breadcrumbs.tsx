/**
 * The breadcrumb trail above a page's heading, one shape for every page that has one.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** One step of the trail: a link when `to` is given, plain text (the current place) otherwise. */
export interface Crumb {
  label: ReactNode;
  to?: string;
}

/**
 * `<nav aria-label="…breadcrumbs"><ol>` with one `<li>` per crumb, in the order given.
 * The label of the navigation is `common:layout.breadcrumbs` in the page's language.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("common:layout.breadcrumbs")} className="breadcrumbs">
      <ol>
        {items.map((c, i) => (
          <li key={i}>{c.to ? <Link to={c.to}>{c.label}</Link> : c.label}</li>
        ))}
      </ol>
    </nav>
  );
}
