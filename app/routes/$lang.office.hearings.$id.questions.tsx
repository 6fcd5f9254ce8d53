/** An official sets the questions put to the vote (while the hearing is a draft). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { addQuestion, removeQuestion } from "~/modules/hearings/commands.server";
import { QuestionsEditor } from "~/modules/hearings/edit/QuestionsEditor";
import { idField, intent, loadForEdit, runEditAction } from "~/modules/hearings/edit.server";
import { amendReasonSchema, questionSchema } from "~/modules/hearings/schemas";

export async function loader(args: LoaderFunctionArgs) {
  const { view } = await loadForEdit(args);
  return { questions: view.questions, lines: view.lines, state: view.state };
}

export const action = (args: ActionFunctionArgs) =>
  runEditAction(args, {
    addQuestion: intent({
      schema: questionSchema,
      run: (c) =>
        addQuestion(c.db, c.user, c.id, { ...c.data, tariffLineId: c.data.tariffLineId ?? null }),
    }),
    removeQuestion: intent({
      schema: amendReasonSchema,
      run: (c) =>
        removeQuestion(c.db, c.user, c.id, idField(c.form, "questionId"), c.data.amendReason),
    }),
  });

export default function OfficeHearingQuestions() {
  return <QuestionsEditor {...useLoaderData<typeof loader>()} />;
}
