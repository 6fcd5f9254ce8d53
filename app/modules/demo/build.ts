/**
 * The one way the demo seed and the test fixtures make hearings and what happens in them: through
 * the commands, with the clock set to the moment each step happened (ADR 0090). A hearing closed
 * last month is made by freezing the clock at its creation, notice, comment period and close in
 * turn and running the same commands an official and residents would; the clock is then put back.
 * Only places, people, roles and verifications (no command makes them) are inserted directly.
 */
import type { DB } from "#db/connection";
import type { AnswerStatus, HearingType, ProtocolStage, Stance, VoteChoice } from "#db/schema";
import { loadSessionUser, type SessionUser } from "~/modules/auth/session.server";
import { withClock } from "~/modules/core/clock.server";
import {
  addPlanProject,
  addPlanSection,
  addQuestion,
  addTariffLine,
  announceHearing,
  cancelHearing,
  closeHearing,
  createHearing,
  removeQuestion,
  syncDerivedState,
  updateDetails,
  type ProjectInput,
} from "~/modules/hearings/commands.server";
import {
  addSpeaker,
  answerComment,
  castVote,
  createComment,
  hideComment,
  recordAttendance,
  recordTally,
} from "~/modules/participation/commands.server";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import { toBishkekDateInput } from "~/modules/format/time";

/** The signed-in view of a user the commands expect (roles, verifications); throws if missing. */
export async function actorOf(db: DB, userId: number): Promise<SessionUser> {
  const u = await loadSessionUser(db, userId);
  if (!u) throw new Error(`no user ${userId}`);
  return u;
}

export interface LineSpec {
  service: string;
  category: string;
  unit: string;
  /** tyiyn */
  currentPrice: number;
  /** tyiyn */
  proposedPrice: number;
  justificationKy?: string;
  justificationRu?: string;
  /** tyiyn each; when given they add up to the proposed price */
  costItems?: { nameKy: string; nameRu: string; amount: number }[];
}

export interface SectionSpec {
  nameKy: string;
  nameRu: string;
  projects?: (Omit<ProjectInput, "sectionId" | "descriptionKy" | "descriptionRu"> & {
    descriptionKy?: string;
    descriptionRu?: string;
  })[];
}

export interface HearingSpec {
  municipalityId: number;
  /** user id of an official of the municipality: creates, edits and announces */
  official: number;
  type?: HearingType;
  /** a readable short code (default: a random one) */
  shortCode?: string;
  titleKy: string;
  titleRu: string;
  summaryKy: string;
  summaryRu: string;
  bodyKy?: string;
  bodyRu?: string;
  authoritativeLang?: "ky" | "ru";
  initiatorKind: "okmotu" | "enterprise";
  initiatorNameKy?: string | null;
  initiatorNameRu?: string | null;
  /** ISO instants */
  createdAt: string;
  noticeAt: string;
  commentStartAt: string;
  commentEndAt: string;
  meetingAt: string;
  meetingPlaceKy: string;
  meetingPlaceRu: string;
  lines?: LineSpec[];
  sections?: SectionSpec[];
  /**
   * The questions put to the vote, in order (`line`: index into `lines` the question is about);
   * when absent the hearing keeps the default question createHearing adds.
   */
  questions?: { titleKy: string; titleRu: string; line?: number }[];
  /** questions added after the default one (which stays) */
  moreQuestions?: { titleKy: string; titleRu: string; line?: number }[];
  /** announce (default true); false leaves a complete draft */
  announce?: boolean;
  /** when the official announces it: default `noticeAt`; earlier for a notice dated ahead */
  announceAt?: string;
}

export interface BuiltHearing {
  id: number;
  lineIds: number[];
  sectionIds: number[];
  projectIds: number[];
  questionIds: number[];
}

/**
 * Create a hearing as an official would: at `createdAt` create it, fill in its details, lines or
 * sections and projects, and questions; at `noticeAt` announce it (the command stores "open" at
 * once when the comment period has started). Dates must keep to the municipality's rules, as in
 * the office. Returns the ids of what was made.
 * @throws DomainError whatever the commands refuse (a schedule that breaks the rules …)
 */
export async function buildHearing(db: DB, spec: HearingSpec): Promise<BuiltHearing> {
  const official = await actorOf(db, spec.official);
  const type = spec.type ?? "tariff";
  const out: BuiltHearing = { id: 0, lineIds: [], sectionIds: [], projectIds: [], questionIds: [] };
  await withClock(spec.createdAt, async () => {
    out.id = await createHearing(db, official, {
      municipalityId: spec.municipalityId,
      type,
      titleKy: spec.titleKy,
      titleRu: spec.titleRu,
      initiatorKind: spec.initiatorKind,
      initiatorNameKy: spec.initiatorNameKy ?? null,
      initiatorNameRu: spec.initiatorNameRu ?? null,
      shortCode: spec.shortCode,
    });
    await updateDetails(db, official, out.id, {
      titleKy: spec.titleKy,
      titleRu: spec.titleRu,
      summaryKy: spec.summaryKy,
      summaryRu: spec.summaryRu,
      bodyKy: spec.bodyKy ?? spec.summaryKy,
      bodyRu: spec.bodyRu ?? spec.summaryRu,
      authoritativeLang: spec.authoritativeLang ?? "ky",
      initiatorKind: spec.initiatorKind,
      initiatorNameKy: spec.initiatorNameKy ?? null,
      initiatorNameRu: spec.initiatorNameRu ?? null,
      noticeAt: new Date(spec.noticeAt),
      commentStartAt: new Date(spec.commentStartAt),
      commentEndAt: new Date(spec.commentEndAt),
      meetingAt: new Date(spec.meetingAt),
      meetingPlaceKy: spec.meetingPlaceKy,
      meetingPlaceRu: spec.meetingPlaceRu,
    });
    for (const l of spec.lines ?? [])
      out.lineIds.push(
        await addTariffLine(db, official, out.id, {
          service: l.service,
          category: l.category,
          unit: l.unit,
          currentPrice: l.currentPrice,
          proposedPrice: l.proposedPrice,
          justificationKy: l.justificationKy ?? "",
          justificationRu: l.justificationRu ?? "",
          costItems: l.costItems ?? [],
        }),
      );
    for (const s of spec.sections ?? []) {
      const sectionId = await addPlanSection(db, official, out.id, {
        nameKy: s.nameKy,
        nameRu: s.nameRu,
      });
      out.sectionIds.push(sectionId);
      for (const p of s.projects ?? [])
        out.projectIds.push(
          await addPlanProject(db, official, out.id, {
            descriptionKy: "",
            descriptionRu: "",
            ...p,
            sectionId,
          }),
        );
    }
    const defaults = await db
      .selectFrom("questions")
      .select("id")
      .where("hearing_id", "=", out.id)
      .execute();
    if (spec.questions) {
      for (const q of spec.questions)
        out.questionIds.push(
          await addQuestion(db, official, out.id, {
            titleKy: q.titleKy,
            titleRu: q.titleRu,
            tariffLineId: q.line != null ? out.lineIds[q.line] : null,
          }),
        );
      for (const d of defaults) await removeQuestion(db, official, out.id, d.id);
    } else {
      out.questionIds = defaults.map((d) => d.id);
      for (const q of spec.moreQuestions ?? [])
        out.questionIds.push(
          await addQuestion(db, official, out.id, {
            titleKy: q.titleKy,
            titleRu: q.titleRu,
            tariffLineId: q.line != null ? out.lineIds[q.line] : null,
          }),
        );
    }
  });
  if (spec.announce !== false)
    await withClock(spec.announceAt ?? spec.noticeAt, () => announceHearing(db, official, out.id));
  return out;
}

/**
 * Store the state a hearing's dates give it at `at` (announced → open → closed), as the job tick
 * does, with the clock frozen there. A hearing closed this way has `closed_at` = its comment end.
 */
export async function settleAt(db: DB, hearingId: number, at: string): Promise<void> {
  await withClock(at, () => syncDerivedState(db, hearingId));
}

/** The official closes an open hearing early at `at` (the municipality's minimum period kept). */
export async function closeAt(
  db: DB,
  officialId: number,
  hearingId: number,
  at: string,
  reason: string | null = null,
): Promise<void> {
  const official = await actorOf(db, officialId);
  await withClock(at, () => closeHearing(db, official, hearingId, reason));
}

/** The official cancels the hearing at `at` with a reason. */
export async function cancelAt(
  db: DB,
  officialId: number,
  hearingId: number,
  at: string,
  reason: string,
): Promise<void> {
  const official = await actorOf(db, officialId);
  await withClock(at, () => cancelHearing(db, official, hearingId, reason));
}

export interface CommentSpec {
  /** ISO instant it was posted (or, for a speaker, entered) */
  at: string;
  /** a resident's own online comment … */
  author?: number;
  anonymous?: boolean;
  /** … or a speaker at the meeting, entered by `enteredBy` (an official) */
  speaker?: string;
  enteredBy?: number;
  /** the speaker's village */
  villageId?: number | null;
  stance: Stance;
  body: string;
  /** the language of the page it was written (entered) on; unknown when left out */
  lang?: "ky" | "ru";
  parentId?: number | null;
  tariffLineId?: number | null;
  planSectionId?: number | null;
  /** the official answer, given by `by` at `at` */
  answer?: { status: AnswerStatus; text: string; by: number; at: string };
  /** hidden by a moderator */
  hidden?: { reason: string; by: number; at: string };
}

/**
 * A comment as the person would post it (createComment) or an official would enter a speaker's
 * words (addSpeaker, the hearing must be closed or its meeting held then), then its answer and
 * moderation, each at its own moment. Returns the comment id.
 */
export async function makeComment(db: DB, hearingId: number, c: CommentSpec): Promise<number> {
  const target = { tariffLineId: c.tariffLineId ?? null, planSectionId: c.planSectionId ?? null };
  const id = await withClock(c.at, async () => {
    if (c.speaker !== undefined) {
      if (c.enteredBy === undefined) throw new Error("a speaker's words need enteredBy");
      return addSpeaker(db, await actorOf(db, c.enteredBy), hearingId, {
        ...target,
        speakerName: c.speaker,
        villageId: c.villageId ?? null,
        stance: c.stance,
        body: c.body,
        lang: c.lang ?? null,
      });
    }
    if (c.author === undefined) throw new Error("a comment needs an author or a speaker");
    return createComment(db, await actorOf(db, c.author), {
      hearingId,
      parentId: c.parentId ?? null,
      ...target,
      stance: c.stance,
      body: c.body,
      anonymous: !!c.anonymous,
      lang: c.lang ?? null,
    });
  });
  if (c.answer) {
    const a = c.answer;
    await withClock(a.at, async () =>
      answerComment(db, await actorOf(db, a.by), id, a.status, a.text),
    );
  }
  if (c.hidden) {
    const hdn = c.hidden;
    await withClock(hdn.at, async () => hideComment(db, await actorOf(db, hdn.by), id, hdn.reason));
  }
  return id;
}

/** A resident's vote on a question at `at` (castVote: verified, old enough, period open). */
export async function makeVote(
  db: DB,
  hearingId: number,
  v: { userId: number; questionId: number; choice: VoteChoice; at: string },
): Promise<void> {
  await withClock(v.at, async () =>
    castVote(db, await actorOf(db, v.userId), hearingId, v.questionId, v.choice),
  );
}

/**
 * The in-person meeting as the official records it at `at`: attendance, when it was held, and the
 * show-of-hands tally per question.
 */
export async function recordMeeting(
  db: DB,
  hearingId: number,
  m: {
    officialId: number;
    at: string;
    heldAt: string;
    attendance: number;
    notes?: string | null;
    tallies?: { questionId: number; for: number; against: number; abstain: number }[];
  },
): Promise<void> {
  const official = await actorOf(db, m.officialId);
  await withClock(m.at, async () => {
    await recordAttendance(db, official, hearingId, {
      attendance: m.attendance,
      heldAt: m.heldAt,
      notes: m.notes ?? null,
    });
    for (const t of m.tallies ?? [])
      await recordTally(db, official, hearingId, t.questionId, {
        for: t.for,
        against: t.against,
        abstain: t.abstain,
      });
  });
}

/**
 * Take a closed hearing's protocol to `stage` through the protocol commands at `at`: drafted by the
 * official, submitted, and then returned or approved by the council secretary (resolution dated
 * the Bishkek day of `at`). Returns the protocol id.
 */
export async function protocolTo(
  db: DB,
  hearingId: number,
  p: {
    stage: ProtocolStage;
    officialId: number;
    secretaryId?: number;
    at: string;
    chairName?: string;
    secretaryName?: string;
    conclusionsKy?: string;
    conclusionsRu?: string;
    resolutionNumber?: string;
    deputies?: { for: number; against: number; abstain: number } | null;
    returnComments?: string;
    demo?: boolean;
  },
): Promise<number> {
  const official = await actorOf(db, p.officialId);
  return withClock(p.at, async () => {
    const { protocolId } = await saveDraft(
      db,
      official,
      hearingId,
      {
        chairName: p.chairName ?? "Жылдыз Асанова",
        secretaryName: p.secretaryName ?? "Эркин Токтогулов",
        conclusionsKy: p.conclusionsKy ?? "Тарифти бекитүү сунушталат.",
        conclusionsRu: p.conclusionsRu ?? "Рекомендуется утвердить тариф.",
      },
      { demo: p.demo },
    );
    if (p.stage === "drafted") return protocolId;
    await submitProtocol(db, official, hearingId, { demo: p.demo });
    if (p.stage === "submitted") return protocolId;
    if (p.secretaryId === undefined) throw new Error("a council decision needs secretaryId");
    const secretary = await actorOf(db, p.secretaryId);
    await decideProtocol(
      db,
      secretary,
      protocolId,
      p.stage === "returned"
        ? { decision: "return", comments: p.returnComments ?? "Кайра карап чыгыңыз." }
        : {
            decision: "approve",
            resolutionNumber: p.resolutionNumber ?? "1/1",
            resolutionDate: toBishkekDateInput(new Date(p.at)),
            deputies: p.deputies ?? null,
          },
      { demo: p.demo },
    );
    return protocolId;
  });
}
