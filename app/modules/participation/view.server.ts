/**
 * The view model of a hearing page's participation part (counts, the vote, the comment form, the
 * comment list with its filters, results after close), built in one place so the route only calls
 * it. The refusals come from the policy (`policy.ts`), the same answers the commands give, so the
 * vote and comment cards show the reason and the next step the server would refuse with.
 */
import type { DB } from "#db/connection";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { now } from "../core/clock.server";
import { lineLabel } from "../hearings/labels.server";
import type { Lang } from "../i18n/config";
import { isLocked, resultsVisible, type HearingContext } from "./context.server";
import { commentRefusal, voteRefusal } from "./policy";
import { byContentVersion, readingId } from "../core/memo.server";
import {
  asSeenBy,
  commentCounts,
  listComments,
  mySetAsideVotes,
  myVotes,
  participationFigures,
} from "./queries.server";
import { countVotesCast, getResults } from "./results.server";
import { filtersFromUrl } from "./schemas";

/**
 * Everything the participation part of hearing `h` shows to `user` (null: a visitor) in `lang`,
 * with the comment filters and the "reported" notice read from the page's `url`.
 *
 * `refusals.comment` / `refusals.vote`: the policy's namespaced locale key of why this person may
 * not comment / vote now (a visitor: sign in), or null when they may.
 */
export async function participationView(
  db: DB,
  h: HearingContext,
  user: SessionUser | null,
  url: URL,
  lang: Lang,
) {
  const f = filtersFromUrl(url);
  const closed = resultsVisible(h);
  // what every reader sees is read once per content version (ADR 0068); the person's rows each time
  const sharedKey = `participation:${h.id}:${lang}:${closed}:${JSON.stringify(f)}`;
  const shared = await byContentVersion(sharedKey, ["all", `h:${h.id}`], async () => {
    const [counts, votesCast, comments, results, figures, lastAmendment] = await Promise.all([
      commentCounts(db, h.id),
      countVotesCast(db, h.id),
      listComments(db, h.id, { ...f, lang, viewerId: null, limit: 20 }),
      closed ? getResults(db, h.id) : Promise.resolve(null),
      closed ? participationFigures(db, h.id, lang) : Promise.resolve(null),
      db
        .selectFrom("amendments")
        .select((eb) => eb.fn.max("number").as("n"))
        .where("hearing_id", "=", h.id)
        .executeTakeFirst(),
    ]);
    // names the comments of this reading in the id of the kept comment list (ADR 0069): a vote
    // makes a new reading, but the same comments keep their rendered list
    return {
      counts,
      votesCast,
      comments,
      results,
      figures,
      lastAmendment,
      keptId: readingId(sharedKey, comments),
    };
  });
  const { counts, votesCast, results, figures, lastAmendment, keptId } = shared;
  const [comments, votes, setAside] = await Promise.all([
    user ? asSeenBy(db, h.id, shared.comments, user.id, { lang }) : shared.comments,
    user ? myVotes(db, h.id, user.id) : Promise.resolve({} as Record<number, string>),
    user ? mySetAsideVotes(db, h.id, user.id) : Promise.resolve({} as Record<number, string>),
  ]);
  const at = now();
  return {
    hearing: {
      id: h.id,
      title: h.title[lang],
      state: h.state,
      type: h.type,
      locked: isLocked(h),
      commentEndAt: h.commentEndAt,
      tariffLines: h.tariffLines.map((l) => ({ id: l.id, label: lineLabel(l, lang) })),
      sections: h.sections.map((s) => ({ id: s.id, label: s.name[lang] })),
      questions: h.questions.map((q) => ({ id: q.id, title: q.title[lang] })),
    },
    viewer: user
      ? {
          id: user.id,
          isOfficial: can(user, "comment.answer", { municipalityId: h.municipalityId }),
        }
      : null,
    refusals: {
      comment: commentRefusal(user, h)?.key ?? null,
      vote: voteRefusal(user, h, at)?.key ?? null,
    },
    counts: {
      total: counts.total,
      byStance: counts.byStance,
      replies: counts.replies,
      hidden: counts.hidden,
    },
    votesCast,
    comments,
    myVotes: votes,
    /** the person's votes an amendment set aside, not cast again: question id → when */
    setAside,
    /** the hearing's latest amendment number (0: none), carried by the vote form (ADR 0050) */
    amendment: Number(lastAmendment?.n ?? 0),
    filters: f,
    /** the shared readings this view was built on (a kept page part's id starts with them) */
    keptId: `${keptId}:${h.readingId ?? "-"}`,
    reported: url.searchParams.has("reported"),
    results,
    figures,
  };
}
