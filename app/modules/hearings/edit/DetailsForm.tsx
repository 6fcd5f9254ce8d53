/** The texts, initiator and schedule of a hearing (`intent=details`), both languages. */
import { useTranslation } from "react-i18next";
import { Button, Field, SelectField, TextareaField } from "~/components/ui";
import { toBishkekDateInput, toBishkekTimeInput } from "~/modules/format/time";
import type { EditView } from "../edit.server";
import { InitiatorKindField } from "./fields";
import { binder, EditForm, EditPage, useEditReply, type Dict } from "./reply";

/** The hearing as the details form takes it back (dates and time in Asia/Bishkek). */
function detailsInput(h: EditView["hearing"]): Dict {
  const date = (v: string | null) => (v ? toBishkekDateInput(v) : "");
  return {
    titleKy: h.title_ky,
    titleRu: h.title_ru,
    summaryKy: h.summary_ky,
    summaryRu: h.summary_ru,
    bodyKy: h.body_ky,
    bodyRu: h.body_ru,
    authoritativeLang: h.authoritative_lang,
    initiatorKind: h.initiator_kind,
    initiatorNameKy: h.initiator_name_ky ?? "",
    initiatorNameRu: h.initiator_name_ru ?? "",
    noticeDate: date(h.notice_at),
    commentStartDate: date(h.comment_start_at),
    commentEndDate: date(h.comment_end_at),
    meetingDate: date(h.meeting_at),
    meetingTime: h.meeting_at ? toBishkekTimeInput(h.meeting_at) : "10:00",
    meetingPlaceKy: h.meeting_place_ky ?? "",
    meetingPlaceRu: h.meeting_place_ru ?? "",
  };
}

export function DetailsForm({ h }: { h: EditView["hearing"] }) {
  const { t } = useTranslation("office");
  const { errs, vals } = useEditReply();
  const f = binder(t, { ...detailsInput(h), ...vals("details") }, errs("details"));
  return (
    <EditPage id="details" title={t("edit.details")}>
      <EditForm intent="details" anchor="details-form">
        <Field {...f("titleKy")} lang="ky" />
        <Field {...f("titleRu")} lang="ru" />
        <TextareaField {...f("summaryKy")} lang="ky" rows={3} />
        <TextareaField {...f("summaryRu")} lang="ru" rows={3} />
        <TextareaField {...f("bodyKy")} lang="ky" rows={8} />
        <TextareaField {...f("bodyRu")} lang="ru" rows={8} />
        <SelectField {...f("authoritativeLang")}>
          <option value="ky">Кыргызча</option>
          <option value="ru">Русский</option>
        </SelectField>
        <InitiatorKindField {...f("initiatorKind")} />
        <Field {...f("initiatorNameKy")} />
        <Field {...f("initiatorNameRu")} />
        <p className="field-hint">
          {t("fields.scheduleHint", {
            notice: h.m_min_notice_days,
            comment: h.m_min_comment_days,
          })}
        </p>
        <Field type="date" {...f("noticeDate")} />
        <Field type="date" {...f("commentStartDate")} />
        <Field type="date" {...f("commentEndDate")} />
        <Field type="date" {...f("meetingDate")} />
        <Field type="time" {...f("meetingTime")} />
        <Field {...f("meetingPlaceKy")} />
        <Field {...f("meetingPlaceRu")} />
        <Button>{t("edit.save")}</Button>
      </EditForm>
    </EditPage>
  );
}
