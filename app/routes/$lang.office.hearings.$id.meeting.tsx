/**
 * Officials: the in-person meeting of one hearing — attendance, speakers (stored as comments with
 * source "in_person", the speaker's name and who entered them) and the show-of-hands tally.
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
import {
  AttendanceSection,
  SpeakersSection,
  TalliesSection,
} from "~/modules/participation/MeetingRecord";
import { listVillages } from "~/modules/places/queries.server";
import { attempt, failure, type ActionFailure } from "~/modules/participation/respond.server";
import { attendanceForm, speakerForm, tallyForm } from "~/modules/participation/schemas";
import { readForm } from "~/modules/forms/read.server";
import { idParam } from "~/modules/http/params.server";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "participation:office.meetingTitle");

async function load(params: { lang?: string; id?: string }, request: Request) {
  const lang = requireLang(params);
  const db = await getDb();
  const { user, hearing } = await requireHearing(
    request,
    db,
    idParam(request, params, "id"),
    "meeting.record",
  );
  // drafts have no participation: their pages do not exist yet
  const h = await getHearingContext(db, hearing.id);
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
  const form = await readForm(request);
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
        {
          attendance: p.data.attendance,
          heldAt: p.data.heldAt,
          heldReason: p.data.heldReason,
          notes: p.data.notes,
        },
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
          lang,
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
  const locked = d.hearing.locked;
  return (
    <>
      <p>
        <Link to={`/${lang}/hearings/${d.hearing.id}`}>{t("office.back")}</Link>
      </p>
      <h1>{t("office.meetingTitle")}</h1>
      <p className="muted">{d.hearing.title}</p>
      {locked ? <Alert tone="info">{t("errors.locked")}</Alert> : null}
      <AttendanceSection meeting={d.meeting} locked={locked} reply={a} />
      <SpeakersSection
        speakers={d.speakers}
        villages={d.villages}
        targets={d.hearing}
        locked={locked}
        reply={a}
      />
      <TalliesSection
        questions={d.hearing.questions}
        meeting={d.meeting}
        locked={locked}
        reply={a}
      />
    </>
  );
}
