/** The hearing's documents: the list with download links, remove, and the upload form. */
import { useTranslation } from "react-i18next";
import { Button, Field } from "~/components/ui";
import type { EditView } from "../edit.server";
import { EditForm, EditPage, RemoveForm, useEditReply } from "./reply";

export function DocumentsEditor({
  id,
  documents,
  editable,
  maxMb,
}: Pick<EditView, "documents" | "editable"> & {
  /** the hearing id */
  id: number;
  /** the upload limit in MiB, for the field's label */
  maxMb: number;
}) {
  const { t, i18n } = useTranslation("office");
  const { errs, vals, formError } = useEditReply();
  return (
    <EditPage id="documents" title={t("edit.documents")}>
      {formError("removeDoc", {
        field: "docId",
        ids: editable ? documents.map((d) => d.id) : [],
      })}
      <ul className="plain-list">
        {documents.map((d) => (
          <li key={d.id}>
            <a href={`/${i18n.language}/hearings/${id}/documents/${d.id}`}>{d.name}</a>{" "}
            {editable ? <RemoveForm intent="removeDoc" field="docId" id={d.id} inline /> : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <EditForm intent="upload" anchor="upload" encType="multipart/form-data">
          <Field
            type="file"
            label={t("fields.file", { max: maxMb })}
            name="file"
            accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
            errors={errs("upload").file}
          />
          <Field label={t("fields.fileTitle")} name="title" defaultValue={vals("upload").title} />
          <Button variant="secondary">{t("edit.upload")}</Button>
        </EditForm>
      ) : null}
    </EditPage>
  );
}
