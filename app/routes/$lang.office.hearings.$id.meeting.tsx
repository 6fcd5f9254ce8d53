/**
 * Officials: the in-person meeting of one hearing — attendance, speakers (stored as comments with
 * source "in_person", the speaker's name and who entered them) and the show-of-hands tally.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { ActionRefusal } from "~/modules/core/reply.server";
import { bishkekParts } from "~/modules/format/time";
import { pageMeta } from "~/modules/i18n/meta";
import { addSpeaker, recordAttendance, recordTally } from "~/modules/participation/commands.server";
import { getMeeting, listSpeakers } from "~/modules/participation/queries.server";
import {
  AttendanceSection,
  SpeakersSection,
  TalliesSection,
} from "~/modules/participation/MeetingRecord";
import { OfficeHeader } from "~/modules/participation/OfficeHeader";
import {
  loadOfficeHearing,
  officeHearingView,
  officeIntent,
  runOfficeAction,
} from "~/modules/participation/office.server";
import { listVillages } from "~/modules/places/queries.server";
import { attendanceForm, speakerForm, tallyForm } from "~/modules/participation/schemas";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "participation:office.meetingTitle");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { lang, db, h } = await loadOfficeHearing(params, request, "meeting.record");
  const [meeting, speakers, villages] = await Promise.all([
    getMeeting(db, h.id),
    listSpeakers(db, h.id, lang),
    listVillages(db, h.municipalityId, lang),
  ]);
  const held = meeting.heldAt ? bishkekParts(meeting.heldAt) : null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    hearing: {
      ...officeHearingView(h, lang),
      questions: h.questions.map((q) => ({ id: q.id, title: q.title[lang] })),
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

const page = (c: { lang: string; h: { id: number } }, hash: string) =>
  `/${c.lang}/office/hearings/${c.h.id}/meeting#${hash}`;

export const action = (args: ActionFunctionArgs) =>
  runOfficeAction(args, "meeting.record", {
    attendance: officeIntent({
      schema: attendanceForm,
      run: ({ db, user, h, data, ip }) =>
        recordAttendance(
          db,
          user,
          h.id,
          {
            attendance: data.attendance,
            heldAt: data.heldAt,
            heldReason: data.heldReason,
            notes: data.notes,
          },
          ip,
        ),
      to: (c) => page(c, "attendance"),
    }),
    speaker: officeIntent({
      schema: speakerForm,
      run: ({ db, user, h, data, lang, ip }) =>
        addSpeaker(
          db,
          user,
          h.id,
          {
            speakerName: data.speakerName,
            villageId: data.villageId,
            stance: data.stance,
            body: data.body,
            lang,
            ...data.target,
          },
          ip,
        ),
      to: (c, id) => page(c, `speaker-${id}`),
    }),
    tally: officeIntent({
      schema: tallyForm,
      run: ({ db, user, h, data, ip }) =>
        recordTally(
          db,
          user,
          h.id,
          data.questionId,
          { for: data.for, against: data.against, abstain: data.abstain },
          ip,
        ),
      to: (c) => page(c, `tally-${c.data.questionId}`),
    }),
  });

export default function OfficeMeeting() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionRefusal | undefined;
  const locked = d.hearing.locked;
  return (
    <>
      <OfficeHeader hearing={d.hearing} titleKey="office.meetingTitle" />
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
