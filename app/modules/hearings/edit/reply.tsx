/**
 * What the officials' edit pages share: the reply of the page's last action read per intent
 * (errors and typed values go back to the form that was sent), the section frame and the
 * success notice.
 */
import { Form, useActionData, useFormAction } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  Alert,
  Button,
  ErrorSummary,
  Field,
  FieldIdPrefix,
  fieldBinder,
  summaryItems,
} from "~/components/ui";
import type { ActionReply } from "~/modules/core/reply.server";

/** Typed values of a form, by field name. */
export type Dict = Record<string, string | undefined>;
/** Localized messages of a form, by field name ("_form" for the whole form). */
export type Errs = Record<string, string[] | undefined>;

/**
 * The props that bind a field of an edit form to its name: the label `office:fields.<name>`, the
 * value (typed in a refused post, else the record's) and its messages. Spread into `Field`,
 * `TextareaField` or `SelectField`: `<Field {...bind("titleKy")} lang="ky" />`.
 */
export function binder(t: TFunction, v: Dict, e: Errs, initial: Dict = {}) {
  return fieldBinder((name) => String(t(`fields.${name}`)), v, e, initial);
}

/**
 * The route's action reply, read for one intent at a time: `errs(intent)` and `vals(intent)` are
 * empty unless the last post was that intent and was refused; `formError(intent, shown?)` is the
 * alert for the refusals not tied to a field — left out when the refused row (`shown.field`) is
 * one of `shown.ids`, the rows whose own form is on the page and shows it in its summary.
 */
export function useEditReply() {
  const reply = useActionData<ActionReply>();
  const refused = (intent: string) => !!reply && !reply.ok && reply.intent === intent;
  const errs = (intent: string): Errs => (refused(intent) ? (reply?.errors ?? {}) : {});
  const vals = (intent: string): Dict => (refused(intent) ? (reply?.values ?? {}) : {});
  const formError = (intent: string, shown?: { field: string; ids: number[] }) => {
    const e = errs(intent)._form;
    // a row whose own form is on the page shows the refusal there (RemoveForm's summary)
    if (shown && shown.ids.some((id) => vals(intent)[shown.field] === String(id))) return null;
    return e ? <Alert tone="error">{e.join(" ")}</Alert> : null;
  };
  return { reply, errs, vals, formError };
}

/** The success notice of the page's last post ("Сохранено.", "Слушания объявлены."). */
function DoneNotice({ done }: { done?: string }) {
  const { t } = useTranslation("office");
  return <Alert tone="success">{t(`edit.done.${done}`, { defaultValue: t("edit.saved") })}</Alert>;
}

/**
 * An edit page's body: its heading (`id` names it; tests and links use it) and, after a
 * successful post, the notice ("Сохранено.", "Слушания объявлены.") — at the top only when no
 * form claims it: a form that is still on the page after its post shows it itself (the reply's
 * `anchor`, see {@link EditForm}), where a no-JS reply opens.
 */
export function EditPage({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  const { reply } = useEditReply();
  return (
    <section aria-labelledby={id} className="office-section">
      <h1 id={id}>{title}</h1>
      {reply?.ok && !reply.anchor ? <DoneNotice done={reply.done} /> : null}
      {children}
    </section>
  );
}

/**
 * A POST form of an edit page that answers where it is (issue 14): it posts to the route's action
 * with `#<anchor>`, so without JavaScript the reply page opens at this form; when its last post was
 * refused it starts with an error summary (GOV.UK pattern) whose links go to the fields, whose ids
 * are `<anchor>-<name>` (through {@link FieldIdPrefix}). `anchor` must be unique on the page
 * (`details`, `addLine`, `updateLine-12`); it travels in the hidden `_anchor` field and comes back
 * in the reply's values, which is how the page knows which of several same-intent forms was sent.
 * After a successful post the form shows the success notice (role="status") at its top, where
 * the reply opens; a form that is gone after its own success (a removed row, an announced draft)
 * says `notice="page"` and the page's heading shows it instead (the `_notice` field tells the
 * action not to name the anchor).
 */
export function EditForm({
  intent,
  anchor,
  className = "stack-form",
  encType,
  notice = "here",
  children,
}: {
  intent: string;
  anchor: string;
  className?: string;
  encType?: "multipart/form-data";
  /** where the success notice shows: at this form, or at the page's top when the form is gone */
  notice?: "here" | "page";
  children: ReactNode;
}) {
  const { t } = useTranslation("office");
  const { reply } = useEditReply();
  const action = useFormAction();
  const refused = !!reply && !reply.ok && reply.intent === intent && mineReply(reply, anchor);
  const items = refused ? summaryItems(reply.errors ?? {}, anchor) : [];
  const saved = !!reply?.ok && reply.anchor === anchor;
  return (
    <Form
      noValidate
      method="post"
      action={`${action}#${anchor}`}
      id={anchor}
      className={className}
      encType={encType}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="_anchor" value={anchor} />
      {notice === "page" ? <input type="hidden" name="_notice" value="page" /> : null}
      {saved ? <DoneNotice done={reply.done} /> : null}
      {items.length ? <ErrorSummary items={items} title={t("common:errors.summaryTitle")} /> : null}
      <FieldIdPrefix.Provider value={anchor}>{children}</FieldIdPrefix.Provider>
    </Form>
  );
}

/** The refused reply belongs to the form `anchor` (older replies without `_anchor`: every form). */
function mineReply(reply: ActionReply, anchor: string): boolean {
  const sent = !reply.ok ? reply.values?._anchor : undefined;
  return sent === undefined || sent === anchor;
}

/**
 * A one-button form that removes a row (`intent` with the row's id in `field`). With `amend` (the
 * hearing is announced: the removal is an amendment, ADR 0050) it asks for the reason first.
 * It is an {@link EditForm} at `<intent>-<id>`: a refused post opens there, with the summary
 * linking to the reason and the typed reason kept; after a success the row is gone, so the
 * notice shows at the page's top.
 */
export function RemoveForm({
  intent,
  field,
  id,
  inline,
  amend,
}: {
  intent: string;
  field: string;
  id: number;
  inline?: boolean;
  amend?: boolean;
}) {
  const { t } = useTranslation("office");
  const { errs, vals } = useEditReply();
  const anchor = `${intent}-${id}`;
  const mine = vals(intent)[field] === String(id);
  return (
    <EditForm
      intent={intent}
      anchor={anchor}
      notice="page"
      className={amend ? "stack-form" : inline ? "inline-form" : "remove-form"}
    >
      <input type="hidden" name={field} value={id} />
      {amend ? (
        <AmendReasonField v={mine ? vals(intent) : {}} e={mine ? errs(intent) : {}} />
      ) : null}
      <button type="submit" className="link-button">
        {t("edit.remove")}
      </button>
    </EditForm>
  );
}

/**
 * The reason of an amendment (`amendReason`): shown on the forms that change what is voted on
 * once the hearing is announced; the command refuses an empty one at this field (ADR 0050).
 */
export function AmendReasonField({ v, e }: { v: Dict; e: Errs }) {
  const { t } = useTranslation("office");
  return (
    <Field
      {...binder(t, v, e)("amendReason")}
      hint={t("fields.amendReasonHint")}
      maxLength={1000}
    />
  );
}

/**
 * The edit form of one row (a line, a section, a project) folded under its summary; it opens by
 * itself when the last post of `intent` for this row was refused, with what was typed.
 */
export function EditRow({
  intent,
  field,
  id,
  summary,
  initial,
  children,
}: {
  intent: string;
  /** the hidden field carrying the row id, e.g. "lineId" */
  field: string;
  id: number;
  summary: ReactNode;
  /** the row's current values, as the fields take them */
  initial: Dict;
  children: (v: Dict, e: Errs) => ReactNode;
}) {
  const { t } = useTranslation("office");
  const { errs, vals, reply } = useEditReply();
  const mine = vals(intent)[field] === String(id);
  // open after its own refused post (what was typed) or success (the notice is in the form)
  const saved = !!reply?.ok && reply.anchor === `${intent}-${id}`;
  return (
    <details open={mine || saved || undefined}>
      <summary>{summary}</summary>
      <EditForm intent={intent} anchor={`${intent}-${id}`}>
        <input type="hidden" name={field} value={id} />
        {children(mine ? vals(intent) : initial, mine ? errs(intent) : {})}
        <Button variant="secondary">{t("edit.save")}</Button>
      </EditForm>
    </details>
  );
}

/** A form that adds a row (`intent`), showing back a refused post's values and messages. */
export function AddForm({
  intent,
  label,
  children,
}: {
  intent: string;
  /** the submit button's text */
  label: string;
  children: (v: Dict, e: Errs) => ReactNode;
}) {
  const { errs, vals } = useEditReply();
  return (
    <EditForm intent={intent} anchor={intent}>
      {children(vals(intent), errs(intent))}
      <Button variant="secondary">{label}</Button>
    </EditForm>
  );
}
