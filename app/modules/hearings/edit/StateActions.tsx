/**
 * The state changes of a hearing on its overview page: announce a draft (with what is still
 * missing, each linked to the page where it is filled in), close the comment period early, cancel
 * (both behind a confirmation at the end of the page).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, TextareaField } from "~/components/ui";
import { formatDate } from "~/modules/format/format";
import type { HearingState } from "#db/schema";
import type { Lang } from "../../i18n/config";
import type { HearingDue } from "../dashboard.server";
import { DueList } from "../DueList";
import { EditForm, EditPage, useEditReply } from "./reply";

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

/** A destructive change that asks first: closing the comment period early, cancelling. */
export type Confirmable = "close" | "cancel";

/**
 * The overview of one hearing: what is due, announcing a draft, and — last on the page — the
 * destructive changes. Those are links (GET `?confirm=close|cancel#confirm`) to a confirmation at
 * the end of the page that states the consequence and holds the real POST form, so nothing
 * irreversible is one tap away and the step works without JavaScript. A refused post (a missing
 * reason) shows its confirmation again, with what was typed.
 */
export function StateActions({
  id,
  state,
  missing,
  earliestClose,
  minCommentDays,
  due,
  confirm,
}: {
  id: number;
  state: HearingState;
  missing: Missing[];
  /** ISO instant from which the comment period may be closed early, while open */
  earliestClose: string | null;
  minCommentDays: number;
  /** what is due on the hearing (unanswered comments, meeting, protocol) */
  due: HearingDue | null;
  /** the confirmation asked for in the URL (`?confirm=`), if any */
  confirm: Confirmable | null;
}) {
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language as Lang;
  const { errs, vals, reply } = useEditReply();
  const refusedIntent = reply && !reply.ok ? reply.intent : null;
  const asked: Confirmable | null =
    refusedIntent === "close" || refusedIntent === "cancel" ? refusedIntent : confirm;
  const editable = state !== "closed" && state !== "cancelled";
  const showing: Confirmable | null =
    asked === "close" && state === "open"
      ? "close"
      : asked === "cancel" && editable
        ? "cancel"
        : null;
  const items = new Map<string, string>();
  for (const m of missing) {
    const text = String(t(`hearings:${m.key}`, m.params ?? {}));
    if (!items.has(text)) items.set(text, pageOf(m.field));
  }
  return (
    <EditPage id="actions" title={t("edit.actions")}>
      {state !== "draft" ? (
        <section aria-labelledby="due-heading">
          <h2 id="due-heading">{t("dashboard.col.due")}</h2>
          <DueList id={id} due={due} lang={lang} />
        </section>
      ) : null}
      {state === "draft" ? (
        <EditForm intent="announce" anchor="announce" className="" notice="page">
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
          <Button>{t("edit.announce")}</Button>
        </EditForm>
      ) : null}
      {editable && !showing ? (
        <section aria-labelledby="danger-heading" className="danger-zone">
          <h2 id="danger-heading">
            {/* the heading names what is offered: closing early only while open */}
            {t(state === "open" ? "edit.danger" : "edit.dangerCancel")}
          </h2>
          <ul className="plain-list">
            {state === "open" ? (
              <li>
                <Link to="?confirm=close#confirm" preventScrollReset>
                  {t("edit.close")}…
                </Link>
                {earliestClose ? (
                  <span className="muted block">
                    {t("edit.closeHint", {
                      date: formatDate(earliestClose, lang),
                      min: minCommentDays,
                    })}
                  </span>
                ) : null}
              </li>
            ) : null}
            <li>
              <Link to="?confirm=cancel#confirm" preventScrollReset>
                {t("edit.cancel")}…
              </Link>
            </li>
          </ul>
        </section>
      ) : null}
      {showing === "close" ? (
        <section id="confirm" aria-labelledby="confirm-heading" className="confirm-box">
          <h2 id="confirm-heading">{t("edit.closeConfirmTitle")}</h2>
          <p>{t("edit.closeConsequence")}</p>
          {earliestClose ? (
            <p className="muted">
              {t("edit.closeHint", { date: formatDate(earliestClose, lang), min: minCommentDays })}
            </p>
          ) : null}
          <EditForm intent="close" anchor="close" notice="page">
            <Button variant="danger">{t("edit.closeConfirm")}</Button>
          </EditForm>
          <p>
            <Link to=".">{t("edit.keep")}</Link>
          </p>
        </section>
      ) : null}
      {showing === "cancel" ? (
        <section id="confirm" aria-labelledby="confirm-heading" className="confirm-box">
          <h2 id="confirm-heading">{t("edit.cancelConfirmTitle")}</h2>
          <p>{t("edit.cancelConsequence")}</p>
          <EditForm intent="cancel" anchor="cancel" notice="page">
            <TextareaField
              label={t("fields.reason")}
              name="reason"
              rows={2}
              defaultValue={vals("cancel").reason}
              errors={errs("cancel").reason}
            />
            <Button variant="danger">{t("edit.cancelConfirm")}</Button>
          </EditForm>
          <p>
            <Link to=".">{t("edit.keep")}</Link>
          </p>
        </section>
      ) : null}
    </EditPage>
  );
}
