/**
 * Amendments (ADR 0050, issue 11 must-have 2): after announcement, a change to what is voted on
 * — a tariff line's prices, unit, category or service, adding or removing a line, adding or
 * removing a plan section or a vote question — is an amendment. The hearings commands call
 * `recordAmendment` inside their own transaction after making the change; it
 * - refuses without a reason (400 at the form's `amendReason` field);
 * - moves the comment end so that the municipality's minimum comment days remain, and refuses
 *   (409) when the announced meeting would then fall before the comment end;
 * - records the amendment (number per hearing, the hearing version it makes, what changed);
 * - sets aside the votes on the affected questions: moves them out of `votes` into
 *   `votes_set_aside` (kept, never counted; the voter may vote again);
 * - emits `hearing.amended`, whose handler (reach) notifies each voter in their language.
 */
import type { DB } from "#db/connection";
import type { Hearing } from "#db/schema";
import { now, nowIso } from "../core/clock.server";
import { DomainError } from "../core/errors";
import { formatDate } from "../format/format";
import { emit } from "../notify/events.server";
import type { AmendmentChange } from "./amend";
import { amendedCommentEnd, checkSchedule } from "./schedule";

/** What a command hands over: the reason typed, what changed, whose votes are set aside. */
export interface AmendmentInput {
  /** the `amendReason` field as typed (trimmed here; empty is refused) */
  reason: string | null | undefined;
  changes: AmendmentChange[];
  /** questions whose counted votes are set aside (they were cast on what changed) */
  affectedQuestionIds: number[];
}

/** True when a change to what is voted on is an amendment: the hearing was announced. */
export function isAmendment(h: Pick<Hearing, "state">): boolean {
  return h.state !== "draft";
}

/**
 * The reason of an amendment, checked before anything is written: 400 at `amendReason` when it is
 * empty on an announced hearing (the form keeps what was typed). Drafts need none.
 * @throws DomainError 400 `hearings:amend.reasonRequired` (field `amendReason`)
 */
export function requireAmendReason(h: Pick<Hearing, "state">, reason: string | null | undefined) {
  if (isAmendment(h) && !(reason ?? "").trim())
    throw new DomainError("hearings:amend.reasonRequired", {}, 400, "amendReason");
}

/**
 * The questions a change of tariff line `lineId` (or of the whole proposal when null) touches:
 * the line's own questions and every question not tied to a line (those ask about the whole
 * proposal). For a plan hearing pass null: every question is about the whole programme.
 */
export async function affectedQuestions(
  trx: DB,
  hearingId: number,
  lineId: number | null,
): Promise<number[]> {
  const rows = await trx
    .selectFrom("questions")
    .select("id")
    .where("hearing_id", "=", hearingId)
    .where((w) =>
      lineId === null
        ? w("tariff_line_id", "is", null)
        : w.or([w("tariff_line_id", "is", null), w("tariff_line_id", "=", lineId)]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Records an amendment of hearing `h` inside the caller's transaction (see the module comment).
 * Does nothing for a draft (returns null). Call it after the change itself and before the
 * hearing version is written (`afterEdit`), which makes version `h.version + 1`.
 * @returns the amendment's id, or null for a draft
 * @throws DomainError 400 `hearings:amend.reasonRequired` (field `amendReason`); 409
 *   `hearings:amend.meetingBeforeCommentEnd` when the moved comment end would pass the announced
 *   meeting; 409 `hearings:schedule.*` when the moved schedule breaks another rule (schedule.ts)
 */
export async function recordAmendment(
  trx: DB,
  h: Hearing,
  actorId: number,
  input: AmendmentInput,
): Promise<number | null> {
  if (!isAmendment(h)) return null;
  requireAmendReason(h, input.reason);
  const at = nowIso();
  const fresh = await trx
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .select([
      "h.version",
      "h.notice_at",
      "h.comment_start_at",
      "h.comment_end_at",
      "h.meeting_at",
      "m.min_notice_days",
      "m.min_comment_days",
    ])
    .where("h.id", "=", h.id)
    .executeTakeFirstOrThrow();

  // the comment end: at least the minimum comment days from today (ADR 0050)
  let endAfter = fresh.comment_end_at;
  if (fresh.comment_end_at) {
    const { end, moved } = amendedCommentEnd(
      now(),
      new Date(fresh.comment_end_at),
      Number(fresh.min_comment_days),
    );
    if (moved) {
      // a meeting after the old comment end that the new end would pass: refused (ADR 0050); a
      // meeting the municipality's rules already allowed inside the comment period stays so
      const meeting = fresh.meeting_at ? new Date(fresh.meeting_at) : null;
      if (meeting && meeting >= new Date(fresh.comment_end_at) && meeting < end)
        throw new DomainError(
          "hearings:amend.meetingBeforeCommentEnd",
          {
            count: Number(fresh.min_comment_days),
            end: formatDate(end, "ru"),
            meeting: formatDate(meeting, "ru"),
          },
          409,
          "_form",
        );
      const problems = checkSchedule(
        {
          noticeAt: fresh.notice_at ? new Date(fresh.notice_at) : null,
          commentStartAt: fresh.comment_start_at ? new Date(fresh.comment_start_at) : null,
          commentEndAt: end,
          meetingAt: fresh.meeting_at ? new Date(fresh.meeting_at) : null,
        },
        {
          minNoticeDays: Number(fresh.min_notice_days),
          minCommentDays: Number(fresh.min_comment_days),
        },
      ).filter((p) => p.key !== "hearings:schedule.missing");
      if (problems.length)
        throw new DomainError(problems[0].key, problems[0].params ?? {}, 409, "_form");
      endAfter = end.toISOString();
      await trx
        .updateTable("hearings")
        .set({ comment_end_at: endAfter })
        .where("id", "=", h.id)
        .execute();
    }
  }

  const last = await trx
    .selectFrom("amendments")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("hearing_id", "=", h.id)
    .executeTakeFirst();
  const { id } = await trx
    .insertInto("amendments")
    .values({
      hearing_id: h.id,
      number: Number(last?.n ?? 0) + 1,
      version: Number(fresh.version) + 1,
      reason: input.reason!.trim(),
      changes_json: JSON.stringify(input.changes),
      comment_end_before: fresh.comment_end_at,
      comment_end_after: endAfter,
      created_by: actorId,
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  if (input.affectedQuestionIds.length) {
    // delete … returning: the rows leave `votes` and are kept with this amendment in one step
    const gone = await trx
      .deleteFrom("votes")
      .where("hearing_id", "=", h.id)
      .where("question_id", "in", input.affectedQuestionIds)
      .returningAll()
      .execute();
    if (gone.length) {
      const titles = new Map(
        (
          await trx
            .selectFrom("questions")
            .select(["id", "title_ky", "title_ru"])
            .where("id", "in", input.affectedQuestionIds)
            .execute()
        ).map((q) => [q.id, q]),
      );
      const rows = gone.map((v) => ({
        amendment_id: id,
        hearing_id: h.id,
        vote_id: v.id,
        question_id: v.question_id,
        question_title_ky: titles.get(v.question_id)?.title_ky ?? "",
        question_title_ru: titles.get(v.question_id)?.title_ru ?? "",
        user_id: v.user_id,
        choice: v.choice,
        village_id: v.village_id,
        created_at: v.created_at,
        updated_at: v.updated_at,
        set_aside_at: at,
      }));
      // 300 rows (13 values each) per insert: under both databases' parameter limits
      for (let i = 0; i < rows.length; i += 300)
        await trx
          .insertInto("votes_set_aside")
          .values(rows.slice(i, i + 300))
          .execute();
    }
  }
  await emit(trx, { type: "hearing.amended", hearingId: h.id, amendmentId: id });
  return id;
}
