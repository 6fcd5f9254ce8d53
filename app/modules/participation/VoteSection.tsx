/**
 * The vote on a hearing's questions: one small form per question (for / against / abstain), the
 * person's current choice, or the reason they may not vote (with a sign-in link for visitors).
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui";
import { useLang } from "~/modules/i18n/hooks";
import { errorsFor } from "./reply";
import type { ActionFailure } from "./respond.server";

const CHOICES = ["for", "against", "abstain"] as const;
type Choice = (typeof CHOICES)[number];

/** For a signed-out visitor, the way to sign in and come back to `anchor` on the hearing page. */
export function SignInLink({ hearingId, anchor }: { hearingId: number; anchor: string }) {
  const { t } = useTranslation("common");
  const lang = useLang();
  const back = `/${lang}/hearings/${hearingId}#${anchor}`;
  return (
    <Link to={`/${lang}/login?redirectTo=${encodeURIComponent(back)}`}>{t("layout.signIn")}</Link>
  );
}

export function VoteSection({
  hearingId,
  questions,
  myVotes,
  refusal,
  signedIn,
  closed,
  reply,
}: {
  hearingId: number;
  /** the questions with their titles in the page's language */
  questions: { id: number; title: string }[];
  /** the person's choice by question id */
  myVotes: Record<number, string>;
  /** why this person may not vote now (a participation key), or null */
  refusal: string | null;
  signedIn: boolean;
  /** the comment period is over: no reason is shown, only the questions */
  closed: boolean;
  reply: ActionFailure | undefined;
}) {
  const { t } = useTranslation("participation");
  if (questions.length === 0) return null;
  return (
    <section aria-labelledby="vote-heading" id="vote">
      <h3 id="vote-heading">{t("vote.title")}</h3>
      {refusal && !closed ? (
        <p className="muted">
          {t(refusal)} {signedIn ? null : <SignInLink hearingId={hearingId} anchor="vote" />}
        </p>
      ) : null}
      {questions.map((q) => {
        const current = myVotes[q.id] as Choice | undefined;
        const errs = errorsFor(reply, "vote", q.id);
        return (
          <div key={q.id} className="vote-question card">
            {refusal ? (
              <p>
                <strong>{q.title}</strong>
              </p>
            ) : (
              <Form method="post" className="vote-form">
                <input type="hidden" name="intent" value="vote" />
                <input type="hidden" name="questionId" value={q.id} />
                <fieldset
                  aria-describedby={errs ? `vote-${q.id}-error` : undefined}
                  aria-invalid={errs ? true : undefined}
                >
                  <legend>{q.title}</legend>
                  {CHOICES.map((c) => (
                    <label key={c} className="check">
                      <input
                        type="radio"
                        name="choice"
                        value={c}
                        defaultChecked={current === c}
                        required
                      />{" "}
                      {t(`choice.${c}`)}
                    </label>
                  ))}
                </fieldset>
                {errs ? (
                  <p id={`vote-${q.id}-error`} className="field-error" role="alert">
                    {Object.values(errs).flat().join(" ")}
                  </p>
                ) : null}
                <Button>{current ? t("vote.change") : t("vote.submit")}</Button>
              </Form>
            )}
            {current ? (
              <p className="vote-current" data-testid={`my-vote-${q.id}`}>
                {t("vote.yours", { choice: t(`choice.${current}`) })}
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
