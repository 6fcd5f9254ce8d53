/**
 * Officials: the comment queue of one hearing — the count of unanswered comments, filters, an
 * answer (status + text) under each comment, hide with a reason, unhide, and the open reports.
 */
import { lineLabel } from "~/modules/hearings/labels.server";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "~/components/ui";
import { clientIp } from "~/modules/audit/audit.server";
import { getDb } from "~/modules/core/db.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import {
  answerComment,
  dismissReports,
  hideComment,
  unhideComment,
} from "~/modules/participation/commands.server";
import { CommentFilters, MoreComments } from "~/modules/participation/CommentFilters";
import { targetLabels } from "~/modules/participation/components";
import { ModerationCard } from "~/modules/participation/ModerationCard";
import { requireHearing } from "~/modules/hearings/guards.server";
import { notFound } from "~/modules/core/reply.server";
import { getHearingContext, isLocked } from "~/modules/participation/context.server";
import { commentCounts, listComments, listReports } from "~/modules/participation/queries.server";
import { attempt, failure, type ActionFailure } from "~/modules/participation/respond.server";
import {
  answerForm,
  commentIdForm,
  filtersFromUrl,
  hideForm,
} from "~/modules/participation/schemas";
import { readForm } from "~/modules/forms/read.server";
import { idParam } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "participation:office.queueTitle");

async function load(params: { lang?: string; id?: string }, request: Request) {
  const lang = requireLang(params);
  const db = await getDb();
  const { user, hearing } = await requireHearing(
    request,
    db,
    idParam(request, params, "id"),
    "comment.answer",
  );
  // drafts have no participation: their pages do not exist yet
  const h = await getHearingContext(db, hearing.id);
  if (!h) throw notFound(lang);
  return { lang, db, h, user };
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { lang, db, h, user } = await load(params, request);
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
    hearing: {
      id: h.id,
      title: h.title[lang],
      locked: isLocked(h),
      tariffLines: h.tariffLines.map((l) => ({ id: l.id, label: lineLabel(l, lang) })),
      sections: h.sections.map((s) => ({ id: s.id, label: s.name[lang] })),
    },
    counts,
    comments: page,
    reports,
    filters: { ...f, reported },
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { lang, db, h, user } = await load(params, request);
  const t = tFor(params);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request, context as { ip?: string });
  const back = (id: number) => {
    const u = new URL(request.url);
    return `/${lang}/office/hearings/${h.id}/comments${u.search}#comment-${id}`;
  };
  if (intent === "answer") {
    const p = parseForm(form, answerForm, t);
    if (!p.ok) return failure(intent, p.errors, p.values);
    const r = await attempt(lang, intent, p.values, () =>
      answerComment(db, user, p.data.commentId, p.data.status, p.data.text, ip),
    );
    return r.ok ? redirect(back(p.data.commentId)) : r.response;
  }
  if (intent === "hide") {
    const p = parseForm(form, hideForm, t);
    if (!p.ok) return failure(intent, p.errors, p.values);
    const r = await attempt(lang, intent, p.values, () =>
      hideComment(db, user, p.data.commentId, p.data.reason, ip),
    );
    return r.ok ? redirect(back(p.data.commentId)) : r.response;
  }
  if (intent === "unhide" || intent === "dismiss") {
    const p = parseForm(form, commentIdForm, t);
    if (!p.ok) return failure(intent, p.errors, p.values);
    const r = await attempt(lang, intent, p.values, () =>
      intent === "unhide"
        ? unhideComment(db, user, p.data.commentId, ip)
        : dismissReports(db, user, p.data.commentId, ip),
    );
    return r.ok ? redirect(back(p.data.commentId)) : r.response;
  }
  return failure(intent, { _form: [t("common:errors.invalidForm")] }, {});
}

export default function OfficeComments() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionFailure | undefined;
  const { t } = useTranslation("participation");
  const lang = useLang();
  const labels = targetLabels(d.hearing);
  return (
    <>
      <p>
        <Link to={`/${lang}/hearings/${d.hearing.id}`}>{t("office.back")}</Link>
      </p>
      <h1>{t("office.queueTitle")}</h1>
      <p className="muted">{d.hearing.title}</p>
      {d.hearing.locked ? <Alert tone="info">{t("errors.locked")}</Alert> : null}
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
