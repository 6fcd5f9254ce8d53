/**
 * Older names of the participation routes' replies, kept while the hearing page is split into
 * module components: new code uses `~/modules/core/reply.server` directly.
 */
import type { FieldErrors, FormValues } from "../forms/validate.server";
import { invalidReply, type ActionRefusal } from "../core/reply.server";

export { attempt } from "../core/reply.server";

/** @deprecated use `ActionRefusal` / `ActionReply` from `~/modules/core/reply.server`. */
export type ActionFailure = ActionRefusal;

/** @deprecated use `invalidReply(errors, values, intent, status)`. */
export function failure(intent: string, errors: FieldErrors, values: FormValues, status = 400) {
  return invalidReply(errors, values, intent, status as 400);
}
