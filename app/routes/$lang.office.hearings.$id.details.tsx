/** An official edits a hearing's texts, initiator and schedule (the schedule rules: the command). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { updateDetails } from "~/modules/hearings/commands.server";
import { DetailsForm } from "~/modules/hearings/edit/DetailsForm";
import { intent, loadForEdit, runEditAction } from "~/modules/hearings/edit.server";
import { detailsSchema } from "~/modules/hearings/schemas";

export async function loader(args: LoaderFunctionArgs) {
  return { hearing: (await loadForEdit(args)).view.hearing };
}

export const action = (args: ActionFunctionArgs) =>
  runEditAction(args, {
    details: intent({
      schema: detailsSchema,
      run: ({ db, user, id, data: d }) =>
        updateDetails(db, user, id, {
          ...d,
          initiatorNameKy: d.initiatorNameKy || null,
          initiatorNameRu: d.initiatorNameRu || null,
          meetingPlaceKy: d.meetingPlaceKy || null,
          meetingPlaceRu: d.meetingPlaceRu || null,
        }),
    }),
  });

export default function OfficeHearingDetails() {
  return <DetailsForm h={useLoaderData<typeof loader>().hearing} />;
}
