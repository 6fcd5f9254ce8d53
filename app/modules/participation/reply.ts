/** Reading a refused participation post back into the form that sent it. */
import type { ActionFailure } from "./respond.server";

/** Messages by field name ("_form" for the whole form). */
export type FormErrors = Record<string, string[]>;

/**
 * The errors of the last post if it was `intent` — and, with `id`, only if it concerned that
 * comment or question (its commentId, parentId or questionId); null otherwise.
 */
/** The comment or question id a refused post concerned (its commentId, parentId or questionId). */
export function refusedId(a: ActionFailure | undefined): number | null {
  if (!a) return null;
  const ref = Number(a.values.commentId ?? a.values.parentId ?? a.values.questionId);
  return Number.isSafeInteger(ref) && ref > 0 ? ref : null;
}

export function errorsFor(
  a: ActionFailure | undefined,
  intent: string,
  id?: number,
): FormErrors | null {
  if (!a || a.intent !== intent) return null;
  if (id !== undefined) {
    const ref = a.values.commentId ?? a.values.parentId ?? a.values.questionId;
    if (ref !== String(id)) return null;
  }
  return a.errors;
}
