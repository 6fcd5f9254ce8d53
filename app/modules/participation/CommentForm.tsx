/**
 * The comment form of a hearing page: stance, what it is about, the text, "without my name". When
 * the person may not comment, the reason instead (with a sign-in link for visitors); a refusal
 * from the server (e.g. the period ended meanwhile) still shows the form with the typed text.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, ErrorSummary, TextareaField } from "~/components/ui";
import { TargetSelect, type Targets } from "./components";
import { errorsFor } from "./reply";
import type { ActionFailure } from "./respond.server";
import { NextStep } from "./VoteSection";

export function CommentForm({
  hearingId,
  targets,
  refusal,
  closed,
  reply,
}: {
  hearingId: number;
  targets: Targets;
  /** why this person may not comment now (the policy's namespaced key), or null */
  refusal: string | null;
  /** the hearing is closed or cancelled: nobody is invited to comment */
  closed: boolean;
  reply: ActionFailure | undefined;
}) {
  const { t } = useTranslation("participation");
  const errs = errorsFor(reply, "comment");
  const v = errs && reply ? reply.values : {};
  const head = <h3 id="comment-form-heading">{t("commentForm.title")}</h3>;
  if (refusal && !errs) {
    return (
      <section aria-labelledby="comment-form-heading" id="comment-form">
        {head}
        <p className="muted">
          {closed ? t("commentForm.over") : t(refusal)}{" "}
          {closed ? null : (
            <NextStep refusal={refusal} hearingId={hearingId} anchor="comment-form" />
          )}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="comment-form-heading" id="comment-form">
      {head}
      {errs ? (
        <ErrorSummary
          title={t("common:errors.summaryTitle")}
          items={Object.entries(errs).flatMap(([field, msgs]) =>
            msgs.map((message) => ({
              message,
              fieldId:
                field === "body" ? "comment-body" : field === "stance" ? "stance-for" : undefined,
            })),
          )}
        />
      ) : null}
      <Form noValidate method="post" action="?index#comment-form" className="comment-form">
        <input type="hidden" name="intent" value="comment" />
        <fieldset
          aria-describedby={errs?.stance ? "stance-error" : undefined}
          aria-invalid={errs?.stance ? true : undefined}
        >
          <legend>{t("commentForm.stance")}</legend>
          {(["for", "against", "neutral"] as const).map((s) => (
            <label key={s} className="check">
              <input
                id={`stance-${s}`}
                type="radio"
                name="stance"
                value={s}
                defaultChecked={v.stance === s}
              />{" "}
              {t(`stance.${s}`)}
            </label>
          ))}
          {errs?.stance ? (
            <p id="stance-error" className="field-error" role="alert">
              {errs.stance.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <TargetSelect targets={targets} value={v.target} errors={errs?.target} />
        <TextareaField
          id="comment-body"
          label={t("commentForm.body")}
          hint={t("commentForm.bodyHint")}
          name="body"
          rows={5}
          maxLength={5000}
          defaultValue={v.body ?? ""}
          errors={errs?.body}
        />
        <label className="check">
          <input type="checkbox" name="anonymous" defaultChecked={v.anonymous === "on"} />{" "}
          {t("commentForm.anonymous")}
        </label>
        <div className="form-actions">
          <Button>{t("commentForm.submit")}</Button>
        </div>
      </Form>
    </section>
  );
}
