/**
 * Officials: the in-person meeting of one hearing — attendance, speakers (stored as comments with
 * source "in_person", the speaker's name and who entered them) and the show-of-hands tally.
 */
import { TargetOptions } from "~/modules/participation/components";
import { lineLabel } from "~/modules/hearings/labels.server";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, SelectField, TextareaField } from "~/components/ui";
import { clientIp } from "~/modules/audit/audit.server";
import { getDb } from "~/modules/core/db.server";
import { formatDateTime } from "~/modules/format/format";
import { bishkekParts } from "~/modules/format/time";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";
import { addSpeaker, recordAttendance, recordTally } from "~/modules/participation/commands.server";
import { requireHearing } from "~/modules/hearings/guards.server";
import { notFound } from "~/modules/core/reply.server";
import { getHearingContext, isLocked } from "~/modules/participation/context.server";
import { getMeeting, listSpeakers } from "~/modules/participation/queries.server";
import { listVillages } from "~/modules/places/queries.server";
import { attempt, failure, type ActionFailure } from "~/modules/participation/respond.server";
import { attendanceForm, speakerForm, tallyForm } from "~/modules/participation/schemas";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "participation:office.meetingTitle");

async function load(params: { lang?: string; id?: string }, request: Request) {
  const lang = requireLang(params);
  const db = await getDb();
  const { user } = await requireHearing(request, db, params.id, "meeting.record");
  // drafts have no participation: their pages do not exist yet
  const h = await getHearingContext(db, Number(params.id));
  if (!h) throw notFound(lang);
  return { lang, db, h, user };
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { lang, db, h } = await load(params, request);
  const [meeting, speakers, villages] = await Promise.all([
    getMeeting(db, h.id),
    listSpeakers(db, h.id, lang),
    listVillages(db, h.municipalityId, lang),
  ]);
  const held = meeting.heldAt ? bishkekParts(meeting.heldAt) : null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    hearing: {
      id: h.id,
      title: h.title[lang],
      locked: isLocked(h),
      questions: h.questions.map((q) => ({ id: q.id, title: q.title[lang] })),
      tariffLines: h.tariffLines.map((l) => ({ id: l.id, label: lineLabel(l, lang) })),
      sections: h.sections.map((s) => ({ id: s.id, label: s.name[lang] })),
    },
    meeting: {
      ...meeting,
      heldDate: held ? `${held.year}-${pad(held.month)}-${pad(held.day)}` : "",
      heldTime: held ? `${pad(held.hour)}:${pad(held.minute)}` : "",
    },
    speakers,
    villages,
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { lang, db, h, user } = await load(params, request);
  const t = tFor(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request, context as { ip?: string });
  const base = `/${lang}/office/hearings/${h.id}/meeting`;
  if (intent === "attendance") {
    const p = parseForm(form, attendanceForm, t);
    if (!p.ok) return failure(intent, p.errors, p.values);
    const r = await attempt(lang, intent, p.values, () =>
      recordAttendance(
        db,
        user,
        h.id,
        { attendance: p.data.attendance, heldAt: p.data.heldAt, notes: p.data.notes },
        ip,
      ),
    );
    return r.ok ? redirect(`${base}#attendance`) : r.response;
  }
  if (intent === "speaker") {
    const p = parseForm(form, speakerForm, t);
    if (!p.ok) return failure(intent, p.errors, p.values);
    const r = await attempt(lang, intent, p.values, () =>
      addSpeaker(
        db,
        user,
        h.id,
        {
          speakerName: p.data.speakerName,
          villageId: p.data.villageId,
          stance: p.data.stance,
          body: p.data.body,
          ...p.data.target,
        },
        ip,
      ),
    );
    return r.ok ? redirect(`${base}#speaker-${r.value}`) : r.response;
  }
  if (intent === "tally") {
    const p = parseForm(form, tallyForm, t);
    if (!p.ok) return failure(intent, p.errors, p.values);
    const r = await attempt(lang, intent, p.values, () =>
      recordTally(
        db,
        user,
        h.id,
        p.data.questionId,
        { for: p.data.for, against: p.data.against, abstain: p.data.abstain },
        ip,
      ),
    );
    return r.ok ? redirect(`${base}#tally-${p.data.questionId}`) : r.response;
  }
  return failure(intent, { _form: [t("common:errors.invalidForm")] }, {});
}

export default function OfficeMeeting() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionFailure | undefined;
  const { t } = useTranslation("participation");
  const lang = useLang();
  const errs = (intent: string, questionId?: number) =>
    a &&
    a.intent === intent &&
    (questionId === undefined || a.values.questionId === String(questionId))
      ? a.errors
      : null;
  const vals = (intent: string) => (a && a.intent === intent ? a.values : {});
  const locked = d.hearing.locked;
  const att = errs("attendance");
  const sp = errs("speaker");
  return (
    <>
      <p>
        <Link to={`/${lang}/hearings/${d.hearing.id}`}>{t("office.back")}</Link>
      </p>
      <h1>{t("office.meetingTitle")}</h1>
      <p className="muted">{d.hearing.title}</p>
      {locked ? <Alert tone="info">{t("errors.locked")}</Alert> : null}

      <section aria-labelledby="attendance-heading" id="attendance">
        <h2 id="attendance-heading">{t("office.attendanceTitle")}</h2>
        {d.meeting.enteredBy && d.meeting.updatedAt ? (
          <p className="muted">
            {t("office.enteredBy", {
              name: d.meeting.enteredBy,
              at: formatDateTime(d.meeting.updatedAt, lang),
            })}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="attendance" />
          {att?._form ? <Alert tone="error">{att._form.join(" ")}</Alert> : null}
          <Field
            label={t("office.attendance")}
            name="attendance"
            inputMode="numeric"
            defaultValue={vals("attendance").attendance ?? String(d.meeting.attendance)}
            errors={att?.attendance}
            disabled={locked}
          />
          <div className="grid-2">
            <Field
              label={t("office.heldDate")}
              type="date"
              name="heldDate"
              defaultValue={vals("attendance").heldDate ?? d.meeting.heldDate}
              errors={att?.heldDate}
              disabled={locked}
            />
            <Field
              label={t("office.heldTime")}
              type="time"
              name="heldTime"
              defaultValue={vals("attendance").heldTime ?? d.meeting.heldTime}
              errors={att?.heldTime}
              disabled={locked}
            />
          </div>
          <TextareaField
            label={t("office.notes")}
            name="notes"
            rows={2}
            defaultValue={vals("attendance").notes ?? d.meeting.notes ?? ""}
            errors={att?.notes}
            disabled={locked}
          />
          {locked ? null : <Button>{t("office.saveAttendance")}</Button>}
        </Form>
      </section>

      <section aria-labelledby="speakers-heading" id="speakers">
        <h2 id="speakers-heading">{t("office.speakers")}</h2>
        {d.speakers.length === 0 ? <p className="muted">{t("office.noSpeakers")}</p> : null}
        <ol className="plain-list">
          {d.speakers.map((s) => (
            <li key={s.id} id={`speaker-${s.id}`} className="card">
              <p>
                <strong>{s.speakerName}</strong>
                {s.village ? <span className="muted"> · {s.village}</span> : null}{" "}
                <span className={`tag stance-${s.stance}`}>{t(`stance.${s.stance}`)}</span>
              </p>
              <p className="pre-line">{s.text}</p>
              <p className="muted">
                {t("office.enteredBy", {
                  name: s.enteredBy,
                  at: formatDateTime(s.createdAt, lang),
                })}
              </p>
            </li>
          ))}
        </ol>
        {locked ? null : (
          <Form method="post" className="speaker-form">
            <input type="hidden" name="intent" value="speaker" />
            {sp?._form ? <Alert tone="error">{sp._form.join(" ")}</Alert> : null}
            <Field
              label={t("office.speakerName")}
              name="speakerName"
              defaultValue={vals("speaker").speakerName ?? ""}
              errors={sp?.speakerName}
            />
            <SelectField
              label={t("office.speakerVillage")}
              name="villageId"
              defaultValue={vals("speaker").villageId ?? ""}
              errors={sp?.villageId}
            >
              <option value="">{t("office.villageNone")}</option>
              {d.villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("commentForm.stance")}
              name="stance"
              defaultValue={vals("speaker").stance ?? "neutral"}
              errors={sp?.stance}
            >
              {(["for", "against", "neutral"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`stance.${s}`)}
                </option>
              ))}
            </SelectField>
            {d.hearing.tariffLines.length + d.hearing.sections.length > 0 ? (
              <SelectField
                label={t("commentForm.target")}
                name="target"
                defaultValue={vals("speaker").target ?? ""}
                errors={sp?.target}
              >
                <TargetOptions
                  lines={d.hearing.tariffLines}
                  sections={d.hearing.sections}
                  first={t("target.whole")}
                />
              </SelectField>
            ) : null}
            <TextareaField
              label={t("office.speakerSaid")}
              name="body"
              rows={4}
              maxLength={5000}
              defaultValue={vals("speaker").body ?? ""}
              errors={sp?.body}
            />
            <Button>{t("office.addSpeaker")}</Button>
          </Form>
        )}
      </section>

      <section aria-labelledby="tallies-heading" id="tallies">
        <h2 id="tallies-heading">{t("office.tallies")}</h2>
        {d.hearing.questions.map((q) => {
          const e = errs("tally", q.id);
          const v = e ? (a?.values ?? {}) : {};
          const cur = d.meeting.tallies[q.id];
          return (
            <Form method="post" key={q.id} id={`tally-${q.id}`} className="card tally-form">
              <input type="hidden" name="intent" value="tally" />
              <input type="hidden" name="questionId" value={q.id} />
              <h3>{q.title}</h3>
              {e?._form ? <Alert tone="error">{e._form.join(" ")}</Alert> : null}
              <div className="tally-fields">
                {(["for", "against", "abstain"] as const).map((c) => (
                  <Field
                    key={c}
                    label={t(`choice.${c}`)}
                    name={c}
                    inputMode="numeric"
                    defaultValue={v[c] ?? String(cur?.[c] ?? 0)}
                    errors={e?.[c]}
                    disabled={locked}
                  />
                ))}
              </div>
              {cur ? (
                <p className="muted">{t("office.enteredByOnly", { name: cur.enteredBy })}</p>
              ) : null}
              {locked ? null : <Button>{t("office.saveTally")}</Button>}
            </Form>
          );
        })}
      </section>
    </>
  );
}
