/**
 * An official's overview of one hearing: what is still missing before announcement, and the state
 * changes — announce, close the comment period early, cancel (each its own permission; the last
 * two behind a confirmation at the end of the page, `?confirm=close|cancel`). Whether each is
 * offered, and why not yet, is the hearings policy's answer (`stateActions`) in the view model —
 * the same the commands refuse with — so the page derives no rule itself.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  announceHearing,
  announceProblems,
  cancelHearing,
  closeHearing,
} from "~/modules/hearings/commands.server";
import { now } from "~/modules/core/clock.server";
import { hearingsDue } from "~/modules/hearings/dashboard.server";
import { StateActions, type Confirmable } from "~/modules/hearings/edit/StateActions";
import { intent, loadForEdit, runEditAction } from "~/modules/hearings/edit.server";
import { stateActions } from "~/modules/hearings/policy";
import { cancelSchema } from "~/modules/hearings/schemas";

/** `?confirm=close|cancel` asks for that confirmation; anything else asks for none. */
function confirmParam(v: string | null): Confirmable | null {
  return v === "close" || v === "cancel" ? v : null;
}

export async function loader(args: LoaderFunctionArgs) {
  const { db, user, view } = await loadForEdit(args);
  const h = view.hearing;
  const at = now();
  const actions = stateActions(
    user,
    {
      municipalityId: h.municipality_id,
      type: h.type,
      state: view.state,
      commentStartAt: h.comment_start_at,
      minCommentDays: Number(h.m_min_comment_days),
    },
    at,
  );
  return {
    id: h.id,
    state: view.state,
    actions,
    missing: actions.announce.refusal === null ? await announceProblems(db, h) : [],
    due: (await hearingsDue(db, [h.id], at.toISOString())).get(h.id) ?? null,
    confirm: confirmParam(new URL(args.request.url).searchParams.get("confirm")),
  };
}

export const action = (args: ActionFunctionArgs) =>
  runEditAction(args, {
    announce: intent({
      permission: "hearing.announce",
      run: (c) => announceHearing(c.db, c.user, c.id),
      done: "announced",
    }),
    close: intent({
      permission: "hearing.close",
      run: (c) => closeHearing(c.db, c.user, c.id, String(c.form.get("reason") ?? "") || null),
      done: "closed",
    }),
    cancel: intent({
      permission: "hearing.cancel",
      schema: cancelSchema,
      run: (c) => cancelHearing(c.db, c.user, c.id, c.data.reason),
      done: "cancelled",
    }),
  });

export default function OfficeHearingOverview() {
  const d = useLoaderData<typeof loader>();
  return <StateActions {...d} />;
}
