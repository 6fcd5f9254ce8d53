/**
 * The state changes of a hearing on its overview page: announce a draft (with what is still
 * missing, each linked to the page where it is filled in), close the comment period early, cancel.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, TextareaField } from "~/components/ui";
import { formatDate } from "~/modules/format/format";
import type { HearingState } from "#db/schema";
import { EditPage, useEditReply } from "./reply";

/** One thing missing before announcement: `field` names the form field or part it concerns. */
export interface Missing {
  field: string;
  key: string;
  params?: Record<string, number>;
}

/** The edit page where a missing field is filled in. */
function pageOf(field: string): string {
  if (field === "tariffLines") return "lines";
  if (field === "planSections") return "plan";
  return "details";
}

export function StateActions({
  id,
  state,
  missing,
  earliestClose,
  minCommentDays,
}: {
  id: number;
  state: HearingState;
  missing: Missing[];
  /** ISO instant from which the comment period may be closed early, while open */
  earliestClose: string | null;
  minCommentDays: number;
}) {
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language as "ky" | "ru";
  const { errs, vals } = useEditReply();
  const refused = { ...errs("announce"), ...errs("close"), ...errs("cancel") };
  const editable = state !== "closed" && state !== "cancelled";
  const items = new Map<string, string>();
  for (const m of missing) {
    const text = String(t(`hearings:${m.key}`, m.params ?? {}));
    if (!items.has(text)) items.set(text, pageOf(m.field));
  }
  return (
    <EditPage id="actions" title={t("edit.actions")}>
      {Object.keys(refused).length ? (
        <Alert tone="error">{Object.values(refused).flat().join(" ")}</Alert>
      ) : null}
      {state === "draft" ? (
        <Form method="post">
          <p className="muted">{t("edit.announceHint")}</p>
          {items.size ? (
            <div className="alert alert-warning">
              <p className="alert-title">{t("edit.missing")}</p>
              <ul>
                {[...items].map(([text, page]) => (
                  <li key={text}>
                    <Link to={`/${lang}/office/hearings/${id}/${page}`}>{text}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <input type="hidden" name="intent" value="announce" />
          <Button>{t("edit.announce")}</Button>
        </Form>
      ) : null}
      {state === "open" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          {earliestClose ? (
            <p className="muted">
              {t("edit.closeHint", {
                date: formatDate(earliestClose, lang),
                min: minCommentDays,
              })}
            </p>
          ) : null}
          <Button variant="secondary">{t("edit.close")}</Button>
        </Form>
      ) : null}
      {editable ? (
        <Form method="post" className="stack-form">
          <input type="hidden" name="intent" value="cancel" />
          <TextareaField
            label={t("fields.reason")}
            name="reason"
            rows={2}
            defaultValue={vals("cancel").reason}
            errors={errs("cancel").reason}
          />
          <Button variant="danger">{t("edit.cancel")}</Button>
        </Form>
      ) : null}
    </EditPage>
  );
}
