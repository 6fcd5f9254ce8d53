/**
 * The participation part of a hearing page (the index child of the hearings layout): counts, the
 * vote, the comment form, the comment list with filters and cursor pagination, answers, and after
 * close the results. It loads what it needs itself and never reads the parent's loader data.
 */
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "~/components/ui";
import { Kept } from "~/components/kept";
import { clientIp } from "~/modules/audit/audit.server";
import { getUser, requireUser } from "~/modules/auth/guards.server";
import { mayView } from "~/modules/hearings/policy";
import { getDb } from "~/modules/core/db.server";
import { readingId } from "~/modules/core/memo.server";
import { seenAmendment, votedLocation } from "~/modules/participation/vote-post.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { titleMeta } from "~/modules/i18n/meta";
import { attempt, invalidReply, notFound, type ActionRefusal } from "~/modules/core/reply.server";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import {
  castVote,
  createComment,
  editComment,
  reportComment,
} from "~/modules/participation/commands.server";
import { CommentThreads, RefusedElsewhere } from "~/modules/participation/CommentCard";
import { CommentFilters, MoreComments } from "~/modules/participation/CommentFilters";
import { CommentForm } from "~/modules/participation/CommentForm";
import { targetLabels } from "~/modules/participation/components";
import { Results } from "~/modules/participation/Results";
import { VoteSection } from "~/modules/participation/VoteSection";
import { castVotes, type BallotChoice } from "~/modules/participation/ballot.server";
import { getHearingContext, keptHearingContext } from "~/modules/participation/context.server";
import { participationView } from "~/modules/participation/view.server";
import {
  commentForm,
  editForm,
  replyForm,
  reportForm,
  voteForm,
} from "~/modules/participation/schemas";
import { readForm } from "~/modules/forms/read.server";
import { idParam } from "~/modules/http/params.server";

// The hearing layout's meta (title, description, share tags) stands for this part too.
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  matches.find((m) => m.id === "routes/$lang.hearings.$id")?.meta ??
  (data ? titleMeta(matches, data.hearing.title) : []);

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const db = await getDb();
  const h = await keptHearingContext(idParam(request, params, "id"), { includeDraft: true });
  if (!h) throw notFound(lang);
  const user = await getUser(request);
  // a draft is shown (by the hearings layout) to its officials only; participation stays empty
  if (!mayView(user, h)) throw notFound(lang);
  const url = new URL(request.url);
  const view = await participationView(db, h, user, url, lang);
  // the whole section as a kept part (ADR 0069): it shows this data, nothing else — what it reads
  // of the query (filters, cursor, `reported`) is in the data and its forms post to fixed
  // actions, so other query parameters (`?utm_…`, junk) make no new part. Readers in the same
  // state (most have not voted or commented yet) share its HTML; the comment list inside is kept
  // for everyone apart. Its id hashes the view with the comments named by their shared reading
  // (view.keptId) and the reader's marks on them (asSeenBy changes only `mine` and `editable`).
  const { comments, ...rest } = view;
  const key = `participation-section:${lang}:${url.pathname}`;
  const marks = ownMarks(comments.items);
  return { ...view, sectionPart: `participation:${readingId(key, { ...rest, marks })}` };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = tFor(params);
  const db = await getDb();
  const hearingId = idParam(request, params, "id");
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request, context as { ip?: string });
  const base = `/${lang}/hearings/${hearingId}`;
  // Each command loads the hearing itself and refuses a missing one (404 hearingNotFound), so
  // the action loads nothing in advance: only the ballot reads the hearing's questions here.

  switch (intent) {
    case "comment": {
      const p = parseForm(form, commentForm, t);
      if (!p.ok) return invalidReply(p.errors, p.values, intent);
      const r = await attempt(lang, intent, p.values, () =>
        createComment(db, user, {
          hearingId,
          stance: p.data.stance,
          body: p.data.body,
          anonymous: p.data.anonymous,
          lang,
          ...p.data.target,
        }),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}#comment-${r.value}`);
    }
    case "reply": {
      const p = parseForm(form, replyForm, t);
      if (!p.ok) return invalidReply(p.errors, p.values, intent);
      const r = await attempt(lang, intent, p.values, () =>
        createComment(db, user, {
          hearingId,
          parentId: p.data.parentId,
          stance: "neutral",
          body: p.data.body,
          anonymous: p.data.anonymous,
          lang,
        }),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}#comment-${r.value}`);
    }
    case "edit": {
      const p = parseForm(form, editForm, t);
      if (!p.ok) return invalidReply(p.errors, p.values, intent);
      const r = await attempt(lang, intent, p.values, () =>
        editComment(db, user, p.data.commentId, p.data.body),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}#comment-${p.data.commentId}`);
    }
    case "report": {
      const p = parseForm(form, reportForm, t);
      if (!p.ok) return invalidReply(p.errors, p.values, intent);
      const r = await attempt(lang, intent, p.values, () =>
        reportComment(db, user, p.data.commentId, p.data.reason, ip),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}?reported=${p.data.commentId}#comment-${p.data.commentId}`);
    }
    case "vote": {
      const p = parseForm(form, voteForm, t);
      if (!p.ok) return invalidReply(p.errors, p.values, intent);
      const r = await attempt(lang, intent, p.values, () =>
        castVote(
          db,
          user,
          hearingId,
          p.data.questionId,
          p.data.choice,
          seenAmendment(String(form.get("amendment") ?? "")),
        ),
      );
      if (!r.ok) return r.response;
      return redirect(votedLocation(lang, hearingId));
    }
    case "ballot": {
      // every question of the hearing in one submit: choice-<questionId> = for | against | abstain
      const h = await getHearingContext(db, hearingId);
      if (!h) throw notFound(lang);
      const values: Record<string, string> = {};
      const ballot: BallotChoice[] = [];
      for (const q of h.questions) {
        const v = String(form.get(`choice-${q.id}`) ?? "");
        if (!v) continue;
        values[`choice-${q.id}`] = v;
        if (v !== "for" && v !== "against" && v !== "abstain")
          return invalidReply(
            { [`choice-${q.id}`]: [t("participation:errors.choiceRequired")] },
            values,
            intent,
          );
        ballot.push({ questionId: q.id, choice: v });
      }
      values.amendment = String(form.get("amendment") ?? "");
      const r = await attempt(lang, intent, values, () =>
        castVotes(db, user, hearingId, ballot, seenAmendment(String(form.get("amendment") ?? ""))),
      );
      if (!r.ok) return r.response;
      return redirect(votedLocation(lang, hearingId));
    }
    default:
      return invalidReply({ _form: [t("common:errors.invalidForm")] }, {}, intent);
  }
}

/** The reader's own comments among `items` and their replies: `<id>` or `<id>e` (still editable). */
function ownMarks(
  items: {
    id: number;
    mine: boolean;
    editable: boolean;
    replies: { id: number; mine: boolean; editable: boolean }[];
  }[],
): string[] {
  return items
    .flatMap((c) => [c, ...c.replies])
    .filter((c) => c.mine)
    .map((c) => `${c.id}${c.editable ? "e" : ""}`);
}

/**
 * The id of the comment list as a kept part (ADR 0069): the shared reading it shows, what the
 * viewer may do with the comments, and which of them are the viewer's (and still editable).
 */
function commentsPartId(d: ReturnType<typeof useLoaderData<typeof loader>>): string {
  const own = ownMarks(d.comments.items);
  const canAct = !!d.viewer && !d.hearing.locked;
  const mayReply = !!d.viewer && !d.refusals.comment;
  return `comments:${d.keptId}:${canAct}:${mayReply}:${own.join(",")}`;
}

export default function HearingParticipation() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionRefusal | undefined;
  const { t } = useTranslation("participation");
  const lang = useLang();
  const h = d.hearing;
  return (
    <Kept id={a ? null : d.sectionPart}>
      <section className="participation" aria-labelledby="participation-heading">
        <h2 id="participation-heading">{t("title")}</h2>
        <p className="participation-counts">
          {t("counts.comments", { count: d.counts.total })} ·{" "}
          {d.counts.replies > 0 ? <>{t("counts.replies", { count: d.counts.replies })} · </> : null}
          {t("counts.votesCast", { count: d.votesCast })}
          {d.counts.hidden > 0 ? <> · {t("counts.hidden", { count: d.counts.hidden })}</> : null}
        </p>
        {h.locked ? <Alert tone="info">{t("errors.locked")}</Alert> : null}
        {d.reported ? <Alert tone="success">{t("comment.reported")}</Alert> : null}
        {d.viewer?.isOfficial ? (
          <p>
            <Link to={`/${lang}/office/hearings/${h.id}/comments`}>{t("office.queueLink")}</Link> ·{" "}
            <Link to={`/${lang}/office/hearings/${h.id}/meeting`}>{t("office.meetingLink")}</Link>
          </p>
        ) : null}

        {h.state === "closed" && d.results && d.figures ? (
          <Results results={d.results} figures={d.figures} questions={h.questions} />
        ) : null}

        <VoteSection
          hearingId={h.id}
          questions={h.questions}
          myVotes={d.myVotes}
          setAside={d.setAside}
          amendment={d.amendment}
          refusal={d.refusals.vote}
          closed={h.state === "closed" || h.state === "cancelled"}
          reply={a}
        />

        <CommentForm
          hearingId={h.id}
          targets={h}
          refusal={d.refusals.comment}
          closed={h.state === "closed" || h.state === "cancelled"}
          reply={a}
        />

        <section aria-labelledby="comments-heading" id="comments">
          <h3 id="comments-heading">{t("comments.title")}</h3>
          <CommentFilters filters={d.filters} targets={h} byStance={d.counts.byStance} />
          {d.comments.items.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
          <RefusedElsewhere
            reply={a}
            shown={d.comments.items.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)])}
          />
          <Kept id={a ? null : commentsPartId(d)}>
            <CommentThreads
              comments={d.comments.items}
              labels={targetLabels(h)}
              reply={a}
              canAct={!!d.viewer && !h.locked}
              mayReply={!!d.viewer && !d.refusals.comment}
            />
          </Kept>
          <MoreComments filters={d.filters} cursor={d.comments.nextCursor} hash="#comments" />
        </section>
      </section>
    </Kept>
  );
}
