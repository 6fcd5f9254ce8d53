/**
 * The questions put to the vote (at least one stays). After announcement adding or removing one is
 * an amendment (ADR 0050): the forms ask for its reason; a removed question's votes are set aside.
 */
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/ui";
import { formatAmount } from "~/modules/format/format";
import type { EditView } from "../edit.server";
import { AddForm, AmendReasonField, binder, EditPage, RemoveForm, useEditReply } from "./reply";

export function QuestionsEditor({
  questions,
  lines,
  state,
}: Pick<EditView, "questions" | "lines" | "state">) {
  const { t } = useTranslation("office");
  const { formError } = useEditReply();
  const editable = state !== "closed" && state !== "cancelled";
  const amend = state !== "draft";
  return (
    <EditPage id="questions" title={t("edit.questions")}>
      {formError("removeQuestion", {
        field: "questionId",
        ids: editable && questions.length > 1 ? questions.map((q) => q.id) : [],
      })}
      <ol>
        {questions.map((q) => (
          <li key={q.id}>
            {q.title_ky} / {q.title_ru}{" "}
            {editable && questions.length > 1 ? (
              <RemoveForm
                intent="removeQuestion"
                field="questionId"
                id={q.id}
                inline
                amend={amend}
              />
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <AddForm intent="addQuestion" label={t("edit.addQuestion")}>
          {(v, e) => (
            <>
              <Field {...binder(t, v, e)("titleKy")} label={t("fields.questionKy")} />
              <Field {...binder(t, v, e)("titleRu")} label={t("fields.questionRu")} />
              {lines.length ? (
                <SelectField
                  label={t("edit.lines")}
                  name="tariffLineId"
                  defaultValue={v.tariffLineId ?? ""}
                >
                  <option value="">—</option>
                  {lines.map((l) => (
                    <option key={l.id} value={l.id}>
                      {t(`hearings:service.${l.service}`)}, {t(`hearings:category.${l.category}`)}:{" "}
                      {formatAmount(l.proposed_price)}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              {amend ? <AmendReasonField v={v} e={e} /> : null}
            </>
          )}
        </AddForm>
      ) : null}
    </EditPage>
  );
}
