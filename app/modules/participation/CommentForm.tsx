/**
 * The comment form of a hearing page: stance, what it is about, the text, "without my name". When
 * the person may not comment, the reason instead (with a sign-in link for visitors); a refusal
 * from the server (e.g. the period ended meanwhile) still shows the form with the typed text.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, TextareaField } from "~/components/ui";
import { TargetSelect, type Targets } from "./components";
import { errorsFor } from "./reply";
import type { ActionFailure } from "./respond.server";
import { SignInLink } from "./VoteSection";

export function CommentForm({
  hearingId,
  targets,
  refusal,
  signedIn,
  reply,
}: {
  hearingId: number;
  targets: Targets;
  /** why this person may not comment now (a participation key), or null */
  refusal: string | null;
  signedIn: boolean;
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
          {t(refusal)}{" "}
          {signedIn ? null : <SignInLink hearingId={hearingId} anchor="comment-form" />}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="comment-form-heading" id="comment-form">
      {head}
      {errs?._form ? <Alert tone="error">{errs._form.join(" ")}</Alert> : null}
      <Form method="post" className="comment-form">
        <input type="hidden" name="intent" value="comment" />
        <fieldset
          aria-describedby={errs?.stance ? "stance-error" : undefined}
          aria-invalid={errs?.stance ? true : undefined}
        >
          <legend>{t("commentForm.stance")}</legend>
          {(["for", "against", "neutral"] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="stance" value={s} defaultChecked={v.stance === s} />{" "}
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
