/**
 * Voting on all the questions of a hearing with one submit (issue 14): a ballot of
 * (question, choice) pairs, each cast by the single-vote command {@link castVote} (the one rule for
 * who may vote, on which question, when), all in one transaction — so either every choice is kept
 * or none is. Questions left blank are left as they were; each vote stays changeable by voting again.
 */
import type { DB } from "#db/connection";
import type { VoteChoice } from "#db/schema";
import { DomainError } from "../core/errors";
import { castVote } from "./commands.server";

type Voter = Parameters<typeof castVote>[1];

/** One line of a ballot: the question's id and the choice for it. */
export interface BallotChoice {
  questionId: number;
  choice: VoteChoice;
}

/**
 * Casts every choice of `ballot` for `user` on hearing `hearingId`, in one transaction.
 * Returns the number of votes cast. Refuses an empty ballot (400, field "ballot", key
 * participation:errors.choiceRequired) and a question named twice (400); every other refusal
 * (signed out, not verified, too young, closed, locked, unknown question, amended since the page
 * showed amendment `seenAmendment`) is castVote's own.
 */
export async function castVotes(
  db: DB,
  user: Voter,
  hearingId: number,
  ballot: BallotChoice[],
  seenAmendment?: number,
): Promise<number> {
  if (ballot.length === 0)
    throw new DomainError("participation:errors.choiceRequired", {}, 400, "ballot");
  if (new Set(ballot.map((b) => b.questionId)).size !== ballot.length)
    throw new DomainError("participation:errors.questionNotFound", {}, 400, "ballot");
  await db.transaction().execute(async (trx) => {
    for (const b of ballot)
      await castVote(trx, user, hearingId, b.questionId, b.choice, seenAmendment);
  });
  return ballot.length;
}
