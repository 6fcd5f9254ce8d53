/**
 * Participation reads, as view models: the comment list (threaded for the page, flat for the API,
 * CSV and the officials' queue) with keyset pagination on (created_at, id), counts by grouped
 * queries, the person's votes, participation figures and the meeting record.
 */
import { compiledOnce } from "#db/compiled-once";
import type { DB } from "#db/connection";
import type { AnswerStatus, Stance } from "#db/schema";
import { now } from "../core/clock.server";
import type { Lang } from "../i18n/config";
import { EDIT_WINDOW_MS } from "./commands.server";
import { toId } from "../http/ids";
import {
  commentFigures,
  commentsByVillage,
  participantFigures,
  setAsideFigures,
  type CommentFigures,
  type SetAsideFigure,
} from "./figures.server";

export interface CommentFilters {
  stance?: Stance | null;
  tariffLineId?: number | null;
  planSectionId?: number | null;
  unanswered?: boolean;
  /** officials' queue: only comments with unresolved reports */
  reported?: boolean;
}

export interface CommentView {
  id: number;
  parentId: number | null;
  /** a reply whose comment the moderator hid: the reply stays visible, marked as such */
  replyToHidden: boolean;
  source: "online" | "in_person";
  /** named: display name; anonymous: "resident of {village}"; speaker: said at the meeting */
  author: { kind: "named" | "anonymous" | "speaker"; name: string | null; village: string | null };
  verified: boolean;
  stance: Stance;
  tariffLineId: number | null;
  planSectionId: number | null;
  /** null when hidden by the moderator */
  text: string | null;
  /** the language the text was written in (the page's when it was posted); null: unknown */
  textLang: Lang | null;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
  answer: { status: AnswerStatus; text: string; at: string | null } | null;
  mine: boolean;
  editable: boolean;
  replies: CommentView[];
}

export interface CommentPage {
  items: CommentView[];
  nextCursor: string | null;
}

export function encodeCursor(createdAt: string, id: number): string {
  return Buffer.from(`${createdAt}|${id}`, "utf8").toString("base64url");
}
export function decodeCursor(
  c: string | null | undefined,
): { createdAt: string; id: number } | null {
  if (!c) return null;
  try {
    const [createdAt, id] = Buffer.from(c, "base64url").toString("utf8").split("|");
    const n = toId(id);
    // an instant as the database stores it and an id it accepts, else no cursor
    if (!createdAt || !/^\d{4}-\d{2}-\d{2}T[\d:.]{5,15}Z?$/.test(createdAt) || n === null)
      return null;
    return { createdAt, id: n };
  } catch {
    return null;
  }
}

function baseSelect(db: DB, hearingId: number) {
  return db
    .selectFrom("comments as c")
    .leftJoin("users as u", "u.id", "c.author_user_id")
    .leftJoin("villages as v", "v.id", "c.village_id")
    .leftJoin("comments as pc", "pc.id", "c.parent_id")
    .select([
      "c.id",
      "c.parent_id",
      "pc.hidden_at as parent_hidden_at",
      (eb) =>
        eb
          .exists(
            eb.selectFrom("comments as rc").select("rc.id").whereRef("rc.parent_id", "=", "c.id"),
          )
          .as("has_replies"),
      "c.source",
      "c.author_user_id",
      "c.speaker_name",
      "c.anonymous",
      "c.author_verified",
      "c.stance",
      "c.tariff_line_id",
      "c.plan_section_id",
      "c.body",
      "c.lang",
      "c.created_at",
      "c.edited_at",
      "c.hidden_at",
      "c.hidden_reason",
      "c.answer_status",
      "c.answer_text",
      "c.answered_at",
      "u.display_name",
      "v.name_ky as village_ky",
      "v.name_ru as village_ru",
    ])
    .where("c.hearing_id", "=", hearingId);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseSelect>["execute"]>>[number];

function toView(r: Row, lang: Lang, viewerId: number | null, opts: { showHidden?: boolean } = {}) {
  const village = (lang === "ky" ? r.village_ky : r.village_ru) ?? null;
  const author: CommentView["author"] =
    r.source === "in_person"
      ? { kind: "speaker", name: r.speaker_name, village }
      : Number(r.anonymous) === 1
        ? { kind: "anonymous", name: null, village }
        : { kind: "named", name: r.display_name ?? null, village };
  const hidden = !!r.hidden_at;
  const mine = viewerId !== null && r.author_user_id === viewerId;
  const view: CommentView = {
    id: r.id,
    parentId: r.parent_id,
    replyToHidden: r.parent_id !== null && !!r.parent_hidden_at,
    source: r.source,
    author,
    verified: Number(r.author_verified) === 1,
    stance: r.stance,
    tariffLineId: r.tariff_line_id,
    planSectionId: r.plan_section_id,
    text: hidden && !opts.showHidden ? null : r.body,
    textLang: r.lang,
    hiddenReason: hidden ? (r.hidden_reason ?? "") : null,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    answer:
      r.answer_status && r.answer_text !== null
        ? { status: r.answer_status, text: r.answer_text, at: r.answered_at }
        : null,
    mine,
    editable:
      mine &&
      !hidden &&
      r.source === "online" &&
      // answered means fixed: no edit once there is an answer or a reply
      !r.answer_status &&
      !Number(r.has_replies) &&
      now().getTime() - Date.parse(r.created_at) < EDIT_WINDOW_MS,
    replies: [],
  };
  return view;
}

export interface ListOptions extends CommentFilters {
  lang: Lang;
  cursor?: string | null;
  limit?: number;
  viewerId?: number | null;
  /** "thread": top-level newest first with their replies (the page); "flat": all, oldest first */
  mode?: "thread" | "flat";
  showHidden?: boolean;
}

export async function listComments(
  db: DB,
  hearingId: number,
  o: ListOptions,
): Promise<CommentPage> {
  const limit = Math.min(Math.max(o.limit ?? 20, 1), 200);
  const mode = o.mode ?? "thread";
  const cursor = decodeCursor(o.cursor);
  let q = baseSelect(db, hearingId);
  if (mode === "thread") q = q.where("c.parent_id", "is", null);
  if (o.stance) q = q.where("c.stance", "=", o.stance);
  if (o.tariffLineId) q = q.where("c.tariff_line_id", "=", o.tariffLineId);
  if (o.planSectionId) q = q.where("c.plan_section_id", "=", o.planSectionId);
  if (o.unanswered) q = q.where("c.answer_status", "is", null);
  if (o.reported)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("comment_reports as r")
          .select("r.id")
          .whereRef("r.comment_id", "=", "c.id")
          .where("r.resolved_at", "is", null),
      ),
    );
  const desc = mode === "thread";
  if (cursor) {
    const op = desc ? "<" : ">";
    q = q.where((eb) =>
      eb.or([
        eb("c.created_at", op, cursor.createdAt),
        eb.and([eb("c.created_at", "=", cursor.createdAt), eb("c.id", op, cursor.id)]),
      ]),
    );
  }
  const dir = desc ? "desc" : "asc";
  const rows = await q
    .orderBy("c.created_at", dir)
    .orderBy("c.id", dir)
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const viewer = o.viewerId ?? null;
  const items = page.map((r) => toView(r, o.lang, viewer, o));
  if (mode === "thread" && items.length > 0) {
    const replies = await baseSelect(db, hearingId)
      .where(
        "c.parent_id",
        "in",
        items.map((i) => i.id),
      )
      .orderBy("c.created_at", "asc")
      .orderBy("c.id", "asc")
      .execute();
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const r of replies) byId.get(r.parent_id!)?.replies.push(toView(r, o.lang, viewer, o));
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/**
 * `page` (listed for nobody: `viewerId` null, as kept for every reader, ADR 0068) as person
 * `viewerId` sees it: their own comments on it marked `mine`, and `editable` while they may edit.
 * One indexed read of the viewer's comments among the page's ids; `page` itself is not changed.
 */
export async function asSeenBy(
  db: DB,
  hearingId: number,
  page: CommentPage,
  viewerId: number,
  o: Pick<ListOptions, "lang" | "showHidden">,
): Promise<CommentPage> {
  const ids = page.items.flatMap((i) => [i.id, ...i.replies.map((r) => r.id)]);
  if (ids.length === 0) return page;
  // most readers wrote none of the comments shown: a narrow read first, the full one if any
  const any = await db
    .selectFrom("comments")
    .select("id")
    .where("id", "in", ids)
    .where("author_user_id", "=", viewerId)
    .executeTakeFirst();
  if (!any) return page;
  const own = await baseSelect(db, hearingId)
    .where("c.id", "in", ids)
    .where("c.author_user_id", "=", viewerId)
    .execute();
  const mine = new Map(own.map((r) => [r.id, toView(r, o.lang, viewerId, o)]));
  const seen = (v: CommentView): CommentView => {
    const m = mine.get(v.id);
    return m ? { ...v, mine: m.mine, editable: m.editable } : v;
  };
  return {
    ...page,
    items: page.items.map((i) => ({ ...seen(i), replies: i.replies.map(seen) })),
  };
}

/** The comment figures of a hearing: see ./figures.server (the one counting rule). */
export type CommentCounts = CommentFigures;

/** The comment figures of a hearing (hidden comments left out, reported as `hidden`). */
export const commentCounts = commentFigures;

/** Slot 1's votes in hearing slot 0. Built once: every signed-in hearing page reads them. */
const votesOf = compiledOnce(2, (db: DB, ...s) =>
  db
    .selectFrom("votes")
    .select(["question_id", "choice"])
    .where("hearing_id", "=", s[0] as unknown as number)
    .where("user_id", "=", s[1] as unknown as number),
);

/** Slot 1's set-aside votes in hearing slot 0 not cast again. Built once (as above). */
const setAsideOf = compiledOnce(2, (db: DB, ...s) =>
  db
    .selectFrom("votes_set_aside as s")
    .leftJoin("votes as v", (j) =>
      j.onRef("v.question_id", "=", "s.question_id").onRef("v.user_id", "=", "s.user_id"),
    )
    .select(["s.question_id", "s.set_aside_at"])
    .where("s.hearing_id", "=", s[0] as unknown as number)
    .where("s.user_id", "=", s[1] as unknown as number)
    .where("v.id", "is", null)
    .orderBy("s.set_aside_at"),
);

/** The person's current vote on each question of the hearing. */
export async function myVotes(
  db: DB,
  hearingId: number,
  userId: number,
): Promise<Record<number, string>> {
  const { rows } = await votesOf(db, [hearingId, userId]);
  return Object.fromEntries(rows.map((r) => [r.question_id, r.choice]));
}

/**
 * The person's votes that an amendment set aside and that they have not cast again: question id →
 * when it was set aside (ISO 8601 UTC). The vote form asks them to vote again (ADR 0050).
 */
export async function mySetAsideVotes(
  db: DB,
  hearingId: number,
  userId: number,
): Promise<Record<number, string>> {
  const { rows } = await setAsideOf(db, [hearingId, userId]);
  return Object.fromEntries(rows.map((r) => [r.question_id, r.set_aside_at]));
}

export interface ParticipationFigures {
  participants: { online: number; inPerson: number; total: number };
  comments: CommentCounts;
  byVillage: { village: string; comments: number }[];
  /** per amendment, the votes it set aside (ADR 0050), in order */
  setAside: SetAsideFigure[];
}

/** Participation figures for the results (after close), by the one counting rule. */
export async function participationFigures(
  db: DB,
  hearingId: number,
  lang: Lang,
): Promise<ParticipationFigures> {
  const [people, comments, villages, setAside] = await Promise.all([
    participantFigures(db, hearingId),
    commentFigures(db, hearingId),
    commentsByVillage(db, hearingId),
    setAsideFigures(db, hearingId),
  ]);
  return {
    participants: { online: people.online, inPerson: people.inPerson, total: people.total },
    comments,
    byVillage: villages.map((v) => ({ village: v.village?.[lang] ?? "", comments: v.comments })),
    setAside,
  };
}

export interface MeetingView {
  attendance: number;
  heldAt: string | null;
  /** why it was held on another day than announced */
  heldReason: string | null;
  notes: string | null;
  enteredBy: string | null;
  updatedAt: string | null;
  tallies: Record<number, { for: number; against: number; abstain: number; enteredBy: string }>;
}

export async function getMeeting(db: DB, hearingId: number): Promise<MeetingView> {
  const [rec, tallies] = await Promise.all([
    db
      .selectFrom("meeting_records as m")
      .innerJoin("users as u", "u.id", "m.entered_by")
      .select([
        "m.attendance",
        "m.held_at",
        "m.held_reason",
        "m.notes",
        "m.updated_at",
        "u.display_name",
      ])
      .where("m.hearing_id", "=", hearingId)
      .executeTakeFirst(),
    db
      .selectFrom("meeting_tallies as t")
      .innerJoin("users as u", "u.id", "t.entered_by")
      .select([
        "t.question_id",
        "t.for_count",
        "t.against_count",
        "t.abstain_count",
        "u.display_name",
      ])
      .where("t.hearing_id", "=", hearingId)
      .execute(),
  ]);
  return {
    attendance: Number(rec?.attendance ?? 0),
    heldAt: rec?.held_at ?? null,
    heldReason: rec?.held_reason ?? null,
    notes: rec?.notes ?? null,
    enteredBy: rec?.display_name ?? null,
    updatedAt: rec?.updated_at ?? null,
    tallies: Object.fromEntries(
      tallies.map((t) => [
        t.question_id,
        {
          for: Number(t.for_count),
          against: Number(t.against_count),
          abstain: Number(t.abstain_count),
          enteredBy: t.display_name,
        },
      ]),
    ),
  };
}

/** The in-person speakers (comments with source in_person), with who entered them. */
export async function listSpeakers(db: DB, hearingId: number, lang: Lang) {
  const rows = await db
    .selectFrom("comments as c")
    .leftJoin("users as u", "u.id", "c.entered_by")
    .leftJoin("villages as v", "v.id", "c.village_id")
    .select([
      "c.id",
      "c.speaker_name",
      "c.stance",
      "c.body",
      "c.created_at",
      "u.display_name as entered_by",
      "v.name_ky",
      "v.name_ru",
    ])
    .where("c.hearing_id", "=", hearingId)
    .where("c.source", "=", "in_person")
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    speakerName: r.speaker_name ?? "",
    stance: r.stance,
    text: r.body,
    createdAt: r.created_at,
    enteredBy: r.entered_by ?? "",
    village: (lang === "ky" ? r.name_ky : r.name_ru) ?? null,
  }));
}

/** Unresolved reports of a hearing's comments, for the officials' queue. */
export async function listReports(db: DB, hearingId: number) {
  const rows = await db
    .selectFrom("comment_reports as r")
    .innerJoin("comments as c", "c.id", "r.comment_id")
    .innerJoin("users as u", "u.id", "r.reporter_user_id")
    .select(["r.id", "r.comment_id", "r.reason", "r.created_at", "u.display_name"])
    .where("c.hearing_id", "=", hearingId)
    .where("r.resolved_at", "is", null)
    .orderBy("r.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    commentId: r.comment_id,
    reason: r.reason,
    createdAt: r.created_at,
    reporter: r.display_name,
  }));
}
