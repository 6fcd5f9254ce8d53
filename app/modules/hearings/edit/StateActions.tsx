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
import type { Refusal } from "../../core/errors";
import type { Lang } from "../../i18n/config";
import type { HearingDue } from "../dashboard.server";
import type { StateAction } from "../policy";
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
 * Why a state change is refused now, in the person's language: the policy's key and params (an
 * instant `date` shown as its day), and for a date from which it becomes possible the hint
 * "may be closed early after …".
 */
function RefusalReason({ refusal, lang }: { refusal: Refusal; lang: Lang }) {
  const { t } = useTranslation("office");
  const p = refusal.params ?? {};
  const date = typeof p.date === "string" ? formatDate(p.date, lang) : undefined;
  return (
    <span className="muted block" data-refusal={refusal.key}>
      {String(t(refusal.key, { ...p, ...(date ? { date } : {}) }))}
      {date ? ` ${String(t("edit.closeHint", { ...p, date }))}` : null}
    </span>
  );
}

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
  actions,
  missing,
  due,
  confirm,
}: {
  id: number;
  state: HearingState;
  /** the hearings policy's answers: which changes are offered, and why one is refused now */
  actions: { announce: StateAction; close: StateAction; cancel: StateAction };
  missing: Missing[];
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
  const showing: Confirmable | null = asked && actions[asked].refusal === null ? asked : null;
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
      {actions.announce.offered && actions.announce.refusal ? (
        <p>
          <RefusalReason refusal={actions.announce.refusal} lang={lang} />
        </p>
      ) : null}
      {actions.announce.offered && !actions.announce.refusal ? (
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
      {(actions.close.offered || actions.cancel.offered) && !showing ? (
        <section aria-labelledby="danger-heading" className="danger-zone">
          <h2 id="danger-heading">
            {/* the heading names what is offered: both, or only one of them */}
            {t(
              actions.close.offered && actions.cancel.offered
                ? "edit.danger"
                : actions.close.offered
                  ? "edit.close"
                  : "edit.dangerCancel",
            )}
          </h2>
          <ul className="plain-list">
            {(["close", "cancel"] as const).map((a) => {
              const { offered, refusal } = actions[a];
              if (!offered) return null;
              return (
                <li key={a}>
                  {refusal ? (
                    <>
                      {t(`edit.${a}`)}
                      <RefusalReason refusal={refusal} lang={lang} />
                    </>
                  ) : (
                    <Link to={`?confirm=${a}#confirm`} preventScrollReset>
                      {t(`edit.${a}`)}…
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {showing === "close" ? (
        <section id="confirm" aria-labelledby="confirm-heading" className="confirm-box">
          <h2 id="confirm-heading">{t("edit.closeConfirmTitle")}</h2>
          <p>{t("edit.closeConsequence")}</p>
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
