/**
 * The counted result of a hearing, per question: online votes, the in-person show of hands, and
 * their sum. Shared by the results page, the results API and the protocol, so they always agree.
 */
import type { DB } from "#db/connection";
import type { VoteChoice } from "#db/schema";

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}
export interface QuestionResult {
  id: number;
  position: number;
  title: { ky: string; ru: string };
  tariffLineId: number | null;
  online: Tally;
  inPerson: Tally;
  total: Tally;
}

const empty = (): Tally => ({ for: 0, against: 0, abstain: 0 });

export async function getResults(db: DB, hearingId: number): Promise<QuestionResult[]> {
  const [questions, votes, tallies] = await Promise.all([
    db
      .selectFrom("questions")
      .select(["id", "position", "title_ky", "title_ru", "tariff_line_id"])
      .where("hearing_id", "=", hearingId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("votes")
      .select(["question_id", "choice", (eb) => eb.fn.countAll().as("n")])
      .where("hearing_id", "=", hearingId)
      .groupBy(["question_id", "choice"])
      .execute(),
    db
      .selectFrom("meeting_tallies")
      .select(["question_id", "for_count", "against_count", "abstain_count"])
      .where("hearing_id", "=", hearingId)
      .execute(),
  ]);
  return questions.map((q) => {
    const online = empty();
    for (const v of votes) if (v.question_id === q.id) online[v.choice as VoteChoice] = Number(v.n);
    const m = tallies.find((x) => x.question_id === q.id);
    const inPerson: Tally = m
      ? {
          for: Number(m.for_count),
          against: Number(m.against_count),
          abstain: Number(m.abstain_count),
        }
      : empty();
    return {
      id: q.id,
      position: q.position,
      title: { ky: q.title_ky, ru: q.title_ru },
      tariffLineId: q.tariff_line_id,
      online,
      inPerson,
      total: {
        for: online.for + inPerson.for,
        against: online.against + inPerson.against,
        abstain: online.abstain + inPerson.abstain,
      },
    };
  });
}

/** Before close only the number of votes cast may be shown, never the split. */
export async function countVotesCast(db: DB, hearingId: number): Promise<number> {
  const r = await db
    .selectFrom("votes")
    .select((eb) => eb.fn.count<number>("user_id").distinct().as("n"))
    .where("hearing_id", "=", hearingId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
