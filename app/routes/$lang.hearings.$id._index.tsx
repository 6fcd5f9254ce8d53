/**
 * The participation part of a hearing page (the index child of the hearings layout): counts, the
 * vote, the comment form, the comment list with filters and cursor pagination, answers, and after
 * close the results. It loads what it needs itself and never reads the parent's loader data.
 */
import { lineLabel } from "~/modules/hearings/labels.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, SelectField, TextareaField } from "~/components/ui";
import { clientIp } from "~/modules/audit/audit.server";
import { getUser, requireUser } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";
import { getDb } from "~/modules/core/db.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { titleMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import {
  castVote,
  createComment,
  editComment,
  reportComment,
  voteRefusal,
} from "~/modules/participation/commands.server";
import {
  CommentAnswer,
  CommentAuthor,
  CommentBody,
  CommentMeta,
  ResultChart,
  ResultTable,
  TargetOptions,
  type TargetLabels,
} from "~/modules/participation/components";
import {
  getHearingContext,
  isLocked,
  resultsVisible,
  type HearingContext,
} from "~/modules/participation/context.server";
import {
  commentCounts,
  listComments,
  myVotes,
  participationFigures,
  type CommentView,
} from "~/modules/participation/queries.server";
import { attempt, failure, type ActionFailure } from "~/modules/participation/respond.server";
import { countVotesCast, getResults } from "~/modules/participation/results.server";
import {
  commentForm,
  editForm,
  filtersFromUrl,
  replyForm,
  reportForm,
  voteForm,
} from "~/modules/participation/schemas";
import { ignoreCalculatorParams } from "~/modules/hearings/revalidate";

// The hearing layout's meta (title, description, share tags) stands for this part too.
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  matches.find((m) => m.id === "routes/$lang.hearings.$id")?.meta ??
  (data ? titleMeta(matches, data.hearing.title) : []);

export const shouldRevalidate = ignoreCalculatorParams;

function commentRefusal(
  user: Awaited<ReturnType<typeof getUser>>,
  h: HearingContext,
): string | null {
  if (!user) return "errors.signInToComment";
  if (isLocked(h)) return "errors.locked";
  if (
    !can(user, "comment.create", {
      municipalityId: h.municipalityId,
      unverifiedMayComment: h.unverifiedMayComment,
    })
  )
    return "errors.mayNotComment";
  if (h.state === "cancelled") return "errors.cancelled";
  if (h.state === "closed") return "errors.periodEnded";
  if (h.state !== "open") return "errors.periodNotStarted";
  return null;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const db = await getDb();
  const h = await getHearingContext(db, Number(params.id), { includeDraft: true });
  if (!h) throw new Response("Not found", { status: 404 });
  const user = await getUser(request);
  // a draft is shown (by the hearings layout) to its officials only; participation stays empty
  if (h.state === "draft" && !can(user, "hearing.viewDraft", { municipalityId: h.municipalityId }))
    throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const f = filtersFromUrl(url);
  const reported = url.searchParams.has("reported");
  const closed = resultsVisible(h);
  const [counts, votesCast, comments, votes, results, figures] = await Promise.all([
    commentCounts(db, h.id),
    countVotesCast(db, h.id),
    listComments(db, h.id, { ...f, lang, viewerId: user?.id ?? null, limit: 20 }),
    user ? myVotes(db, h.id, user.id) : Promise.resolve({} as Record<number, string>),
    closed ? getResults(db, h.id) : Promise.resolve(null),
    closed ? participationFigures(db, h.id, lang) : Promise.resolve(null),
  ]);
  const isOfficial = !!user && can(user, "comment.answer", { municipalityId: h.municipalityId });
  return {
    hearing: {
      id: h.id,
      title: h.title[lang],
      state: h.state,
      type: h.type,
      locked: isLocked(h),
      commentEndAt: h.commentEndAt,
      tariffLines: h.tariffLines.map((l) => ({
        id: l.id,
        label: lineLabel(l, lang),
      })),
      sections: h.sections.map((s) => ({ id: s.id, label: s.name[lang] })),
      questions: h.questions.map((q) => ({ id: q.id, title: q.title[lang] })),
    },
    viewer: user
      ? {
          id: user.id,
          commentRefusal: commentRefusal(user, h),
          voteRefusal: voteRefusal(user, h),
          isOfficial,
        }
      : null,
    anonymousRefusals: { comment: "errors.signInToComment", vote: "errors.signInToVote" },
    counts: { total: counts.total, byStance: counts.byStance, hidden: counts.hidden },
    votesCast,
    comments,
    myVotes: votes,
    filters: f,
    reported,
    results,
    figures,
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = tFor(params);
  const db = await getDb();
  const hearingId = Number(params.id);
  const h = await getHearingContext(db, hearingId);
  if (!h) throw new Response("Not found", { status: 404 });
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request, context as { ip?: string });
  const base = `/${lang}/hearings/${h.id}`;

  switch (intent) {
    case "comment": {
      const p = parseForm(form, commentForm, t);
      if (!p.ok) return failure(intent, p.errors, p.values);
      const r = await attempt(lang, intent, p.values, () =>
        createComment(db, user, {
          hearingId: h.id,
          stance: p.data.stance,
          body: p.data.body,
          anonymous: p.data.anonymous,
          ...p.data.target,
        }),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}#comment-${r.value}`);
    }
    case "reply": {
      const p = parseForm(form, replyForm, t);
      if (!p.ok) return failure(intent, p.errors, p.values);
      const r = await attempt(lang, intent, p.values, () =>
        createComment(db, user, {
          hearingId: h.id,
          parentId: p.data.parentId,
          stance: "neutral",
          body: p.data.body,
          anonymous: p.data.anonymous,
        }),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}#comment-${r.value}`);
    }
    case "edit": {
      const p = parseForm(form, editForm, t);
      if (!p.ok) return failure(intent, p.errors, p.values);
      const r = await attempt(lang, intent, p.values, () =>
        editComment(db, user, p.data.commentId, p.data.body),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}#comment-${p.data.commentId}`);
    }
    case "report": {
      const p = parseForm(form, reportForm, t);
      if (!p.ok) return failure(intent, p.errors, p.values);
      const r = await attempt(lang, intent, p.values, () =>
        reportComment(db, user, p.data.commentId, p.data.reason, ip),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}?reported=${p.data.commentId}#comment-${p.data.commentId}`);
    }
    case "vote": {
      const p = parseForm(form, voteForm, t);
      if (!p.ok) return failure(intent, p.errors, p.values);
      const r = await attempt(lang, intent, p.values, () =>
        castVote(db, user, h.id, p.data.questionId, p.data.choice),
      );
      if (!r.ok) return r.response;
      return redirect(`${base}?voted=1#vote`);
    }
    default:
      return data<ActionFailure>(
        { ok: false, intent, errors: { _form: [t("common:errors.invalidForm")] }, values: {} },
        { status: 400 },
      );
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function errorsFor(a: ActionFailure | undefined, intent: string, key?: string, id?: number) {
  if (!a || a.intent !== intent) return null;
  if (id !== undefined) {
    const ref = a.values.commentId ?? a.values.parentId ?? a.values.questionId;
    if (ref !== String(id)) return null;
  }
  return key ? (a.errors[key] ?? null) : a.errors;
}

export default function HearingParticipation() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionFailure | undefined;
  const { t } = useTranslation("participation");
  const lang = useLang();
  const labels: TargetLabels = {
    lines: Object.fromEntries(d.hearing.tariffLines.map((l) => [l.id, l.label])),
    sections: Object.fromEntries(d.hearing.sections.map((s) => [s.id, s.label])),
  };
  const closed = d.hearing.state === "closed";
  return (
    <section className="participation" aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t("title")}</h2>
      <p className="participation-counts">
        {t("counts.comments", { count: d.counts.total })} ·{" "}
        {t("counts.votesCast", { count: d.votesCast })}
        {d.counts.hidden > 0 ? <> · {t("counts.hidden", { count: d.counts.hidden })}</> : null}
      </p>
      {d.hearing.locked ? <Alert tone="info">{t("errors.locked")}</Alert> : null}
      {d.reported ? <Alert tone="success">{t("comment.reported")}</Alert> : null}
      {d.viewer?.isOfficial ? (
        <p>
          <Link to={`/${lang}/office/hearings/${d.hearing.id}/comments`}>
            {t("office.queueLink")}
          </Link>{" "}
          ·{" "}
          <Link to={`/${lang}/office/hearings/${d.hearing.id}/meeting`}>
            {t("office.meetingLink")}
          </Link>
        </p>
      ) : null}

      {closed && d.results ? <Results d={d} /> : null}

      <VoteSection d={d} a={a} />

      <CommentFormSection d={d} a={a} />

      <section aria-labelledby="comments-heading" id="comments">
        <h3 id="comments-heading">{t("comments.title")}</h3>
        <Filters d={d} />
        {d.comments.items.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
        <ol className="comment-list plain-list">
          {d.comments.items.map((c) => (
            <li key={c.id}>
              <CommentCard c={c} d={d} a={a} labels={labels} />
              {c.replies.length > 0 ? (
                <ol className="comment-replies plain-list" aria-label={t("comments.replies")}>
                  {c.replies.map((r) => (
                    <li key={r.id}>
                      <CommentCard c={r} d={d} a={a} labels={labels} />
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
        {d.comments.nextCursor ? (
          <p>
            <Link
              to={`?${new URLSearchParams({
                ...(d.filters.stance ? { stance: d.filters.stance } : {}),
                ...(d.filters.target ? { target: d.filters.target } : {}),
                ...(d.filters.unanswered ? { unanswered: "1" } : {}),
                cursor: d.comments.nextCursor,
              }).toString()}#comments`}
              className="btn btn-secondary"
            >
              {t("comments.more")}
            </Link>
          </p>
        ) : null}
      </section>
    </section>
  );
}

/** For a signed-out visitor, the way to sign in and come back to this part of the page. */
function SignInLink({ d, anchor }: { d: LoaderData; anchor: string }) {
  const { t } = useTranslation("common");
  const lang = useLang();
  if (d.viewer) return null;
  const back = `/${lang}/hearings/${d.hearing.id}#${anchor}`;
  return (
    <Link to={`/${lang}/login?redirectTo=${encodeURIComponent(back)}`}>{t("layout.signIn")}</Link>
  );
}

function VoteSection({ d, a }: { d: LoaderData; a: ActionFailure | undefined }) {
  const { t } = useTranslation("participation");
  if (d.hearing.questions.length === 0) return null;
  const refusal = d.viewer ? d.viewer.voteRefusal : d.anonymousRefusals.vote;
  const closed = d.hearing.state === "closed";
  return (
    <section aria-labelledby="vote-heading" id="vote">
      <h3 id="vote-heading">{t("vote.title")}</h3>
      {refusal && !closed ? (
        <p className="muted">
          {t(refusal)} <SignInLink d={d} anchor="vote" />
        </p>
      ) : null}
      {d.hearing.questions.map((q) => {
        const current = d.myVotes[q.id] as "for" | "against" | "abstain" | undefined;
        const errs = errorsFor(a, "vote", undefined, q.id) as Record<string, string[]> | null;
        return (
          <div key={q.id} className="vote-question card">
            {refusal ? (
              <p>
                <strong>{q.title}</strong>
              </p>
            ) : (
              <Form method="post" className="vote-form">
                <input type="hidden" name="intent" value="vote" />
                <input type="hidden" name="questionId" value={q.id} />
                <fieldset
                  aria-describedby={errs ? `vote-${q.id}-error` : undefined}
                  aria-invalid={errs ? true : undefined}
                >
                  <legend>{q.title}</legend>
                  {(["for", "against", "abstain"] as const).map((c) => (
                    <label key={c} className="check">
                      <input
                        type="radio"
                        name="choice"
                        value={c}
                        defaultChecked={current === c}
                        required
                      />{" "}
                      {t(`choice.${c}`)}
                    </label>
                  ))}
                </fieldset>
                {errs ? (
                  <p id={`vote-${q.id}-error`} className="field-error" role="alert">
                    {Object.values(errs).flat().join(" ")}
                  </p>
                ) : null}
                <Button>{current ? t("vote.change") : t("vote.submit")}</Button>
              </Form>
            )}
            {current ? (
              <p className="vote-current" data-testid={`my-vote-${q.id}`}>
                {t("vote.yours", { choice: t(`choice.${current}`) })}
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

function CommentFormSection({ d, a }: { d: LoaderData; a: ActionFailure | undefined }) {
  const { t } = useTranslation("participation");
  const refusal = d.viewer ? d.viewer.commentRefusal : d.anonymousRefusals.comment;
  const errs = errorsFor(a, "comment") as Record<string, string[]> | null;
  const v = a?.intent === "comment" ? a.values : {};
  // a refusal from the server (e.g. the period ended meanwhile) keeps the typed text
  if (refusal && !errs) {
    return (
      <section aria-labelledby="comment-form-heading" id="comment-form">
        <h3 id="comment-form-heading">{t("commentForm.title")}</h3>
        <p className="muted">
          {t(refusal)} <SignInLink d={d} anchor="comment-form" />
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="comment-form-heading" id="comment-form">
      <h3 id="comment-form-heading">{t("commentForm.title")}</h3>
      {errs?._form ? <Alert tone="error">{errs._form.join(" ")}</Alert> : null}
      <Form method="post" className="comment-form">
        <input type="hidden" name="intent" value="comment" />
        <fieldset
          aria-describedby={errs?.stance ? "stance-error" : undefined}
          aria-invalid={errs?.stance ? true : undefined}
        >
          <legend>{t("commentForm.stance")}</legend>
          {(["for", "against", "neutral"] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="stance" value={s} defaultChecked={v.stance === s} />{" "}
              {t(`stance.${s}`)}
            </label>
          ))}
          {errs?.stance ? (
            <p id="stance-error" className="field-error" role="alert">
              {errs.stance.join(" ")}
            </p>
          ) : null}
        </fieldset>
        {d.hearing.tariffLines.length + d.hearing.sections.length > 0 ? (
          <SelectField
            label={t("commentForm.target")}
            name="target"
            defaultValue={v.target ?? ""}
            errors={errs?.target}
          >
            <TargetOptions
              lines={d.hearing.tariffLines}
              sections={d.hearing.sections}
              first={t("target.whole")}
            />
          </SelectField>
        ) : null}
        <TextareaField
          label={t("commentForm.body")}
          hint={t("commentForm.bodyHint")}
          name="body"
          rows={5}
          maxLength={5000}
          defaultValue={v.body ?? ""}
          errors={errs?.body}
        />
        <label className="check">
          <input type="checkbox" name="anonymous" defaultChecked={v.anonymous === "on"} />{" "}
          {t("commentForm.anonymous")}
        </label>
        <div className="form-actions">
          <Button>{t("commentForm.submit")}</Button>
        </div>
      </Form>
    </section>
  );
}

function Filters({ d }: { d: LoaderData }) {
  const { t } = useTranslation("participation");
  return (
    <Form method="get" className="comment-filters" preventScrollReset>
      <SelectField label={t("filters.stance")} name="stance" defaultValue={d.filters.stance ?? ""}>
        <option value="">{t("filters.all")}</option>
        {(["for", "against", "neutral"] as const).map((s) => (
          <option key={s} value={s}>
            {t(`stance.${s}`)} ({d.counts.byStance[s]})
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
        <input type="checkbox" name="unanswered" value="1" defaultChecked={d.filters.unanswered} />{" "}
        {t("filters.unanswered")}
      </label>
      <Button variant="secondary">{t("filters.apply")}</Button>
    </Form>
  );
}

function CommentCard({
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
  const canAct = !!d.viewer && !d.hearing.locked;
  const replyErrs = errorsFor(a, "reply", undefined, c.id) as Record<string, string[]> | null;
  const editErrs = errorsFor(a, "edit", undefined, c.id) as Record<string, string[]> | null;
  const reportErrs = errorsFor(a, "report", undefined, c.id) as Record<string, string[]> | null;
  return (
    <article className="comment card" id={`comment-${c.id}`} data-comment-id={c.id}>
      <header>
        <CommentAuthor c={c} />
        <CommentMeta c={c} labels={labels} />
      </header>
      <CommentBody c={c} />
      <CommentAnswer c={c} />
      {canAct ? (
        <div className="comment-actions">
          {c.parentId === null && c.hiddenReason === null && !d.viewer?.commentRefusal ? (
            <details open={!!replyErrs}>
              <summary>{t("comment.reply")}</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="reply" />
                <input type="hidden" name="parentId" value={c.id} />
                {replyErrs?._form ? <Alert tone="error">{replyErrs._form.join(" ")}</Alert> : null}
                <TextareaField
                  label={t("comment.replyBody")}
                  name="body"
                  rows={3}
                  maxLength={5000}
                  defaultValue={replyErrs ? (a?.values.body ?? "") : ""}
                  errors={replyErrs?.body}
                />
                <label className="check">
                  <input type="checkbox" name="anonymous" /> {t("commentForm.anonymous")}
                </label>
                <Button variant="secondary">{t("comment.sendReply")}</Button>
              </Form>
            </details>
          ) : null}
          {c.editable ? (
            <details open={!!editErrs}>
              <summary>{t("comment.edit")}</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="edit" />
                <input type="hidden" name="commentId" value={c.id} />
                {editErrs?._form ? <Alert tone="error">{editErrs._form.join(" ")}</Alert> : null}
                <TextareaField
                  label={t("comment.editBody")}
                  name="body"
                  rows={4}
                  maxLength={5000}
                  defaultValue={editErrs ? (a?.values.body ?? "") : (c.text ?? "")}
                  errors={editErrs?.body}
                />
                <Button variant="secondary">{t("comment.save")}</Button>
              </Form>
            </details>
          ) : null}
          {!c.mine && c.text !== null ? (
            <details open={!!reportErrs}>
              <summary>{t("comment.report")}</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="report" />
                <input type="hidden" name="commentId" value={c.id} />
                <TextareaField
                  label={t("comment.reportReason")}
                  name="reason"
                  rows={2}
                  maxLength={500}
                  defaultValue={reportErrs ? (a?.values.reason ?? "") : ""}
                  errors={reportErrs?.reason ?? reportErrs?._form}
                />
                <Button variant="danger">{t("comment.sendReport")}</Button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function Results({ d }: { d: LoaderData }) {
  const { t } = useTranslation("participation");
  if (!d.results || !d.figures) return null;
  const f = d.figures;
  return (
    <section aria-labelledby="results-heading" id="results">
      <h3 id="results-heading">{t("results.title")}</h3>
      {d.results.map((r) => (
        <div key={r.id} className="result-question">
          <h4>{d.hearing.questions.find((q) => q.id === r.id)?.title}</h4>
          <ResultChart r={r} />
          <ResultTable r={r} />
        </div>
      ))}
      <h4>{t("results.figures")}</h4>
      <ul>
        <li>
          <strong>{t("results.participantsTotal", { count: f.participants.total })}</strong>
        </li>
        <li>{t("results.participantsOnline", { count: f.participants.online })}</li>
        <li>{t("results.participantsInPerson", { count: f.participants.inPerson })}</li>
        <li>
          {t("results.commentsByStance", {
            for: f.comments.byStance.for,
            against: f.comments.byStance.against,
            neutral: f.comments.byStance.neutral,
          })}
        </li>
        <li>
          {t("results.commentsBySource", {
            online: f.comments.bySource.online,
            inPerson: f.comments.bySource.in_person,
          })}
        </li>
      </ul>
      {f.byVillage.length > 0 ? (
        <ul className="inline-list" aria-label={t("results.byVillage")}>
          {f.byVillage.map((v) => (
            <li key={v.village || "-"}>
              {v.village || t("results.villageUnknown")}: {v.comments}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
