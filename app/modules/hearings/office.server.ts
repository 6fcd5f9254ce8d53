/**
 * Older names for the officials' hearing routes, kept while the office hearing page is split into
 * nested routes: use `requireHearing` (./guards.server) and the reply helpers of
 * `~/modules/core/reply.server` in new code.
 */
import type { DB } from "#db/connection";
import type { Action } from "../auth/permissions";
import type { FieldErrors, FormValues } from "../forms/validate.server";
import { requireHearing } from "./guards.server";

export { refusal } from "../core/reply.server";

/** @deprecated use `requireHearing(request, db, id, action)`. */
export async function requireHearingPermission(
  request: Request,
  db: DB,
  id: number,
  action: Action,
) {
  const { user, hearing } = await requireHearing(request, db, id, action);
  return { user, municipalityId: hearing.municipalityId };
}

/** @deprecated use `ActionReply` from `~/modules/core/reply.server`. */
export type ActionReply = {
  ok: boolean;
  intent?: string;
  errors?: FieldErrors;
  values?: FormValues;
  done?: string;
};
