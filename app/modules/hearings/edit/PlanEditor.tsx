/** The sections and projects of a development-plan hearing: each section as a card, add forms. */
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/ui";
import { formatMoney } from "~/modules/format/format";
import type { EditView } from "../edit.server";
import { amountInput, ProjectFields } from "./fields";
import {
  AddForm,
  binder,
  EditPage,
  EditRow,
  AmendReasonField,
  RemoveForm,
  useEditReply,
  type Dict,
  type Errs,
} from "./reply";

type PlanSection = EditView["sections"][number];
type Project = PlanSection["projects"][number];

/** A project as its edit form takes it back. */
function projectInput(p: Project) {
  return {
    titleKy: p.title_ky,
    titleRu: p.title_ru,
    budget: amountInput(p.budget),
    yearFrom: String(p.year_from),
    yearTo: String(p.year_to),
    fundingSource: p.funding_source,
    descriptionKy: p.description_ky,
    descriptionRu: p.description_ru,
  };
}

function SectionFields({ v, e, amend }: { v: Dict; e: Errs; amend?: boolean }) {
  const { t } = useTranslation("office");
  const f = binder(t, v, e);
  return (
    <>
      <Field {...f("nameKy")} label={t("fields.sectionNameKy")} />
      <Field {...f("nameRu")} label={t("fields.sectionNameRu")} />
      {amend ? <AmendReasonField v={v} e={e} /> : null}
    </>
  );
}

function SectionCard({
  s,
  editable,
  amend,
}: {
  s: PlanSection;
  editable: boolean;
  amend: boolean;
}) {
  const { t, i18n } = useTranslation("office");
  const ky = i18n.language === "ky";
  return (
    <div className="card">
      <h2>
        {s.name_ky} / {s.name_ru}
      </h2>
      <ul className="plain-list">
        {s.projects.map((p) => (
          <li key={p.id}>
            {p.title_ky} — {formatMoney(p.budget)} ({p.year_from}–{p.year_to}){" "}
            {editable ? (
              <RemoveForm
                intent="removeProject"
                field="projectId"
                id={p.id}
                inline={!amend}
                amend={amend}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <>
          <EditRow
            intent="updateSection"
            field="sectionId"
            id={s.id}
            summary={`${t("edit.editSection")}: ${ky ? s.name_ky : s.name_ru}`}
            initial={{ nameKy: s.name_ky, nameRu: s.name_ru }}
          >
            {(v, e) => <SectionFields v={v} e={e} />}
          </EditRow>
          {s.projects.map((p) => (
            <EditRow
              key={p.id}
              intent="updateProject"
              field="projectId"
              id={p.id}
              summary={`${t("edit.editProject")}: ${ky ? p.title_ky : p.title_ru}`}
              initial={projectInput(p)}
            >
              {(v, e) => (
                <>
                  <ProjectFields v={v} e={e} />
                  {amend ? <AmendReasonField v={v} e={e} /> : null}
                </>
              )}
            </EditRow>
          ))}
          <RemoveForm intent="removeSection" field="sectionId" id={s.id} amend={amend} />
        </>
      ) : null}
    </div>
  );
}

export function PlanEditor({
  sections,
  editable,
  state,
}: Pick<EditView, "sections" | "editable" | "state">) {
  // announced: adding or removing a section or a project, or changing a project's budget, is an
  // amendment and asks for its reason (ADR 0050)
  const amend = state !== "draft";
  const { t, i18n } = useTranslation("office");
  const ky = i18n.language === "ky";
  const { formError } = useEditReply();
  return (
    <EditPage id="plan" title={t("edit.plan")}>
      {formError("removeSection", {
        field: "sectionId",
        ids: editable ? sections.map((s) => s.id) : [],
      })}
      {formError("removeProject", {
        field: "projectId",
        ids: editable ? sections.flatMap((s) => s.projects.map((p) => p.id)) : [],
      })}
      {sections.map((s) => (
        <SectionCard key={s.id} s={s} editable={editable} amend={amend} />
      ))}
      {editable ? (
        <AddForm intent="addSection" label={t("edit.addSection")}>
          {(v, e) => <SectionFields v={v} e={e} amend={amend} />}
        </AddForm>
      ) : null}
      {editable && sections.length ? (
        <AddForm intent="addProject" label={t("edit.addProject")}>
          {(v, e) => (
            <>
              <SelectField {...binder(t, v, e)("sectionId")} label={t("fields.section")}>
                {sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {ky ? s.name_ky : s.name_ru}
                  </option>
                ))}
              </SelectField>
              <ProjectFields v={v} e={e} />
              {amend ? <AmendReasonField v={v} e={e} /> : null}
            </>
          )}
        </AddForm>
      ) : null}
    </EditPage>
  );
}
