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
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, SelectField, TextareaField } from "~/components/ui";
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
import {
  CommentAnswer,
  CommentAuthor,
  CommentMeta,
  TargetOptions,
  type TargetLabels,
} from "~/modules/participation/components";
import { requireHearing } from "~/modules/hearings/guards.server";
import { notFound } from "~/modules/core/reply.server";
import { getHearingContext, isLocked } from "~/modules/participation/context.server";
import {
  commentCounts,
  listComments,
  listReports,
  type CommentView,
} from "~/modules/participation/queries.server";
import { attempt, failure, type ActionFailure } from "~/modules/participation/respond.server";
import {
  answerForm,
  commentIdForm,
  filtersFromUrl,
  hideForm,
} from "~/modules/participation/schemas";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "participation:office.queueTitle");

async function load(params: { lang?: string; id?: string }, request: Request) {
  const lang = requireLang(params);
  const db = await getDb();
  const { user } = await requireHearing(request, db, params.id, "comment.answer");
  // drafts have no participation: their pages do not exist yet
  const h = await getHearingContext(db, Number(params.id));
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
  const form = await request.formData();
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function OfficeComments() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionFailure | undefined;
  const { t } = useTranslation("participation");
  const lang = useLang();
  const labels: TargetLabels = {
    lines: Object.fromEntries(d.hearing.tariffLines.map((l) => [l.id, l.label])),
    sections: Object.fromEntries(d.hearing.sections.map((s) => [s.id, s.label])),
  };
  const qs = new URLSearchParams({
    ...(d.filters.stance ? { stance: d.filters.stance } : {}),
    ...(d.filters.target ? { target: d.filters.target } : {}),
    ...(d.filters.unanswered ? { unanswered: "1" } : {}),
    ...(d.filters.reported ? { reported: "1" } : {}),
  });
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
        <Form method="get" className="comment-filters">
          <SelectField
            label={t("filters.stance")}
            name="stance"
            defaultValue={d.filters.stance ?? ""}
          >
            <option value="">{t("filters.all")}</option>
            {(["for", "against", "neutral"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`stance.${s}`)}
              </option>
            ))}
          </SelectField>
          {d.hearing.tariffLines.length + d.hearing.sections.length > 0 ? (
            <SelectField label={t("filters.target")} name="target" defaultValue={d.filters.target}>
              <TargetOptions
                lines={d.hearing.tariffLines}
                sections={d.hearing.sections}
                first={t("filters.all")}
              />
            </SelectField>
          ) : null}
          <label className="check">
            <input
              type="checkbox"
              name="unanswered"
              value="1"
              defaultChecked={d.filters.unanswered}
            />{" "}
            {t("filters.unanswered")}
          </label>
          <label className="check">
            <input type="checkbox" name="reported" value="1" defaultChecked={d.filters.reported} />{" "}
            {t("office.reportedOnly")}
          </label>
          <Button variant="secondary">{t("filters.apply")}</Button>
        </Form>
        {d.comments.items.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
        <ol className="comment-list plain-list">
          {d.comments.items.map((c) => (
            <li key={c.id}>
              <OfficeCommentCard c={c} d={d} a={a} labels={labels} />
            </li>
          ))}
        </ol>
        {d.comments.nextCursor ? (
          <p>
            <Link
              className="btn btn-secondary"
              to={`?${new URLSearchParams([...qs, ["cursor", d.comments.nextCursor]]).toString()}`}
            >
              {t("comments.more")}
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}

function OfficeCommentCard({
  c,
  d,
  a,
  labels,
}: {
  c: CommentView;
  d: LoaderData;
  a: ActionFailure | undefined;
  labels: TargetLabels;
}) {
  const { t } = useTranslation("participation");
  const mine = a && a.values.commentId === String(c.id) ? a : undefined;
  const answerErrs = mine?.intent === "answer" ? mine.errors : null;
  const hideErrs = mine?.intent === "hide" ? mine.errors : null;
  const hidden = c.hiddenReason !== null;
  return (
    <article className="comment card" id={`comment-${c.id}`} data-comment-id={c.id}>
      <header>
        <span className="muted">{t("office.commentNo", { id: c.id })}</span>
        <CommentAuthor c={c} />
        <CommentMeta c={c} labels={labels} />
      </header>
      {hidden ? (
        <>
          <p className="comment-hidden">
            {t("comment.hiddenByModerator", { reason: c.hiddenReason })}
          </p>
          <p className="muted">{t("office.hiddenText")}</p>
        </>
      ) : null}
      <p className="comment-body pre-line">{c.text}</p>
      <CommentAnswer c={c} />
      {d.hearing.locked ? null : (
        <div className="comment-actions">
          <details open={!!answerErrs || !c.answer}>
            <summary>{t("office.saveAnswer")}</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="commentId" value={c.id} />
              {answerErrs?._form ? <Alert tone="error">{answerErrs._form.join(" ")}</Alert> : null}
              <SelectField
                label={t("office.answerStatus")}
                name="status"
                defaultValue={answerErrs ? (mine?.values.status ?? "") : (c.answer?.status ?? "")}
                errors={answerErrs?.status}
              >
                <option value="">—</option>
                {(["accepted", "partly_accepted", "not_accepted", "not_relevant"] as const).map(
                  (s) => (
                    <option key={s} value={s}>
                      {t(`answer.status.${s}`)}
                    </option>
                  ),
                )}
              </SelectField>
              <TextareaField
                label={t("office.answerText")}
                name="text"
                rows={3}
                maxLength={5000}
                defaultValue={answerErrs ? (mine?.values.text ?? "") : (c.answer?.text ?? "")}
                errors={answerErrs?.text}
              />
              <Button>{t("office.saveAnswer")}</Button>
            </Form>
          </details>
          {hidden ? (
            <Form method="post">
              <input type="hidden" name="intent" value="unhide" />
              <input type="hidden" name="commentId" value={c.id} />
              <Button variant="secondary">{t("office.unhide")}</Button>
            </Form>
          ) : (
            <details open={!!hideErrs}>
              <summary>{t("office.hide")}</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="hide" />
                <input type="hidden" name="commentId" value={c.id} />
                {hideErrs?._form ? <Alert tone="error">{hideErrs._form.join(" ")}</Alert> : null}
                <TextareaField
                  label={t("office.hideReason")}
                  name="reason"
                  rows={2}
                  maxLength={500}
                  defaultValue={hideErrs ? (mine?.values.reason ?? "") : ""}
                  errors={hideErrs?.reason}
                />
                <Button variant="danger">{t("office.hide")}</Button>
              </Form>
            </details>
          )}
          {d.reports.some((r) => r.commentId === c.id) ? (
            <Form method="post">
              <input type="hidden" name="intent" value="dismiss" />
              <input type="hidden" name="commentId" value={c.id} />
              <Button variant="secondary">{t("office.dismiss")}</Button>
            </Form>
          ) : null}
        </div>
      )}
    </article>
  );
}
