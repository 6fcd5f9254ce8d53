/**
 * The one counting rule of a hearing. Every figure shown anywhere — the hearing page, the
 * officials' queue, the results API, the CSV, the protocol (and through it the council's view) —
 * comes from these functions, so they cannot drift apart.
 *
 * The rule (docs/participation.md "Counting"):
 * - a comment counts when the moderator has not hidden it (`hidden_at is null`); hidden comments
 *   (top-level or replies) are reported separately as `hidden`;
 * - a stance is counted for top-level comments only: a resident replying chooses no stance (a
 *   reply is stored as "neutral" but counted in no stance). Counted replies are reported
 *   separately as `replies`; `total` is the counted top-level comments (= the sum of `byStance`);
 * - the comments CSV follows the same rule: its stance column is filled for the counted top-level
 *   comments only, so a tally of that column gives `byStance`;
 * - a vote counts when it is in `votes` (votes set aside by an amendment are moved to
 *   `votes_set_aside` and reported per amendment, never counted);
 * - an online participant is a distinct person with a counted online comment or a counted vote.
 */
import type { DB } from "#db/connection";
import type { Stance } from "#db/schema";

export interface CommentFigures {
  /** counted top-level comments (not hidden, not replies): the sum of byStance */
  total: number;
  byStance: Record<Stance, number>;
  /** counted replies (not hidden): in no stance, not in `total` */
  replies: number;
  bySource: { online: number; in_person: number };
  byStanceAndSource: Record<Stance, { online: number; in_person: number }>;
  /** counted comments and replies without an official answer */
  unanswered: number;
  /** comments hidden by the moderator (not in any figure above) */
  hidden: number;
  /** comments with an unresolved report (hidden or not) */
  reported: number;
}

/**
 * The comment figures of a hearing (see the rule above). One grouped query plus one for reports.
 * @param hearingId the hearing's id (no visibility check here: callers decide who may see it)
 */
export async function commentFigures(db: DB, hearingId: number): Promise<CommentFigures> {
  const [rows, reported] = await Promise.all([
    db
      .selectFrom("comments")
      .select([
        "stance",
        "source",
        (eb) =>
          eb.fn
            .sum<number>(eb.case().when("hidden_at", "is not", null).then(1).else(0).end())
            .as("hidden"),
        (eb) =>
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([eb("answer_status", "is", null), eb("hidden_at", "is", null)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as("unanswered"),
        (eb) =>
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([eb("parent_id", "is not", null), eb("hidden_at", "is", null)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as("replies"),
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .where("hearing_id", "=", hearingId)
      .groupBy(["stance", "source"])
      .execute(),
    db
      .selectFrom("comment_reports as r")
      .innerJoin("comments as c", "c.id", "r.comment_id")
      .select((eb) => eb.fn.count<number>("r.comment_id").distinct().as("n"))
      .where("c.hearing_id", "=", hearingId)
      .where("r.resolved_at", "is", null)
      .executeTakeFirst(),
  ]);
  const out: CommentFigures = {
    total: 0,
    byStance: { for: 0, against: 0, neutral: 0 },
    replies: 0,
    bySource: { online: 0, in_person: 0 },
    byStanceAndSource: {
      for: { online: 0, in_person: 0 },
      against: { online: 0, in_person: 0 },
      neutral: { online: 0, in_person: 0 },
    },
    unanswered: 0,
    hidden: 0,
    reported: Number(reported?.n ?? 0),
  };
  for (const r of rows) {
    const hidden = Number(r.hidden ?? 0);
    const replies = Number(r.replies ?? 0);
    const n = Number(r.n) - hidden - replies;
    out.hidden += hidden;
    out.replies += replies;
    out.total += n;
    out.byStance[r.stance] += n;
    out.bySource[r.source] += n;
    out.byStanceAndSource[r.stance][r.source] += n;
    out.unanswered += Number(r.unanswered ?? 0);
  }
  return out;
}

export interface ParticipantFigures {
  /** distinct people with a counted online comment */
  onlineCommenters: number;
  /** distinct people with a counted vote */
  onlineVoters: number;
  /** distinct people who did either */
  online: number;
  /** the attendance recorded for the in-person meeting */
  inPerson: number;
  /** online + inPerson (a person present at the meeting who also took part online counts twice) */
  total: number;
}

/** Who took part, by the rule above. */
export async function participantFigures(db: DB, hearingId: number): Promise<ParticipantFigures> {
  const commenters = (eb: DB) =>
    eb
      .selectFrom("comments")
      .select("author_user_id as uid")
      .where("hearing_id", "=", hearingId)
      .where("source", "=", "online")
      .where("hidden_at", "is", null)
      .where("author_user_id", "is not", null);
  const voters = (eb: DB) =>
    eb.selectFrom("votes").select("user_id as uid").where("hearing_id", "=", hearingId);
  const [c, v, both, meeting] = await Promise.all([
    db
      .selectFrom("comments")
      .select((eb) => eb.fn.count<number>("author_user_id").distinct().as("n"))
      .where("hearing_id", "=", hearingId)
      .where("source", "=", "online")
      .where("hidden_at", "is", null)
      .executeTakeFirst(),
    db
      .selectFrom("votes")
      .select((eb) => eb.fn.count<number>("user_id").distinct().as("n"))
      .where("hearing_id", "=", hearingId)
      .executeTakeFirst(),
    db
      .selectFrom(commenters(db).union(voters(db)).as("p"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
    db
      .selectFrom("meeting_records")
      .select("attendance")
      .where("hearing_id", "=", hearingId)
      .executeTakeFirst(),
  ]);
  const online = Number(both?.n ?? 0);
  const inPerson = Number(meeting?.attendance ?? 0);
  return {
    onlineCommenters: Number(c?.n ?? 0),
    onlineVoters: Number(v?.n ?? 0),
    online,
    inPerson,
    total: online + inPerson,
  };
}

/** Counted top-level comments per village (hidden ones and replies left out), largest first. */
export async function commentsByVillage(
  db: DB,
  hearingId: number,
): Promise<{ village: { ky: string; ru: string } | null; comments: number }[]> {
  const rows = await db
    .selectFrom("comments as c")
    .leftJoin("villages as v", "v.id", "c.village_id")
    .select(["v.name_ky", "v.name_ru", (eb) => eb.fn.countAll<number>().as("n")])
    .where("c.hearing_id", "=", hearingId)
    .where("c.hidden_at", "is", null)
    .where("c.parent_id", "is", null)
    .groupBy(["v.name_ky", "v.name_ru"])
    .execute();
  return rows
    .map((r) => ({
      village: r.name_ky != null ? { ky: r.name_ky, ru: r.name_ru ?? "" } : null,
      comments: Number(r.n),
    }))
    .sort((a, b) => b.comments - a.comments);
}

/** Votes one amendment set aside (kept in `votes_set_aside`, counted nowhere above). */
export interface SetAsideFigure {
  /** the amendment's number in its hearing (1, 2, …) */
  number: number;
  /** when it was made (ISO 8601 UTC) */
  at: string;
  /** votes it set aside, all questions together */
  votes: number;
  /** per question it touched: the question's id and title then (a removed question keeps them) */
  byQuestion: { questionId: number; title: { ky: string; ru: string }; votes: number }[];
}

/**
 * The amendments of a hearing in order, each with the votes it set aside (ADR 0050): what the
 * results page, the results API and the protocol report as "Өзгөртүү №1 (01.12.2026): 12 добуш
 * эсепке алынган жок". Every amendment is listed, also one that set no vote aside (votes 0).
 */
export async function setAsideFigures(db: DB, hearingId: number): Promise<SetAsideFigure[]> {
  const [amendments, rows] = await Promise.all([
    db
      .selectFrom("amendments")
      .select(["id", "number", "created_at"])
      .where("hearing_id", "=", hearingId)
      .orderBy("number")
      .execute(),
    db
      .selectFrom("votes_set_aside")
      .select([
        "amendment_id",
        "question_id",
        "question_title_ky",
        "question_title_ru",
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .where("hearing_id", "=", hearingId)
      .groupBy(["amendment_id", "question_id", "question_title_ky", "question_title_ru"])
      .orderBy("question_id")
      .execute(),
  ]);
  return amendments.map((a) => {
    const mine = rows.filter((r) => r.amendment_id === a.id);
    return {
      number: Number(a.number),
      at: a.created_at,
      votes: mine.reduce((s, r) => s + Number(r.n), 0),
      byQuestion: mine.map((r) => ({
        questionId: r.question_id,
        title: { ky: r.question_title_ky, ru: r.question_title_ru },
        votes: Number(r.n),
      })),
    };
  });
}
