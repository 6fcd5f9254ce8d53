/**
 * A comment on the public hearing page with what the reader may do under it — reply (to a
 * top-level comment), edit (their own, while allowed), report (someone else's) — and the thread
 * of a comment with its replies. Each action is a small form folded under its summary that opens
 * by itself when its post was refused, with the typed text kept — also when the form would not be
 * offered any more (a reply to a comment hidden meanwhile, an edit of a comment answered
 * meanwhile, the hearing locked): a refused post always finds its form, its message and the typed
 * text at the comment's anchor, without JavaScript (`refusedHere`, `RefusedElsewhere`).
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, TextareaField } from "~/components/ui";
import {
  CommentAnswer,
  CommentAuthor,
  CommentBody,
  CommentMeta,
  type TargetLabels,
} from "./components";
import type { CommentView } from "./queries.server";
import { errorsFor, refusedId, type FormErrors } from "./reply";
import type { ActionFailure } from "./respond.server";

/**
 * One action on a comment: `<details>` with a form posting `intent` and the comment's id in
 * `field`. `children` gets the errors of this post for this comment (or null) and its values.
 */
export function CommentAction({
  intent,
  field = "commentId",
  id,
  summary,
  reply,
  open = false,
  alert = true,
  action,
  children,
}: {
  intent: string;
  /** the hidden field with the comment id ("commentId", or "parentId" for a reply) */
  field?: string;
  id: number;
  summary: string;
  reply: ActionFailure | undefined;
  /** open even without a refused post (e.g. an unanswered comment in the queue) */
  open?: boolean;
  /** show a refusal of the whole form as an alert above the fields */
  alert?: boolean;
  /** where the form posts (default: the current route); e.g. "?index#comment-5" */
  action?: string;
  children: (errs: FormErrors | null, values: Record<string, string>) => ReactNode;
}) {
  const errs = errorsFor(reply, intent, id);
  return (
    <details open={!!errs || open}>
      <summary>{summary}</summary>
      <Form noValidate method="post" action={action}>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={field} value={id} />
        {alert && errs?._form ? <Alert tone="error">{errs._form.join(" ")}</Alert> : null}
        {children(errs, errs && reply ? reply.values : {})}
      </Form>
    </details>
  );
}

/** A comment's author line and meta (stance, target, time), the same on every page. */
export function CommentHeader({
  c,
  labels,
  children,
}: {
  c: CommentView;
  labels: TargetLabels;
  children?: ReactNode;
}) {
  return (
    <header>
      {children}
      <CommentAuthor c={c} />
      <CommentMeta c={c} labels={labels} />
    </header>
  );
}

export function CommentCard({
  c,
  labels,
  reply,
  canAct,
  mayReply,
}: {
  c: CommentView;
  labels: TargetLabels;
  reply: ActionFailure | undefined;
  /** a signed-in reader and the hearing not locked */
  canAct: boolean;
  /** the reader may comment now (replies are comments) */
  mayReply: boolean;
}) {
  // a refused post about this comment brings its form back (open, message, typed text) even
  // when the form is no longer offered: the text the person typed is never lost
  const refused = (intent: string) => !!errorsFor(reply, intent, c.id);
  const showReply =
    (canAct && c.parentId === null && c.hiddenReason === null && mayReply) || refused("reply");
  const showEdit = (canAct && c.editable) || refused("edit");
  const showReport = (canAct && !c.mine && c.text !== null) || refused("report");
  return (
    <article className="comment card" id={`comment-${c.id}`} data-comment-id={c.id}>
      <CommentHeader c={c} labels={labels} />
      <CommentBody c={c} />
      <CommentAnswer c={c} />
      {showReply || showEdit || showReport ? (
        <div className="comment-actions">
          {showReply ? <ReplyAction id={c.id} reply={reply} /> : null}
          {showEdit ? <EditAction id={c.id} text={c.text} reply={reply} /> : null}
          {showReport ? <ReportAction id={c.id} reply={reply} /> : null}
        </div>
      ) : null}
    </article>
  );
}

/** Where a comment action of the public page posts: its route, landing back at the comment. */
const actionFor = (id: number) => `?index#comment-${id}`;

function ReplyAction({ id, reply }: { id: number; reply: ActionFailure | undefined }) {
  const { t } = useTranslation("participation");
  return (
    <CommentAction
      intent="reply"
      field="parentId"
      id={id}
      summary={t("comment.reply")}
      reply={reply}
      action={actionFor(id)}
    >
      {(errs, v) => (
        <>
          <TextareaField
            label={t("comment.replyBody")}
            name="body"
            rows={3}
            maxLength={5000}
            defaultValue={v.body ?? ""}
            errors={errs?.body}
          />
          <label className="check">
            <input type="checkbox" name="anonymous" defaultChecked={v.anonymous === "on"} />{" "}
            {t("commentForm.anonymous")}
          </label>
          <Button variant="secondary">{t("comment.sendReply")}</Button>
        </>
      )}
    </CommentAction>
  );
}

function EditAction({
  id,
  text,
  reply,
}: {
  id: number;
  text: string | null;
  reply: ActionFailure | undefined;
}) {
  const { t } = useTranslation("participation");
  return (
    <CommentAction
      intent="edit"
      id={id}
      summary={t("comment.edit")}
      reply={reply}
      action={actionFor(id)}
    >
      {(errs, v) => (
        <>
          <TextareaField
            label={t("comment.editBody")}
            name="body"
            rows={4}
            maxLength={5000}
            defaultValue={errs ? (v.body ?? "") : (text ?? "")}
            errors={errs?.body}
          />
          <Button variant="secondary">{t("comment.save")}</Button>
        </>
      )}
    </CommentAction>
  );
}

function ReportAction({ id, reply }: { id: number; reply: ActionFailure | undefined }) {
  const { t } = useTranslation("participation");
  return (
    <CommentAction
      intent="report"
      id={id}
      summary={t("comment.report")}
      reply={reply}
      alert={false}
      action={actionFor(id)}
    >
      {(errs, v) => (
        <>
          <TextareaField
            label={t("comment.reportReason")}
            name="reason"
            rows={2}
            maxLength={500}
            defaultValue={v.reason ?? ""}
            errors={errs?.reason ?? errs?._form}
          />
          <Button variant="danger">{t("comment.sendReport")}</Button>
        </>
      )}
    </CommentAction>
  );
}

/**
 * A refused reply, edit or report about a comment that is not in the list shown (another page of
 * comments, a filter, a comment removed meanwhile): its form, open, with the message and the
 * typed text, at the comment's anchor. Nothing otherwise.
 * @param shown the ids of the comments and replies the page lists
 */
export function RefusedElsewhere({
  reply,
  shown,
}: {
  reply: ActionFailure | undefined;
  shown: readonly number[];
}) {
  const id = refusedId(reply);
  if (!reply || id === null || shown.includes(id)) return null;
  const form =
    reply.intent === "reply" ? (
      <ReplyAction id={id} reply={reply} />
    ) : reply.intent === "edit" ? (
      <EditAction id={id} text={null} reply={reply} />
    ) : reply.intent === "report" ? (
      <ReportAction id={id} reply={reply} />
    ) : null;
  if (!form) return null;
  return (
    <div className="comment card comment-refused" id={`comment-${id}`}>
      <div className="comment-actions">{form}</div>
    </div>
  );
}

/** The list of comments, each followed by its replies. */
export function CommentThreads({
  comments,
  ...card
}: {
  comments: CommentView[];
} & Omit<Parameters<typeof CommentCard>[0], "c">) {
  const { t } = useTranslation("participation");
  return (
    <ol className="comment-list plain-list">
      {comments.map((c) => (
        <li key={c.id}>
          <CommentCard c={c} {...card} />
          {c.replies.length > 0 ? (
            <ol className="comment-replies plain-list" aria-label={t("comments.replies")}>
              {c.replies.map((r) => (
                <li key={r.id}>
                  <CommentCard c={r} {...card} />
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
