/** An official adds, edits and removes the tariff lines of a tariff hearing. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  addTariffLine,
  removeTariffLine,
  updateTariffLine,
} from "~/modules/hearings/commands.server";
import { TariffLinesEditor } from "~/modules/hearings/edit/TariffLinesEditor";
import { idField, intent, loadForEdit, runEditAction } from "~/modules/hearings/edit.server";
import { amendReasonSchema, lineSchema } from "~/modules/hearings/schemas";

export async function loader(args: LoaderFunctionArgs) {
  const { view } = await loadForEdit(args, "lines");
  return { lines: view.lines, editable: view.editable, state: view.state };
}

export const action = (args: ActionFunctionArgs) =>
  runEditAction(args, {
    addLine: intent({
      schema: lineSchema,
      run: (c) => addTariffLine(c.db, c.user, c.id, c.data),
    }),
    updateLine: intent({
      schema: lineSchema,
      run: (c) => updateTariffLine(c.db, c.user, c.id, idField(c.form, "lineId"), c.data),
    }),
    removeLine: intent({
      schema: amendReasonSchema,
      run: (c) =>
        removeTariffLine(c.db, c.user, c.id, idField(c.form, "lineId"), c.data.amendReason),
    }),
  });

export default function OfficeHearingLines() {
  return <TariffLinesEditor {...useLoaderData<typeof loader>()} />;
}
