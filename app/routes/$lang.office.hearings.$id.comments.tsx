/**
 * Officials: the comment queue of one hearing — the count of unanswered comments, filters, an
 * answer (status + text) under each comment, hide with a reason, unhide, and the open reports.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/modules/i18n/meta";
import {
  answerComment,
  dismissReports,
  hideComment,
  unhideComment,
} from "~/modules/participation/commands.server";
import { CommentFilters, MoreComments } from "~/modules/participation/CommentFilters";
import { targetLabels } from "~/modules/participation/components";
import { ModerationCard } from "~/modules/participation/ModerationCard";
import { OfficeHeader } from "~/modules/participation/OfficeHeader";
import {
  loadOfficeHearing,
  officeHearingView,
  officeIntent,
  runOfficeAction,
  type OfficeContext,
} from "~/modules/participation/office.server";
import { commentCounts, listComments, listReports } from "~/modules/participation/queries.server";
import type { ActionRefusal } from "~/modules/core/reply.server";
import {
  answerForm,
  commentIdForm,
  filtersFromUrl,
  hideForm,
} from "~/modules/participation/schemas";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "participation:office.queueTitle");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { lang, db, h, user } = await loadOfficeHearing(params, request, "comment.answer");
  const url = new URL(request.url);
  const f = filtersFromUrl(url);
  const reported = url.searchParams.get("reported") === "1";
  const [counts, page, reports] = await Promise.all([
    commentCounts(db, h.id),
    listComments(db, h.id, {
      ...f,
      reported,
      lang,
      viewerId: user.id,
      limit: 30,
      mode: "flat",
      showHidden: true,
    }),
    listReports(db, h.id),
  ]);
  return {
    hearing: officeHearingView(h, lang),
    counts,
    comments: page,
    reports,
    filters: { ...f, reported },
  };
}

/** Back to the comment in the queue, keeping the filters. */
const back = (c: OfficeContext & { request: Request }, commentId: number) =>
  `/${c.lang}/office/hearings/${c.h.id}/comments${new URL(c.request.url).search}#comment-${commentId}`;

export const action = (args: ActionFunctionArgs) =>
  runOfficeAction(args, "comment.answer", {
    answer: officeIntent({
      schema: answerForm,
      run: (c) => answerComment(c.db, c.user, c.data.commentId, c.data.status, c.data.text, c.ip),
      to: (c) => back(c, c.data.commentId),
    }),
    hide: officeIntent({
      schema: hideForm,
      run: (c) => hideComment(c.db, c.user, c.data.commentId, c.data.reason, c.ip),
      to: (c) => back(c, c.data.commentId),
    }),
    unhide: officeIntent({
      schema: commentIdForm,
      run: (c) => unhideComment(c.db, c.user, c.data.commentId, c.ip),
      to: (c) => back(c, c.data.commentId),
    }),
    dismiss: officeIntent({
      schema: commentIdForm,
      run: (c) => dismissReports(c.db, c.user, c.data.commentId, c.ip),
      to: (c) => back(c, c.data.commentId),
    }),
  });

export default function OfficeComments() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionRefusal | undefined;
  const { t } = useTranslation("participation");
  const labels = targetLabels(d.hearing);
  return (
    <>
      <OfficeHeader hearing={d.hearing} titleKey="office.queueTitle" />
      <p className="office-unanswered" data-testid="unanswered-count">
        <strong>{t("office.unanswered", { count: d.counts.unanswered })}</strong>
      </p>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("office.reports")}</h2>
        {d.reports.length === 0 ? (
          <p className="muted">{t("office.noReports")}</p>
        ) : (
          <ul>
            {d.reports.map((r) => (
              <li key={r.id}>
                <a href={`#comment-${r.commentId}`}>
                  {t("office.reportLine", {
                    reporter: r.reporter,
                    reason: r.reason,
                    id: r.commentId,
                  })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("comments.title")}</h2>
        <CommentFilters filters={d.filters} targets={d.hearing} showReported />
        {d.comments.items.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
        <ol className="comment-list plain-list">
          {d.comments.items.map((c) => (
            <li key={c.id}>
              <ModerationCard
                c={c}
                labels={labels}
                reply={a}
                locked={d.hearing.locked}
                reported={d.reports.some((r) => r.commentId === c.id)}
              />
            </li>
          ))}
        </ol>
        <MoreComments filters={d.filters} cursor={d.comments.nextCursor} />
      </section>
    </>
  );
}
