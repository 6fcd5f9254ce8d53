/**
 * What participation needs to know about a hearing, loaded on its own (the hearing page's layout
 * belongs to the hearings feature; the participation part never depends on its loader data).
 */
import type { DB } from "#db/connection";
import type { HearingState, ProtocolStage } from "#db/schema";
import { now } from "../core/clock.server";
import { getDb } from "../core/db.server";
import { byContentVersion, readingId } from "../core/memo.server";
import { deriveState } from "../hearings/state";
import { ageAt } from "./policy";

export interface HearingContext {
  id: number;
  municipalityId: number;
  type: string;
  state: HearingState;
  title: { ky: string; ru: string };
  commentStartAt: string | null;
  commentEndAt: string | null;
  protocolState: ProtocolStage | null;
  minVotingAge: number;
  unverifiedMayComment: boolean;
  tariffLines: { id: number; position: number; service: string; category: string }[];
  sections: { id: number; position: number; name: { ky: string; ru: string } }[];
  questions: { id: number; position: number; title: { ky: string; ru: string } }[];
  /** set on a kept context (`keptHearingContext`): the reading it came from */
  readingId?: string;
}

/** A hearing's participation context; drafts only with includeDraft (officials preview them). */
export async function getHearingContext(
  db: DB,
  hearingId: number,
  opts: { includeDraft?: boolean } = {},
): Promise<HearingContext | null> {
  if (!Number.isSafeInteger(hearingId) || hearingId <= 0) return null;
  const h = await db
    .selectFrom("hearings")
    .innerJoin("municipalities as m", "m.id", "hearings.municipality_id")
    .select([
      "hearings.id",
      "hearings.municipality_id",
      "hearings.type",
      "hearings.state",
      "hearings.title_ky",
      "hearings.title_ru",
      "hearings.comment_start_at",
      "hearings.comment_end_at",
      "hearings.protocol_state",
      "m.min_voting_age",
      "m.unverified_may_comment",
    ])
    .where("hearings.id", "=", hearingId)
    .executeTakeFirst();
  if (!h || (h.state === "draft" && !opts.includeDraft)) return null;
  const [lines, sections, questions] = await Promise.all([
    db
      .selectFrom("tariff_lines")
      .select(["id", "position", "service", "category"])
      .where("hearing_id", "=", hearingId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("plan_sections")
      .select(["id", "position", "name_ky", "name_ru"])
      .where("hearing_id", "=", hearingId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("questions")
      .select(["id", "position", "title_ky", "title_ru"])
      .where("hearing_id", "=", hearingId)
      .orderBy("position")
      .execute(),
  ]);
  return {
    id: h.id,
    municipalityId: h.municipality_id,
    type: h.type,
    state: deriveState(h, now()),
    title: { ky: h.title_ky, ru: h.title_ru },
    commentStartAt: h.comment_start_at,
    commentEndAt: h.comment_end_at,
    protocolState: h.protocol_state,
    minVotingAge: Number(h.min_voting_age),
    unverifiedMayComment: Number(h.unverified_may_comment) === 1,
    tariffLines: lines,
    sections: sections.map((s) => ({
      id: s.id,
      position: s.position,
      name: { ky: s.name_ky, ru: s.name_ru },
    })),
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      title: { ky: q.title_ky, ru: q.title_ru },
    })),
  };
}

/**
 * {@link getHearingContext} for pages (never inside a command's transaction): kept per content
 * version of the hearing and the minute of the clock (ADR 0068), so its state may lag the clock
 * by up to a minute — the commands read their own.
 */
export async function keptHearingContext(
  hearingId: number,
  opts: { includeDraft?: boolean } = {},
): Promise<HearingContext | null> {
  if (!Number.isSafeInteger(hearingId) || hearingId <= 0) return null;
  const db = await getDb();
  const key = `hearing-context:${hearingId}:${opts.includeDraft === true}`;
  return byContentVersion(key, ["all", `h:${hearingId}`], async () => {
    const h = await getHearingContext(db, hearingId, opts);
    // names this reading in the ids of kept page parts that show its labels (ADR 0069)
    return h ? { ...h, readingId: readingId(key, h) } : null;
  });
}

export { isLocked } from "./policy";

/** Results (vote totals) only after close; before, only the number of votes cast. */
export const resultsVisible = (h: Pick<HearingContext, "state">) => h.state === "closed";

/** Full years between a yyyy-mm-dd birth date and the date of `at` (default: now) in Bishkek. */
export function ageOn(birthDate: string, at: Date = now()): number | null {
  return ageAt(birthDate, at);
}
