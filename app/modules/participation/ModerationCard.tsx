/**
 * A comment in the officials' queue: its number, the text (also when hidden, marked so), the
 * answer, and the moderation forms — answer (status + text), hide with a reason or unhide, and
 * dismiss its reports. Nothing to do once the hearing is locked.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, SelectField, TextareaField } from "~/components/ui";
import { CommentAction, CommentHeader } from "./CommentCard";
import { CommentAnswer, type TargetLabels } from "./components";
import type { CommentView } from "./queries.server";
import type { ActionFailure } from "./respond.server";
import { errorsFor } from "./reply";

const ANSWER_STATUSES = ["accepted", "partly_accepted", "not_accepted", "not_relevant"] as const;

/** A one-button form about a comment (unhide, dismiss its reports). */
function CommentButton({ intent, id, label }: { intent: string; id: number; label: string }) {
  return (
    <Form noValidate method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="commentId" value={id} />
      <Button variant="secondary">{label}</Button>
    </Form>
  );
}

export function ModerationCard({
  c,
  labels,
  reply,
  locked,
  reported,
}: {
  c: CommentView;
  labels: TargetLabels;
  reply: ActionFailure | undefined;
  /** the protocol is approved: the queue is read-only */
  locked: boolean;
  /** the comment has open reports */
  reported: boolean;
}) {
  const { t } = useTranslation("participation");
  const hidden = c.hiddenReason !== null;
  // a refused answer or hide brings its form back (open, message, typed text) even when it is no
  // longer offered (the protocol approved meanwhile, the comment hidden by a colleague)
  const refusedAnswer = !!errorsFor(reply, "answer", c.id);
  const refusedHide = !!errorsFor(reply, "hide", c.id);
  return (
    <article className="comment card" id={`comment-${c.id}`} data-comment-id={c.id}>
      <CommentHeader c={c} labels={labels}>
        <span className="muted">{t("office.commentNo", { id: c.id })}</span>
      </CommentHeader>
      {hidden ? (
        <>
          <p className="comment-hidden">
            {t("comment.hiddenByModerator", { reason: c.hiddenReason })}
          </p>
          <p className="muted">{t("office.hiddenText")}</p>
        </>
      ) : null}
      <p className="comment-body pre-line">{c.text}</p>
      <CommentAnswer c={c} />
      {locked && !refusedAnswer && !refusedHide ? null : (
        <div className="comment-actions">
          {locked && !refusedAnswer ? null : (
            <CommentAction
              intent="answer"
              id={c.id}
              summary={t("office.saveAnswer")}
              reply={reply}
              open={!c.answer}
            >
              {(errs, v) => (
                <>
                  <SelectField
                    label={t("office.answerStatus")}
                    name="status"
                    defaultValue={errs ? (v.status ?? "") : (c.answer?.status ?? "")}
                    errors={errs?.status}
                  >
                    <option value="">—</option>
                    {ANSWER_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`answer.status.${s}`)}
                      </option>
                    ))}
                  </SelectField>
                  <TextareaField
                    label={t("office.answerText")}
                    name="text"
                    rows={3}
                    maxLength={5000}
                    defaultValue={errs ? (v.text ?? "") : (c.answer?.text ?? "")}
                    errors={errs?.text}
                  />
                  <Button>{t("office.saveAnswer")}</Button>
                </>
              )}
            </CommentAction>
          )}
          {locked && !refusedHide ? null : hidden && !refusedHide ? (
            <CommentButton intent="unhide" id={c.id} label={t("office.unhide")} />
          ) : (
            <CommentAction intent="hide" id={c.id} summary={t("office.hide")} reply={reply}>
              {(errs, v) => (
                <>
                  <TextareaField
                    label={t("office.hideReason")}
                    name="reason"
                    rows={2}
                    maxLength={500}
                    defaultValue={v.reason ?? ""}
                    errors={errs?.reason}
                  />
                  <Button variant="danger">{t("office.hide")}</Button>
                </>
              )}
            </CommentAction>
          )}
          {reported && !locked ? (
            <CommentButton intent="dismiss" id={c.id} label={t("office.dismiss")} />
          ) : null}
        </div>
      )}
    </article>
  );
}
