/**
 * Schedule checks against the municipality's settings (pure). Moments are Date instants; the
 * comment period ends at the end of its last Bishkek day.
 */
import { addDays, bishkekDaysBetween, endOfBishkekDay, toBishkekDateInput } from "../format/time";

export interface ScheduleInput {
  noticeAt: Date | null;
  commentStartAt: Date | null;
  commentEndAt: Date | null;
  meetingAt: Date | null;
}
export interface ScheduleSettings {
  minNoticeDays: number;
  minCommentDays: number;
}
export interface ScheduleProblem {
  field: "noticeDate" | "commentStartDate" | "commentEndDate" | "meetingDate";
  key: string; // hearings:schedule.*
  params?: Record<string, number>;
}

const DAY = 24 * 60 * 60 * 1000;

/** Calendar days of the comment period, both ends included. */
export function commentDays(start: Date, end: Date): number {
  return bishkekDaysBetween(start, end) + 1;
}

export function checkSchedule(s: ScheduleInput, settings: ScheduleSettings): ScheduleProblem[] {
  const out: ScheduleProblem[] = [];
  if (!s.noticeAt) out.push({ field: "noticeDate", key: "hearings:schedule.missing" });
  if (!s.commentStartAt) out.push({ field: "commentStartDate", key: "hearings:schedule.missing" });
  if (!s.commentEndAt) out.push({ field: "commentEndDate", key: "hearings:schedule.missing" });
  if (!s.meetingAt) out.push({ field: "meetingDate", key: "hearings:schedule.missing" });
  if (out.length) return out;
  const notice = s.noticeAt!;
  const start = s.commentStartAt!;
  const end = s.commentEndAt!;
  const meeting = s.meetingAt!;
  if (start < notice)
    out.push({ field: "commentStartDate", key: "hearings:schedule.startBeforeNotice" });
  if (end <= start) out.push({ field: "commentEndDate", key: "hearings:schedule.endBeforeStart" });
  else {
    const days = commentDays(start, end);
    if (days < settings.minCommentDays)
      out.push({
        field: "commentEndDate",
        key: "hearings:schedule.minCommentDays",
        params: { min: settings.minCommentDays, days },
      });
  }
  const noticeDays = bishkekDaysBetween(notice, meeting);
  if (noticeDays < settings.minNoticeDays)
    out.push({
      field: "meetingDate",
      key: "hearings:schedule.minNoticeDays",
      params: { min: settings.minNoticeDays, days: noticeDays },
    });
  return out;
}

/** The earliest moment an official may close the hearing early. */
export function earliestClose(commentStartAt: Date, minCommentDays: number): Date {
  return new Date(commentStartAt.getTime() + minCommentDays * DAY);
}

/**
 * The comment end after an amendment (ADR 0050): residents get at least `minCommentDays` whole
 * Bishkek calendar days **after the amendment's day** to read the changed proposal, comment and
 * vote again (the rest of the amendment's own day does not count: an amendment at 23:59 must not
 * leave 13 days and a minute — issue 11 review). A day counts when the comment period covers it to
 * its end (23:59:59.999). When fewer remain, the end moves to the end of the last of those days;
 * otherwise it stays. E.g. amended on 01.12 (any hour) with 10 minimum days → end at least 11.12
 * 23:59:59.999 Bishkek.
 * @param at the moment of the amendment
 * @returns `{ end, moved }` (end unchanged and moved false when enough days remain)
 */
export function amendedCommentEnd(
  at: Date,
  commentEndAt: Date,
  minCommentDays: number,
): { end: Date; moved: boolean } {
  const endDay = toBishkekDateInput(commentEndAt);
  // whole days after the amendment's day: the end's day counts only when the period covers all of it
  const coversEndDay = commentEndAt.getTime() >= endOfBishkekDay(endDay)!.getTime();
  const remaining =
    commentEndAt < at ? 0 : bishkekDaysBetween(at, commentEndAt) - (coversEndDay ? 0 : 1);
  if (remaining >= minCommentDays) return { end: commentEndAt, moved: false };
  const lastDay = toBishkekDateInput(addDays(at, minCommentDays));
  return { end: endOfBishkekDay(lastDay)!, moved: true };
}
