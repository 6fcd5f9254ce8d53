/**
 * The public participation API (JSON and CSV): the same view models as the page, nothing beyond
 * what the public page shows (authors who asked not to be named stay unnamed, hidden text stays out).
 */
import { lineLabelBoth } from "../hearings/labels.server";
import type { DB } from "#db/connection";
import { DomainError } from "../core/errors";
import { apiLangOf } from "../core/reply.server";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { getHearingContext, resultsVisible, type HearingContext } from "./context.server";
import { listComments, participationFigures, type CommentView } from "./queries.server";
import { countVotesCast, getResults } from "./results.server";
import { filtersFromUrl } from "./schemas";
import { toCount } from "../http/ids";
import { toIsoBishkek } from "../format/time";

/** The language of an API request (see `apiLangOf`). */
export const apiLang = apiLangOf;

export function commentJson(c: CommentView, h: HearingContext) {
  const line = c.tariffLineId ? h.tariffLines.find((l) => l.id === c.tariffLineId) : null;
  const section = c.planSectionId ? h.sections.find((s) => s.id === c.planSectionId) : null;
  return {
    id: c.id,
    parentId: c.parentId,
    replyToHidden: c.replyToHidden,
    stance: c.stance,
    source: c.source,
    author: c.author,
    verified: c.verified,
    target: line
      ? { type: "tariffLine", id: line.id, label: lineLabelBoth(line) }
      : section
        ? { type: "planSection", id: section.id, label: section.name }
        : { type: "hearing" },
    text: c.text,
    hidden: c.hiddenReason !== null ? { reason: c.hiddenReason } : null,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    answer: c.answer
      ? { status: c.answer.status, text: c.answer.text, answeredAt: c.answer.at }
      : null,
  };
}

export async function commentsPageJson(db: DB, h: HearingContext, url: URL, lang: Lang) {
  const f = filtersFromUrl(url);
  const limit = toCount(url.searchParams.get("limit"), 50, 1, 200);
  const page = await listComments(db, h.id, { ...f, lang, limit, mode: "flat" });
  return {
    hearingId: h.id,
    items: page.items.map((c) => commentJson(c, h)),
    nextCursor: page.nextCursor,
  };
}

const csvCell = (v: unknown): string => {
  let s = v === null || v === undefined ? "" : String(v);
  // keep spreadsheets from running a cell as a formula
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Every comment of the hearing as CSV, UTF-8 with a BOM so Excel shows Cyrillic. */
export async function commentsCsv(db: DB, h: HearingContext, lang: Lang): Promise<string> {
  const t = getFixedT(lang, "participation");
  const cols = [
    "id",
    "parentId",
    "createdAt",
    "source",
    "author",
    "village",
    "stance",
    "target",
    "text",
    "answerStatus",
    "answerText",
    "hidden",
  ] as const;
  const lines = [cols.map((c) => csvCell(t(`csv.${c}`))).join(",")];
  let cursor: string | null = null;
  do {
    const page = await listComments(db, h.id, { lang, cursor, limit: 200, mode: "flat" });
    for (const c of page.items) {
      const j = commentJson(c, h);
      const author =
        c.author.kind === "anonymous"
          ? c.author.village
            ? t("comment.residentOf", { village: c.author.village })
            : t("comment.anonymousResident")
          : (c.author.name ?? "");
      const row = [
        c.id,
        c.parentId ?? "",
        c.createdAt,
        t(`source.${c.source}`),
        author,
        c.author.village ?? "",
        // the counting rule (figures.server.ts): a stance only for a counted top-level comment
        c.parentId === null && c.hiddenReason === null ? t(`stance.${c.stance}`) : "",
        j.target.type === "hearing" ? t("target.whole") : (j.target.label?.[lang] ?? ""),
        c.text ?? "",
        c.answer ? t(`answer.status.${c.answer.status}`) : "",
        c.answer?.text ?? "",
        c.hiddenReason !== null ? c.hiddenReason : "",
      ];
      lines.push(row.map(csvCell).join(","));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

async function resultsJson(db: DB, h: HearingContext) {
  const [questions, votesCast, figures] = await Promise.all([
    getResults(db, h.id),
    countVotesCast(db, h.id),
    participationFigures(db, h.id, "ru"),
  ]);
  return {
    hearingId: h.id,
    votesCast,
    participants: figures.participants,
    comments: {
      total: figures.comments.total,
      byStance: figures.comments.byStance,
      bySource: {
        online: figures.comments.bySource.online,
        inPerson: figures.comments.bySource.in_person,
      },
      replies: figures.comments.replies,
      hidden: figures.comments.hidden,
    },
    questions: questions.map((q) => ({
      id: q.id,
      title: q.title,
      online: q.online,
      inPerson: q.inPerson,
      total: q.total,
    })),
    setAside: figures.setAside.map((a) => ({
      amendment: a.number,
      at: toIsoBishkek(a.at),
      votes: a.votes,
      byQuestion: a.byQuestion.map((q) => ({
        questionId: q.questionId,
        title: q.title,
        votes: q.votes,
      })),
    })),
  };
}

/**
 * The results of a hearing for the API.
 *
 * Outcomes: the results JSON (`hearingId`, `votesCast`, `participants`, `comments`, `questions`);
 * refusals: 404 `participation:errors.hearingNotFound` (no such public hearing), 403
 * `participation:errors.resultsBeforeClose` (before close, for everyone, officials included).
 */
export async function resultsFor(db: DB, hearingId: number) {
  const h = await getHearingContext(db, hearingId);
  if (!h) throw new DomainError("participation:errors.hearingNotFound", {}, 404);
  if (!resultsVisible(h)) throw new DomainError("participation:errors.resultsBeforeClose", {}, 403);
  return resultsJson(db, h);
}
