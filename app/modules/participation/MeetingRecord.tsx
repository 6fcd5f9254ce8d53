/**
 * The record of a hearing's in-person meeting, for officials: attendance (how many, when, notes),
 * the speakers (each stored as an in-person comment with who entered it) and the show-of-hands
 * tally per question. Read-only once the hearing is locked. Each form answers where it is (issue
 * 14): it posts to its own anchor, and a refused post opens there with an error summary whose links
 * go to the fields, and with what was typed.
 */
import { Form, useFormAction } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  Button,
  ErrorSummary,
  Field,
  FieldIdPrefix,
  SelectField,
  TextareaField,
  summaryItems,
} from "~/components/ui";
import { formatDateTime } from "~/modules/format/format";
import { useLang } from "~/modules/i18n/hooks";
import { TargetSelect, type Targets } from "./components";
import type { MeetingView } from "./queries.server";
import { errorsFor, type FormErrors } from "./reply";
import type { ActionFailure } from "./respond.server";

/**
 * A POST form of the meeting record at `anchor` (its id): posts to `#<anchor>` so a no-JS reply
 * opens at it; `errors` (the refusal of this form, or null) become the summary at its top, each
 * linking to `<anchor>-<field>`, the ids the fields get through {@link FieldIdPrefix}.
 */
function RecordForm({
  anchor,
  intent,
  errors,
  className,
  children,
}: {
  anchor: string;
  intent: string;
  errors: FormErrors | null;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("common");
  const action = useFormAction();
  const items = errors ? summaryItems(errors, anchor) : [];
  return (
    <Form noValidate method="post" action={`${action}#${anchor}`} id={anchor} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {items.length ? <ErrorSummary items={items} title={t("errors.summaryTitle")} /> : null}
      <FieldIdPrefix.Provider value={anchor}>{children}</FieldIdPrefix.Provider>
    </Form>
  );
}

/** The meeting as the attendance form shows it: held date and time split for the inputs. */
export type MeetingForm = MeetingView & { heldDate: string; heldTime: string };

export function AttendanceSection({
  meeting,
  locked,
  reply,
}: {
  meeting: MeetingForm;
  locked: boolean;
  reply: ActionFailure | undefined;
}) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  const att = errorsFor(reply, "attendance");
  const v: Record<string, string> = att && reply ? reply.values : {};
  return (
    <section aria-labelledby="attendance-heading" id="attendance">
      <h2 id="attendance-heading">{t("office.attendanceTitle")}</h2>
      {meeting.enteredBy && meeting.updatedAt ? (
        <p className="muted">
          {t("office.enteredBy", {
            name: meeting.enteredBy,
            at: formatDateTime(meeting.updatedAt, lang),
          })}
        </p>
      ) : null}
      <RecordForm anchor="attendance-form" intent="attendance" errors={att}>
        <Field
          label={t("office.attendance")}
          name="attendance"
          inputMode="numeric"
          defaultValue={v.attendance ?? String(meeting.attendance)}
          errors={att?.attendance}
          disabled={locked}
        />
        <div className="grid-2">
          <Field
            label={t("office.heldDate")}
            type="date"
            name="heldDate"
            defaultValue={v.heldDate ?? meeting.heldDate}
            errors={att?.heldDate}
            disabled={locked}
          />
          <Field
            label={t("office.heldTime")}
            type="time"
            name="heldTime"
            defaultValue={v.heldTime ?? meeting.heldTime}
            errors={att?.heldTime}
            disabled={locked}
          />
        </div>
        <TextareaField
          label={t("office.heldReason")}
          name="heldReason"
          rows={2}
          defaultValue={v.heldReason ?? meeting.heldReason ?? ""}
          errors={att?.heldReason}
          disabled={locked}
        />
        <TextareaField
          label={t("office.notes")}
          name="notes"
          rows={2}
          defaultValue={v.notes ?? meeting.notes ?? ""}
          errors={att?.notes}
          disabled={locked}
        />
        {locked ? null : <Button>{t("office.saveAttendance")}</Button>}
      </RecordForm>
    </section>
  );
}

/** One speaker as listed. */
export interface Speaker {
  id: number;
  speakerName: string | null;
  village: string | null;
  stance: string;
  text: string;
  enteredBy: string | null;
  createdAt: string;
}

export function SpeakersSection({
  speakers,
  villages,
  targets,
  locked,
  reply,
}: {
  speakers: Speaker[];
  villages: { id: number; name: string }[];
  targets: Targets;
  locked: boolean;
  reply: ActionFailure | undefined;
}) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  const sp = errorsFor(reply, "speaker");
  const v: Record<string, string> = sp && reply ? reply.values : {};
  return (
    <section aria-labelledby="speakers-heading" id="speakers">
      <h2 id="speakers-heading">{t("office.speakers")}</h2>
      {speakers.length === 0 ? <p className="muted">{t("office.noSpeakers")}</p> : null}
      <ol className="plain-list">
        {speakers.map((s) => (
          <li key={s.id} id={`speaker-${s.id}`} className="card">
            <p>
              <strong>
                <bdi>{s.speakerName}</bdi>
              </strong>
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
        <RecordForm anchor="speaker-form" intent="speaker" errors={sp} className="speaker-form">
          <Field
            label={t("office.speakerName")}
            name="speakerName"
            defaultValue={v.speakerName ?? ""}
            errors={sp?.speakerName}
          />
          <SelectField
            label={t("office.speakerVillage")}
            name="villageId"
            defaultValue={v.villageId ?? ""}
            errors={sp?.villageId}
          >
            <option value="">{t("office.villageNone")}</option>
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("office.speakerStance")}
            name="stance"
            defaultValue={v.stance ?? "neutral"}
            errors={sp?.stance}
          >
            {(["for", "against", "neutral"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`stance.${s}`)}
              </option>
            ))}
          </SelectField>
          <TargetSelect targets={targets} value={v.target} errors={sp?.target} />
          <TextareaField
            label={t("office.speakerSaid")}
            name="body"
            rows={4}
            maxLength={5000}
            defaultValue={v.body ?? ""}
            errors={sp?.body}
          />
          <Button>{t("office.addSpeaker")}</Button>
        </RecordForm>
      )}
    </section>
  );
}

export function TalliesSection({
  questions,
  meeting,
  locked,
  reply,
}: {
  questions: { id: number; title: string }[];
  meeting: MeetingView;
  locked: boolean;
  reply: ActionFailure | undefined;
}) {
  const { t } = useTranslation("participation");
  return (
    <section aria-labelledby="tallies-heading" id="tallies">
      <h2 id="tallies-heading">{t("office.tallies")}</h2>
      {questions.map((q) => {
        const e = errorsFor(reply, "tally", q.id);
        const v = e ? (reply?.values ?? {}) : {};
        const cur = meeting.tallies[q.id];
        return (
          <RecordForm
            key={q.id}
            anchor={`tally-${q.id}`}
            intent="tally"
            errors={e}
            className="card tally-form"
          >
            <input type="hidden" name="questionId" value={q.id} />
            <h3>{q.title}</h3>
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
          </RecordForm>
        );
      })}
    </section>
  );
}
