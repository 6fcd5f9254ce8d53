/**
 * The comment list's filters (stance, target, unanswered; for officials also "reported") and the
 * "more" link that keeps them, used by the public hearing page and the officials' comment queue.
 * Plain GET forms and links: they work without JavaScript.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, SelectField } from "~/components/ui";
import { TargetOptions, type Targets } from "./components";

const STANCES = ["for", "against", "neutral"] as const;

/** The filters as read from the URL (`filtersFromUrl`, plus `reported` on the queue). */
export interface CommentFilterValues {
  stance: (typeof STANCES)[number] | null;
  /** "", "line:{id}" or "section:{id}" */
  target: string;
  unanswered: boolean;
  /** only comments with open reports (officials) */
  reported?: boolean;
}

export function CommentFilters({
  filters,
  targets,
  byStance,
  showReported = false,
}: {
  filters: CommentFilterValues;
  targets: Targets;
  /** counts shown beside each stance (the public page) */
  byStance?: Record<(typeof STANCES)[number], number>;
  /** offer the "reported only" filter (the officials' queue) */
  showReported?: boolean;
}) {
  const { t } = useTranslation("participation");
  // action ".": the route's own path, never the current query string (a GET form replaces it
  // anyway, and the kept participation section, ADR 0069, is shared across query strings)
  return (
    <Form noValidate method="get" action="." className="comment-filters" preventScrollReset>
      <SelectField label={t("filters.stance")} name="stance" defaultValue={filters.stance ?? ""}>
        <option value="">{t("filters.all")}</option>
        {STANCES.map((s) => (
          <option key={s} value={s}>
            {t(`stance.${s}`)}
            {byStance ? ` (${byStance[s]})` : ""}
          </option>
        ))}
      </SelectField>
      {targets.tariffLines.length + targets.sections.length > 0 ? (
        <SelectField label={t("filters.target")} name="target" defaultValue={filters.target}>
          <TargetOptions
            lines={targets.tariffLines}
            sections={targets.sections}
            first={t("filters.all")}
          />
        </SelectField>
      ) : null}
      <label className="check">
        <input type="checkbox" name="unanswered" value="1" defaultChecked={filters.unanswered} />{" "}
        {t("filters.unanswered")}
      </label>
      {showReported ? (
        <label className="check">
          <input type="checkbox" name="reported" value="1" defaultChecked={filters.reported} />{" "}
          {t("office.reportedOnly")}
        </label>
      ) : null}
      <Button variant="secondary">{t("filters.apply")}</Button>
    </Form>
  );
}

/** "Show more": the next page of the list after `cursor`, with the same filters. */
export function MoreComments({
  filters,
  cursor,
  hash = "",
}: {
  filters: CommentFilterValues;
  cursor: string | null;
  /** where the next page scrolls to, e.g. "#comments" */
  hash?: string;
}) {
  const { t } = useTranslation("participation");
  if (!cursor) return null;
  const qs = new URLSearchParams({
    ...(filters.stance ? { stance: filters.stance } : {}),
    ...(filters.target ? { target: filters.target } : {}),
    ...(filters.unanswered ? { unanswered: "1" } : {}),
    ...(filters.reported ? { reported: "1" } : {}),
    cursor,
  });
  return (
    <p>
      <Link to={`?${qs.toString()}${hash}`} className="btn btn-secondary">
        {t("comments.more")}
      </Link>
    </p>
  );
}
