/** An official adds, renames and removes the sections of a development plan, and their projects. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  addPlanProject,
  addPlanSection,
  removePlanProject,
  removePlanSection,
  updatePlanProject,
  updatePlanSection,
} from "~/modules/hearings/commands.server";
import { PlanEditor } from "~/modules/hearings/edit/PlanEditor";
import { idField, intent, loadForEdit, runEditAction } from "~/modules/hearings/edit.server";
import {
  amendReasonSchema,
  projectEditSchema,
  projectSchema,
  sectionSchema,
} from "~/modules/hearings/schemas";

export async function loader(args: LoaderFunctionArgs) {
  const { view } = await loadForEdit(args, "plan");
  return { sections: view.sections, editable: view.editable, state: view.state };
}

export const action = (args: ActionFunctionArgs) =>
  runEditAction(args, {
    addSection: intent({
      schema: sectionSchema,
      run: (c) => addPlanSection(c.db, c.user, c.id, c.data),
    }),
    updateSection: intent({
      schema: sectionSchema,
      run: (c) => updatePlanSection(c.db, c.user, c.id, idField(c.form, "sectionId"), c.data),
    }),
    removeSection: intent({
      schema: amendReasonSchema,
      run: (c) =>
        removePlanSection(c.db, c.user, c.id, idField(c.form, "sectionId"), c.data.amendReason),
    }),
    addProject: intent({
      schema: projectSchema,
      run: (c) => addPlanProject(c.db, c.user, c.id, c.data),
    }),
    updateProject: intent({
      schema: projectEditSchema,
      run: (c) => updatePlanProject(c.db, c.user, c.id, idField(c.form, "projectId"), c.data),
    }),
    removeProject: intent({
      schema: amendReasonSchema,
      run: (c) =>
        removePlanProject(c.db, c.user, c.id, idField(c.form, "projectId"), c.data.amendReason),
    }),
  });

export default function OfficeHearingPlan() {
  return <PlanEditor {...useLoaderData<typeof loader>()} />;
}
