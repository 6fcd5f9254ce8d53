/**
 * The vote on a hearing's questions: one form for all of them (one submit; a question left blank
 * keeps its earlier vote, each vote stays changeable), the person's current choices, or — when
 * the person may not vote — the options they could choose (disabled) with the next step: sign in,
 * verify residence, or when voting opens. A closed hearing invites nobody: it says voting is over
 * and shows the person's own vote.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, ErrorSummary } from "~/components/ui";
import { useLang } from "~/modules/i18n/hooks";
import { formatDate } from "~/modules/format/format";
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

/**
 * The next step after a refusal to vote or comment (the policy's participation:errors.* key): sign in or
 * register, verify residence, or nothing to do but wait (the reason already says when).
 */
export function NextStep({
  refusal,
  hearingId,
  anchor,
}: {
  refusal: string;
  hearingId: number;
  anchor: string;
}) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  if (
    refusal === "participation:errors.signInToVote" ||
    refusal === "participation:errors.signInToComment"
  )
    return (
      <>
        <SignInLink hearingId={hearingId} anchor={anchor} /> {t("next.or")}{" "}
        <Link to={`/${lang}/register`}>{t("next.register")}</Link>
      </>
    );
  if (
    refusal === "participation:errors.notVerified" ||
    refusal === "participation:errors.mayNotComment"
  )
    return <Link to={`/${lang}/account/verify`}>{t("next.verify")}</Link>;
  return null;
}

export function VoteSection({
  hearingId,
  questions,
  myVotes,
  refusal,
  closed,
  opensOn,
  reply,
  setAside = {},
  amendment = 0,
}: {
  hearingId: number;
  /** the questions with their titles in the page's language */
  questions: { id: number; title: string }[];
  /** the person's choice by question id */
  myVotes: Record<number, string>;
  /** why this person may not vote now (the policy's namespaced key), or null */
  refusal: string | null;
  /** the comment period is over (or the hearing cancelled): nobody is invited to vote */
  closed: boolean;
  /** when voting opens (a formatted date and time), for a hearing not open yet */
  opensOn?: string | null;
  reply: ActionFailure | undefined;
  /** questions whose vote of this person an amendment set aside (not cast again) → when (ADR 0050) */
  setAside?: Record<number, string>;
  /** the hearing's latest amendment number (0: none); a submit made with an older one is refused */
  amendment?: number;
}) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  if (questions.length === 0) return null;
  const errs = errorsFor(reply, "ballot");
  const summary = errs
    ? Object.entries(errs).flatMap(([field, msgs]) =>
        msgs.map((message) => ({
          fieldId: field.startsWith("choice-") ? `${field}-for` : undefined,
          message,
        })),
      )
    : [];
  const disabled = !!refusal;
  return (
    <section aria-labelledby="vote-heading" id="vote">
      <h3 id="vote-heading">{t("vote.title")}</h3>
      {closed ? (
        <p className="muted">{t("vote.over")}</p>
      ) : refusal ? (
        <p className="vote-refusal">
          {t(refusal)}{" "}
          {refusal === "participation:errors.periodNotStarted" && opensOn
            ? t("next.opensOn", { when: opensOn })
            : null}{" "}
          <NextStep refusal={refusal} hearingId={hearingId} anchor="vote" />
        </p>
      ) : null}
      {closed ? (
        questions.map((q) => {
          const current = myVotes[q.id] as Choice | undefined;
          return (
            <div key={q.id} className="vote-question card">
              <p>
                <strong>{q.title}</strong>
              </p>
              {current ? (
                <p className="vote-current" data-testid={`my-vote-${q.id}`}>
                  {t("vote.yours", { choice: t(`choice.${current}`) })}
                </p>
              ) : null}
            </div>
          );
        })
      ) : (
        <Form
          noValidate
          method="post"
          action="?index#vote"
          className="vote-form"
          preventScrollReset
        >
          <ErrorSummary items={summary} title={t("common:errors.summaryTitle")} />
          <input type="hidden" name="intent" value="ballot" />
          <input type="hidden" name="amendment" value={amendment} />
          {questions.map((q) => {
            const current = myVotes[q.id] as Choice | undefined;
            const typed = errs && reply ? reply.values[`choice-${q.id}`] : undefined;
            return (
              <fieldset key={q.id} className="vote-question card" disabled={disabled}>
                <legend>{q.title}</legend>
                {CHOICES.map((c) => (
                  <label key={c} className="check">
                    <input
                      id={`choice-${q.id}-${c}`}
                      type="radio"
                      name={`choice-${q.id}`}
                      value={c}
                      defaultChecked={(typed ?? current) === c}
                    />{" "}
                    {t(`choice.${c}`)}
                  </label>
                ))}
                {current ? (
                  <p className="vote-current" data-testid={`my-vote-${q.id}`}>
                    {t("vote.yours", { choice: t(`choice.${current}`) })}
                  </p>
                ) : setAside[q.id] ? (
                  <p className="vote-again" data-testid={`vote-again-${q.id}`}>
                    {t("voteAgain", { date: formatDate(setAside[q.id], lang) })}
                  </p>
                ) : null}
              </fieldset>
            );
          })}
          {disabled ? null : (
            <Button>{Object.keys(myVotes).length ? t("vote.change") : t("vote.submit")}</Button>
          )}
        </Form>
      )}
    </section>
  );
}
