/**
 * Participation writes: comments, replies, edits, reports, votes, official answers, moderation and
 * the in-person meeting. Each command takes the db first, checks the hearing (exists, not locked,
 * period) and the person's permission on the server, and owns its transaction.
 */
import { sql, type Kysely } from "kysely";
import { compiledOnce, type Slot } from "#db/compiled-once";
import { dialectOf, type DB } from "#db/connection";
import type { AnswerStatus, Database, Stance, VoteChoice } from "#db/schema";
import { audit } from "../audit/audit.server";
import type { SessionUser } from "../auth/session.server";
import { now, nowIso } from "../core/clock.server";
import { DomainError, refuseIf } from "../core/errors";
import { describeChanges, parseChanges } from "../hearings/amend";
import { deriveState } from "../hearings/state";
import { getFixedT } from "../i18n/resources.server";
import { toBishkekDateInput } from "../format/time";
import type { Lang } from "../i18n/config";
import { emit } from "../notify/events.server";
import { getHearingContext, type HearingContext } from "./context.server";
import {
  commentRefusal,
  editRefusal,
  meetingRefusal,
  officialRefusal,
  replyRefusal,
  reportRefusal,
  voteRefusal,
} from "./policy";

export { EDIT_WINDOW_MS } from "./policy";

type Actor = Pick<
  SessionUser,
  "id" | "isAdmin" | "roles" | "verifiedIn" | "municipalityId" | "villageId" | "birthDates"
>;

async function hearingOrThrow(db: DB, hearingId: number): Promise<HearingContext> {
  const h = await getHearingContext(db, hearingId);
  if (!h) throw new DomainError("participation:errors.hearingNotFound", {}, 404);
  return h;
}

async function commentOrThrow(db: DB, commentId: number) {
  const c = await db
    .selectFrom("comments")
    .selectAll()
    .where("id", "=", commentId)
    .executeTakeFirst();
  if (!c) throw new DomainError("participation:errors.commentNotFound", {}, 404);
  return c;
}

export interface Target {
  tariffLineId?: number | null;
  planSectionId?: number | null;
}

function checkTarget(h: HearingContext, t: Target) {
  if (t.tariffLineId && !h.tariffLines.some((l) => l.id === t.tariffLineId))
    throw new DomainError("participation:errors.badTarget", {}, 400, "target");
  if (t.planSectionId && !h.sections.some((s) => s.id === t.planSectionId))
    throw new DomainError("participation:errors.badTarget", {}, 400, "target");
}

// ---- comments ----------------------------------------------------------------------------------

/**
 * How long the same text from the same person to the same target counts as the same comment
 * (a double tap, a form sent again on a slow connection): 5 minutes.
 */
export const DUPLICATE_WINDOW_MS = 5 * 60 * 1000;

/**
 * Serialise one author's comment writes for the rest of the transaction, so the duplicate check
 * and the insert cannot interleave. PostgreSQL: a transaction-scoped advisory lock on the author;
 * SQLite: its transactions already run one at a time on the single connection.
 */
async function lockAuthor(trx: DB, userId: number): Promise<void> {
  if (dialectOf(trx) === "postgres")
    await sql`select pg_advisory_xact_lock(${COMMENT_LOCK_SPACE}, ${userId})`.execute(trx);
}
/** The advisory-lock key space of comment posting (any constant distinct from other locks). */
const COMMENT_LOCK_SPACE = 1101;

/**
 * The id of the same comment (author or entering official, parent, target, stance, text) made
 * within DUPLICATE_WINDOW_MS, or null. The stance is part of "the same": the same text posted
 * again with another stance is a new statement, not a double tap (a reply is always "neutral").
 */
async function recentDuplicate(
  trx: DB,
  k: {
    hearingId: number;
    authorUserId?: number;
    enteredBy?: number;
    speakerName?: string;
    parentId: number | null;
    target: Target;
    stance: Stance;
    body: string;
  },
): Promise<number | null> {
  let q = trx
    .selectFrom("comments")
    .select("id")
    .where("hearing_id", "=", k.hearingId)
    .where("body", "=", k.body)
    .where("stance", "=", k.stance)
    .where("created_at", ">=", new Date(now().getTime() - DUPLICATE_WINDOW_MS).toISOString());
  q =
    k.authorUserId !== undefined
      ? q.where("author_user_id", "=", k.authorUserId)
      : q.where("entered_by", "=", k.enteredBy!).where("speaker_name", "=", k.speakerName!);
  q =
    k.parentId === null ? q.where("parent_id", "is", null) : q.where("parent_id", "=", k.parentId);
  q = k.target.tariffLineId
    ? q.where("tariff_line_id", "=", k.target.tariffLineId)
    : q.where("tariff_line_id", "is", null);
  q = k.target.planSectionId
    ? q.where("plan_section_id", "=", k.target.planSectionId)
    : q.where("plan_section_id", "is", null);
  const r = await q.orderBy("id", "desc").executeTakeFirst();
  return r?.id ?? null;
}

export interface NewComment extends Target {
  hearingId: number;
  parentId?: number | null;
  stance: Stance;
  body: string;
  anonymous: boolean;
  /** the language of the page it was written on (shown as a marker and as `lang`); null: unknown */
  lang?: Lang | null;
}

/**
 * Post a comment, or a reply to one (`parentId`: one level of threads, a reply to a reply joins
 * the same thread and its target). A double tap within DUPLICATE_WINDOW_MS returns the comment
 * already made. All checks run inside the transaction, after the author's lock.
 * @returns the new (or the same earlier) comment's id
 * @throws DomainError (participation:errors.…) 404 hearingNotFound / commentNotFound (parent of
 *   another hearing); `commentRefusal`: 403 mayNotComment, 409 locked / cancelled / periodEnded /
 *   periodNotStarted; `replyRefusal`: 409 replyToHidden (at `body`); 400 badTarget (at `target`)
 */
export async function createComment(db: DB, user: Actor, input: NewComment): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // one author's posts run one at a time, so the duplicate check below cannot interleave
    await lockAuthor(trx, user.id);
    const h = await hearingOrThrow(trx, input.hearingId);
    refuseIf(commentRefusal(user, h));
    let parentId: number | null = null;
    let target: Target = { tariffLineId: input.tariffLineId, planSectionId: input.planSectionId };
    if (input.parentId) {
      const parent = await commentOrThrow(trx, input.parentId);
      if (parent.hearing_id !== h.id)
        throw new DomainError("participation:errors.commentNotFound", {}, 404);
      // one level of replies: a reply to a reply joins the same thread
      parentId = parent.parent_id ?? parent.id;
      const root = parentId === parent.id ? parent : await commentOrThrow(trx, parentId);
      refuseIf(replyRefusal(user, h, { hiddenAt: parent.hidden_at }, { hiddenAt: root.hidden_at }));
      target = { tariffLineId: parent.tariff_line_id, planSectionId: parent.plan_section_id };
    }
    checkTarget(h, target);
    const verified = user.verifiedIn.includes(h.municipalityId);
    // a double tap (or a retried slow request) gets the comment it already made back
    const same = await recentDuplicate(trx, {
      hearingId: h.id,
      authorUserId: user.id,
      parentId,
      target,
      stance: input.stance,
      body: input.body,
    });
    if (same !== null) return same;
    const r = await trx
      .insertInto("comments")
      .values({
        hearing_id: h.id,
        parent_id: parentId,
        source: "online",
        author_user_id: user.id,
        anonymous: input.anonymous ? 1 : 0,
        village_id: user.villageId,
        author_verified: verified ? 1 : 0,
        stance: input.stance,
        tariff_line_id: target.tariffLineId ?? null,
        plan_section_id: target.planSectionId ?? null,
        body: input.body,
        lang: input.lang ?? null,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return r.id;
  });
}

/**
 * The author changes their own online comment within EDIT_WINDOW_MS (15 minutes) of posting.
 * Answered means fixed: once the comment has an official answer or a reply, nobody may change its
 * text (the answer and the replies were given to that text); refused with 409
 * `errors.answeredFixed`. The check is part of the UPDATE itself, so an answer or a reply arriving
 * at the same moment cannot slip between the check and the write. See docs/participation.md.
 * @throws DomainError 404 commentNotFound; `editRefusal`: 403 notYourComment, 409 locked / hidden /
 *   answeredFixed (also a reply arriving meanwhile) / editWindowOver / the period's refusals
 */
export async function editComment(
  db: DB,
  user: Actor,
  commentId: number,
  body: string,
): Promise<{ hearingId: number }> {
  const answered = () => new DomainError("participation:errors.answeredFixed", {}, 409, "body");
  return db.transaction().execute(async (trx) => {
    const c = await commentOrThrow(trx, commentId);
    const h = await hearingOrThrow(trx, c.hearing_id);
    refuseIf(
      editRefusal(
        user,
        h,
        {
          authorUserId: c.author_user_id,
          source: c.source,
          createdAt: c.created_at,
          hiddenAt: c.hidden_at,
          answered: !!c.answer_status,
        },
        now(),
      ),
    );
    const r = await trx
      .updateTable("comments")
      .set({ body, edited_at: nowIso() })
      .where("id", "=", commentId)
      .where("answer_status", "is", null)
      .where("hidden_at", "is", null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom("comments as r").select("r.id").where("r.parent_id", "=", commentId)),
        ),
      )
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw answered();
    return { hearingId: h.id };
  });
}

/**
 * Report a comment to the officials (once per person and comment; a second report changes nothing).
 * @throws DomainError 404 commentNotFound / hearingNotFound; `reportRefusal`: 403 forbidden
 */
export async function reportComment(
  db: DB,
  user: Actor,
  commentId: number,
  reason: string,
  ip: string | null = null,
): Promise<{ hearingId: number }> {
  return db.transaction().execute(async (trx) => {
    const c = await commentOrThrow(trx, commentId);
    const h = await hearingOrThrow(trx, c.hearing_id);
    refuseIf(reportRefusal(user));
    await trx
      .insertInto("comment_reports")
      .values({ comment_id: c.id, reporter_user_id: user.id, reason, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["comment_id", "reporter_user_id"]).doNothing())
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "comment.report",
      targetType: "comment",
      targetId: c.id,
      ip,
      details: { reason },
    });
    return { hearingId: h.id };
  });
}

// ---- officials: answers and moderation ---------------------------------------------------------

async function officialComment(
  db: DB,
  user: Actor,
  commentId: number,
  action: "comment.answer" | "comment.moderate",
) {
  const c = await commentOrThrow(db, commentId);
  const h = await hearingOrThrow(db, c.hearing_id);
  refuseIf(officialRefusal(user, h, action));
  return { c, h };
}

/**
 * An official's answer to a comment (status and text; answering again replaces it). Emits
 * "comment.answered" (the author is told).
 * @throws DomainError 404 commentNotFound; `officialRefusal`: 403 forbidden, 409 locked
 */
export async function answerComment(
  db: DB,
  user: Actor,
  commentId: number,
  status: AnswerStatus,
  text: string,
  ip: string | null = null,
): Promise<{ hearingId: number }> {
  return db.transaction().execute(async (trx) => {
    const { c, h } = await officialComment(trx, user, commentId, "comment.answer");
    await trx
      .updateTable("comments")
      .set({
        answer_status: status,
        answer_text: text,
        answered_by: user.id,
        answered_at: nowIso(),
      })
      .where("id", "=", c.id)
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "comment.answer",
      targetType: "comment",
      targetId: c.id,
      ip,
      details: { status, previous: c.answer_status },
    });
    await emit(trx, { type: "comment.answered", commentId: c.id });
    return { hearingId: h.id };
  });
}

/**
 * Hide a comment with a reason (kept, shown as hidden); resolves its open reports.
 * @throws DomainError 404 commentNotFound; `officialRefusal`: 403 forbidden, 409 locked
 */
export async function hideComment(
  db: DB,
  user: Actor,
  commentId: number,
  reason: string,
  ip: string | null = null,
): Promise<{ hearingId: number }> {
  const at = nowIso();
  return db.transaction().execute(async (trx) => {
    const { c, h } = await officialComment(trx, user, commentId, "comment.moderate");
    await trx
      .updateTable("comments")
      .set({ hidden_at: at, hidden_by: user.id, hidden_reason: reason })
      .where("id", "=", c.id)
      .execute();
    await trx
      .updateTable("comment_reports")
      .set({ resolved_at: at })
      .where("comment_id", "=", c.id)
      .where("resolved_at", "is", null)
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "comment.hide",
      targetType: "comment",
      targetId: c.id,
      ip,
      details: { reason },
    });
    return { hearingId: h.id };
  });
}

/**
 * Show a hidden comment again.
 * @throws DomainError 404 commentNotFound; `officialRefusal`: 403 forbidden, 409 locked
 */
export async function unhideComment(
  db: DB,
  user: Actor,
  commentId: number,
  ip: string | null = null,
): Promise<{ hearingId: number }> {
  return db.transaction().execute(async (trx) => {
    const { c, h } = await officialComment(trx, user, commentId, "comment.moderate");
    await trx
      .updateTable("comments")
      .set({ hidden_at: null, hidden_by: null, hidden_reason: null })
      .where("id", "=", c.id)
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "comment.unhide",
      targetType: "comment",
      targetId: c.id,
      ip,
      details: { previousReason: c.hidden_reason },
    });
    return { hearingId: h.id };
  });
}

/**
 * Resolve a comment's reports without hiding it (the official found it acceptable).
 * @throws DomainError 404 commentNotFound; `officialRefusal`: 403 forbidden, 409 locked
 */
export async function dismissReports(
  db: DB,
  user: Actor,
  commentId: number,
  ip: string | null = null,
): Promise<{ hearingId: number }> {
  return db.transaction().execute(async (trx) => {
    const { c, h } = await officialComment(trx, user, commentId, "comment.moderate");
    await trx
      .updateTable("comment_reports")
      .set({ resolved_at: nowIso() })
      .where("comment_id", "=", c.id)
      .where("resolved_at", "is", null)
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "comment.reportsDismissed",
      targetType: "comment",
      targetId: c.id,
      ip,
    });
    return { hearingId: h.id };
  });
}

// ---- votes -------------------------------------------------------------------------------------

/**
 * The vote's read: the hearing (not a draft), its municipality's voting age, whether question
 * slot 0 is one of its questions and, in the "Seen" shape, whether an amendment numbered above
 * slot 2 exists (the form is stale, ADR 0050). Slots: questionId, hearingId[, seenAmendment].
 * Built once (db/compiled-once.ts): it runs on every vote.
 */
const voteCheckShape = (db: Kysely<Database>, s: Slot[]) =>
  db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .leftJoin("questions as q", (j) =>
      j.onRef("q.hearing_id", "=", "h.id").on("q.id", "=", s[0] as unknown as number),
    )
    .select([
      "h.id",
      "h.municipality_id",
      "h.state",
      "h.comment_start_at",
      "h.comment_end_at",
      "h.protocol_state",
      "m.min_voting_age",
      "q.id as question_id",
      (eb) =>
        (s.length < 3
          ? eb.lit(false)
          : eb.exists(
              eb
                .selectFrom("amendments as a")
                .select("a.id")
                .whereRef("a.hearing_id", "=", "h.id")
                .where("a.number", ">", s[2] as unknown as number),
            )
        ).as("amended_since"),
    ])
    .where("h.id", "=", s[1] as unknown as number)
    .where("h.state", "!=", "draft");
const voteCheck = compiledOnce(2, (db, ...s) => voteCheckShape(db, s));
const voteCheckSeen = compiledOnce(3, (db, ...s) => voteCheckShape(db, s));

/**
 * The vote's write: one row per (question, person), inserted or its choice replaced, only while
 * the hearing takes votes at instant slot 3 (announced or open, inside the comment period,
 * protocol not approved) and, in the "Seen" shape, no amendment above slot 6 exists — checked in
 * the statement itself, so a change between the read and the write stores nothing. Slots: userId,
 * choice, villageId, at, questionId, hearingId[, seenAmendment]. Built once.
 */
const voteUpsertShape = (db: Kysely<Database>, s: Slot[]) => {
  const v = <T>(i: number) => s[i] as unknown as T;
  return db
    .insertInto("votes")
    .columns([
      "hearing_id",
      "question_id",
      "user_id",
      "choice",
      "village_id",
      "created_at",
      "updated_at",
    ])
    .expression((eb) =>
      eb
        .selectFrom("questions as q")
        .innerJoin("hearings as h", "h.id", "q.hearing_id")
        .select([
          "q.hearing_id",
          "q.id",
          sql<number>`cast(${s[0]} as integer)`.as("user_id"),
          sql<VoteChoice>`cast(${s[1]} as text)`.as("choice"),
          sql<number | null>`cast(${s[2]} as integer)`.as("village_id"),
          sql<string>`cast(${s[3]} as text)`.as("created_at"),
          sql<string>`cast(${s[3]} as text)`.as("updated_at"),
        ])
        .where("q.id", "=", v<number>(4))
        .where("h.id", "=", v<number>(5))
        .where("h.state", "in", ["announced", "open"])
        .where("h.comment_start_at", "<=", v<string>(3))
        .where("h.comment_end_at", ">", v<string>(3))
        .where((w) =>
          w.or([w("h.protocol_state", "is", null), w("h.protocol_state", "!=", "approved")]),
        )
        .where((w) =>
          s.length < 7
            ? w.lit(true)
            : w.not(
                w.exists(
                  w
                    .selectFrom("amendments as a")
                    .select("a.id")
                    .whereRef("a.hearing_id", "=", "h.id")
                    .where("a.number", ">", v<number>(6)),
                ),
              ),
        ),
    )
    .onConflict((oc) =>
      oc.columns(["question_id", "user_id"]).doUpdateSet((eb) => ({
        choice: eb.ref("excluded.choice"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    );
};
const voteUpsert = compiledOnce(6, (db, ...s) => voteUpsertShape(db, s));
const voteUpsertSeen = compiledOnce(7, (db, ...s) => voteUpsertShape(db, s));

/**
 * Cast or change a vote on one question of a hearing (one row per person and question: the unique
 * (question_id, user_id) makes concurrent casts an upsert, never a duplicate).
 * Two statements: one read of the hearing, its municipality and the question (the refusal reasons,
 * as the policy's `voteRefusal`), then one INSERT … SELECT … ON CONFLICT whose WHERE repeats the time and lock
 * conditions, so a hearing closed or locked between the two stores nothing.
 * `seenAmendment` is the hearing's amendment number the voter's page showed (the vote form's
 * hidden `amendment` field; 0 before any amendment): when the proposal was amended since, the vote
 * is refused — checked in the same INSERT, so an amendment between the read and the write stores
 * nothing either (issue 11 review, ADR 0050). Undefined skips the check (seeding, fixtures).
 * Throws DomainError (participation:…): hearingNotFound/questionNotFound (404), notVerified/tooYoung (403),
 * signInToVote, locked, cancelled, periodEnded, periodNotStarted (409), amendedSince (409, at
 * `ballot`, naming the amendments' numbers and changes in ky and ru).
 */
export async function castVote(
  db: DB,
  user: Actor,
  hearingId: number,
  questionId: number,
  choice: VoteChoice,
  seenAmendment?: number,
): Promise<void> {
  if (!Number.isSafeInteger(hearingId) || !Number.isSafeInteger(questionId))
    throw new DomainError("participation:errors.hearingNotFound", {}, 404);
  const row = (
    await (seenAmendment === undefined ? voteCheck : voteCheckSeen)(db, [
      questionId,
      hearingId,
      ...(seenAmendment === undefined ? [] : [seenAmendment]),
    ])
  ).rows[0];
  if (!row) throw new DomainError("participation:errors.hearingNotFound", {}, 404);
  const refuse = (h: Omit<typeof row, "amended_since">) => {
    const at = now();
    refuseIf(
      voteRefusal(
        user,
        {
          municipalityId: h.municipality_id,
          protocolState: h.protocol_state,
          minVotingAge: Number(h.min_voting_age),
          state: deriveState(h, at),
        },
        at,
      ),
    );
  };
  refuse(row);
  if (row.question_id === null)
    throw new DomainError("participation:errors.questionNotFound", {}, 404);
  if (Number(row.amended_since)) await refuseIfAmendedSince(db, hearingId, seenAmendment);
  const at = nowIso();
  const r = await (seenAmendment === undefined ? voteUpsert : voteUpsertSeen)(db, [
    user.id,
    choice,
    user.villageId,
    at,
    questionId,
    hearingId,
    ...(seenAmendment === undefined ? [] : [seenAmendment]),
  ]);
  if (Number(r.numAffectedRows ?? 0) === 0) {
    // the hearing changed between the read and the write: say why, from its state now
    const again = await db
      .selectFrom("hearings as h")
      .innerJoin("municipalities as m", "m.id", "h.municipality_id")
      .select([
        "h.id",
        "h.municipality_id",
        "h.state",
        "h.comment_start_at",
        "h.comment_end_at",
        "h.protocol_state",
        "m.min_voting_age",
        sql<number | null>`null`.as("question_id"),
      ])
      .where("h.id", "=", hearingId)
      .executeTakeFirstOrThrow();
    refuse(again);
    await refuseIfAmendedSince(db, hearingId, seenAmendment);
    throw new DomainError("participation:errors.periodEnded", {}, 409);
  }
}

/**
 * A vote form loaded before an amendment is stale: 409 `participation:errors.amendedSince` at
 * `ballot` when hearing `hearingId` has an amendment numbered above `seen`, naming the newest one
 * and what the amendments since changed (`whatKy`, `whatRu`: each locale uses its own). Nothing
 * when `seen` is undefined.
 */
async function refuseIfAmendedSince(db: DB, hearingId: number, seen: number | undefined) {
  if (seen === undefined) return;
  const since = await db
    .selectFrom("amendments")
    .select(["number", "changes_json"])
    .where("hearing_id", "=", hearingId)
    .where("number", ">", seen)
    .orderBy("number")
    .execute();
  if (!since.length) return;
  const changes = since.flatMap((a) => parseChanges(a.changes_json));
  throw new DomainError(
    "participation:errors.amendedSince",
    {
      number: Number(since[since.length - 1].number),
      whatKy: describeChanges(changes, getFixedT("ky"), "ky"),
      whatRu: describeChanges(changes, getFixedT("ru"), "ru"),
    },
    409,
    "ballot",
  );
}

// ---- the in-person meeting ---------------------------------------------------------------------

async function meetingHearing(db: DB, user: Actor, hearingId: number) {
  const h = await hearingOrThrow(db, hearingId);
  refuseIf(meetingRefusal(user, h));
  return h;
}

/**
 * The day a meeting was held, in order: not in the future, and when it is another Bishkek
 * calendar day than the announced `meeting_at`, a reason is required (it goes into the protocol).
 * @returns the reason to store (null when held on the announced day or no date given)
 * @throws DomainError 400 at `heldDate` (future) or `heldReason` (missing)
 */
async function checkHeldDay(
  db: DB,
  hearingId: number,
  heldAt: string | null,
  reason: string | null,
): Promise<string | null> {
  if (!heldAt) return null;
  if (heldAt > nowIso())
    throw new DomainError("participation:errors.heldInFuture", {}, 400, "heldDate");
  const h = await db
    .selectFrom("hearings")
    .select("meeting_at")
    .where("id", "=", hearingId)
    .executeTakeFirstOrThrow();
  if (!h.meeting_at || toBishkekDateInput(h.meeting_at) === toBishkekDateInput(heldAt)) return null;
  if (!reason || reason.trim().length < 3)
    throw new DomainError(
      "participation:errors.heldReasonRequired",
      { date: toBishkekDateInput(h.meeting_at).split("-").reverse().join(".") },
      400,
      "heldReason",
    );
  return reason.trim();
}

/**
 * Record (or correct) the in-person meeting's attendance, held day and notes.
 * @throws DomainError 404 hearingNotFound; `meetingRefusal`: 403 forbidden, 409 locked / cancelled;
 *   400 heldInFuture (at `heldDate`) / heldReasonRequired (at `heldReason`)
 */
export async function recordAttendance(
  db: DB,
  user: Actor,
  hearingId: number,
  input: {
    attendance: number;
    heldAt: string | null;
    notes: string | null;
    heldReason?: string | null;
  },
  ip: string | null = null,
): Promise<void> {
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    const h = await meetingHearing(trx, user, hearingId);
    const heldReason = await checkHeldDay(trx, h.id, input.heldAt, input.heldReason ?? null);
    await trx
      .insertInto("meeting_records")
      .values({
        hearing_id: h.id,
        attendance: input.attendance,
        held_at: input.heldAt,
        held_reason: heldReason,
        notes: input.notes,
        entered_by: user.id,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column("hearing_id").doUpdateSet({
          attendance: input.attendance,
          held_at: input.heldAt,
          held_reason: heldReason,
          notes: input.notes,
          entered_by: user.id,
          updated_at: at,
        }),
      )
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "meeting.attendance",
      targetType: "hearing",
      targetId: h.id,
      ip,
      details: { attendance: input.attendance },
    });
  });
}

/**
 * Enter what a speaker said at the meeting as an in-person comment (a double entry within
 * DUPLICATE_WINDOW_MS returns the first). @returns the comment id
 * @throws DomainError 404 hearingNotFound; `meetingRefusal`: 403 forbidden, 409 locked / cancelled;
 *   400 badTarget (at `target`) / badVillage (at `villageId`)
 */
export async function addSpeaker(
  db: DB,
  user: Actor,
  hearingId: number,
  input: Target & {
    speakerName: string;
    villageId: number | null;
    stance: Stance;
    body: string;
    /** the language of the office page it was entered on; null: unknown */
    lang?: Lang | null;
  },
  ip: string | null = null,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockAuthor(trx, user.id);
    const h = await meetingHearing(trx, user, hearingId);
    checkTarget(h, input);
    if (input.villageId) {
      const v = await trx
        .selectFrom("villages")
        .select("id")
        .where("id", "=", input.villageId)
        .where("municipality_id", "=", h.municipalityId)
        .executeTakeFirst();
      if (!v) throw new DomainError("participation:errors.badVillage", {}, 400, "villageId");
    }
    const same = await recentDuplicate(trx, {
      hearingId: h.id,
      enteredBy: user.id,
      speakerName: input.speakerName,
      parentId: null,
      target: input,
      stance: input.stance,
      body: input.body,
    });
    if (same !== null) return same;
    const r = await trx
      .insertInto("comments")
      .values({
        hearing_id: h.id,
        parent_id: null,
        source: "in_person",
        author_user_id: null,
        speaker_name: input.speakerName,
        entered_by: user.id,
        anonymous: 0,
        village_id: input.villageId,
        author_verified: 0,
        stance: input.stance,
        tariff_line_id: input.tariffLineId ?? null,
        plan_section_id: input.planSectionId ?? null,
        body: input.body,
        lang: input.lang ?? null,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "meeting.speaker",
      targetType: "comment",
      targetId: r.id,
      ip,
    });
    return r.id;
  });
}

/**
 * Record (or correct) the show-of-hands count of one question at the meeting.
 * @throws DomainError 404 hearingNotFound / questionNotFound; `meetingRefusal`: 403 forbidden,
 *   409 locked / cancelled
 */
export async function recordTally(
  db: DB,
  user: Actor,
  hearingId: number,
  questionId: number,
  counts: { for: number; against: number; abstain: number },
  ip: string | null = null,
): Promise<void> {
  const at = nowIso();
  const values = {
    for_count: counts.for,
    against_count: counts.against,
    abstain_count: counts.abstain,
    entered_by: user.id,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    const h = await meetingHearing(trx, user, hearingId);
    if (!h.questions.some((q) => q.id === questionId))
      throw new DomainError("participation:errors.questionNotFound", {}, 404);
    await trx
      .insertInto("meeting_tallies")
      .values({ question_id: questionId, hearing_id: h.id, ...values })
      .onConflict((oc) => oc.column("question_id").doUpdateSet(values))
      .execute();
    await audit(trx, {
      actorUserId: user.id,
      municipalityId: h.municipalityId,
      action: "meeting.tally",
      targetType: "question",
      targetId: questionId,
      ip,
      details: counts,
    });
  });
}
