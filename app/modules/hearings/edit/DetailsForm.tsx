/** The texts, initiator and schedule of a hearing (`intent=details`), both languages. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Field, SelectField, TextareaField } from "~/components/ui";
import { toBishkekDateInput, toBishkekTimeInput } from "~/modules/format/time";
import type { EditView } from "../edit.server";
import { EditPage, useEditReply } from "./reply";

export function DetailsForm({ h }: { h: EditView["hearing"] }) {
  const { t } = useTranslation("office");
  const { errs, vals, formError } = useEditReply();
  const dv = vals("details");
  const de = errs("details");
  const date = (v: string | null) => (v ? toBishkekDateInput(v) : "");
  return (
    <EditPage id="details" title={t("edit.details")}>
      {formError("details")}
      <Form method="post" className="stack-form">
        <input type="hidden" name="intent" value="details" />
        <Field
          label={t("fields.titleKy")}
          name="titleKy"
          lang="ky"
          defaultValue={dv.titleKy ?? h.title_ky}
          errors={de.titleKy}
        />
        <Field
          label={t("fields.titleRu")}
          name="titleRu"
          lang="ru"
          defaultValue={dv.titleRu ?? h.title_ru}
          errors={de.titleRu}
        />
        <TextareaField
          label={t("fields.summaryKy")}
          name="summaryKy"
          lang="ky"
          rows={3}
          defaultValue={dv.summaryKy ?? h.summary_ky}
          errors={de.summaryKy}
        />
        <TextareaField
          label={t("fields.summaryRu")}
          name="summaryRu"
          lang="ru"
          rows={3}
          defaultValue={dv.summaryRu ?? h.summary_ru}
          errors={de.summaryRu}
        />
        <TextareaField
          label={t("fields.bodyKy")}
          name="bodyKy"
          lang="ky"
          rows={8}
          defaultValue={dv.bodyKy ?? h.body_ky}
          errors={de.bodyKy}
        />
        <TextareaField
          label={t("fields.bodyRu")}
          name="bodyRu"
          lang="ru"
          rows={8}
          defaultValue={dv.bodyRu ?? h.body_ru}
          errors={de.bodyRu}
        />
        <SelectField
          label={t("fields.authoritativeLang")}
          name="authoritativeLang"
          defaultValue={dv.authoritativeLang ?? h.authoritative_lang}
        >
          <option value="ky">Кыргызча</option>
          <option value="ru">Русский</option>
        </SelectField>
        <SelectField
          label={t("fields.initiatorKind")}
          name="initiatorKind"
          defaultValue={dv.initiatorKind ?? h.initiator_kind}
        >
          <option value="okmotu">{t("fields.initiatorOkmotu")}</option>
          <option value="enterprise">{t("fields.initiatorEnterprise")}</option>
        </SelectField>
        <Field
          label={t("fields.initiatorNameKy")}
          name="initiatorNameKy"
          defaultValue={dv.initiatorNameKy ?? h.initiator_name_ky ?? ""}
          errors={de.initiatorNameKy}
        />
        <Field
          label={t("fields.initiatorNameRu")}
          name="initiatorNameRu"
          defaultValue={dv.initiatorNameRu ?? h.initiator_name_ru ?? ""}
          errors={de.initiatorNameRu}
        />
        <p className="field-hint">
          {t("fields.scheduleHint", {
            notice: h.m_min_notice_days,
            comment: h.m_min_comment_days,
          })}
        </p>
        <Field
          type="date"
          label={t("fields.noticeDate")}
          name="noticeDate"
          defaultValue={dv.noticeDate ?? date(h.notice_at)}
          errors={de.noticeDate}
        />
        <Field
          type="date"
          label={t("fields.commentStartDate")}
          name="commentStartDate"
          defaultValue={dv.commentStartDate ?? date(h.comment_start_at)}
          errors={de.commentStartDate}
        />
        <Field
          type="date"
          label={t("fields.commentEndDate")}
          name="commentEndDate"
          defaultValue={dv.commentEndDate ?? date(h.comment_end_at)}
          errors={de.commentEndDate}
        />
        <Field
          type="date"
          label={t("fields.meetingDate")}
          name="meetingDate"
          defaultValue={dv.meetingDate ?? date(h.meeting_at)}
          errors={de.meetingDate}
        />
        <Field
          type="time"
          label={t("fields.meetingTime")}
          name="meetingTime"
          defaultValue={
            dv.meetingTime ?? (h.meeting_at ? toBishkekTimeInput(h.meeting_at) : "10:00")
          }
          errors={de.meetingTime}
        />
        <Field
          label={t("fields.meetingPlaceKy")}
          name="meetingPlaceKy"
          defaultValue={dv.meetingPlaceKy ?? h.meeting_place_ky ?? ""}
          errors={de.meetingPlaceKy}
        />
        <Field
          label={t("fields.meetingPlaceRu")}
          name="meetingPlaceRu"
          defaultValue={dv.meetingPlaceRu ?? h.meeting_place_ru ?? ""}
          errors={de.meetingPlaceRu}
        />
        <Button>{t("edit.save")}</Button>
      </Form>
    </EditPage>
  );
}
