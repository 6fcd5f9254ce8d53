/**
 * Ids and text from the URL, parsed once: a route never calls `Number(params.id)` itself.
 * A malformed or out-of-range id in the path is "no such page" (404), in a form field or cursor
 * a bad request (400); both are thrown as localized Responses (`refusalFor` in core/reply.server.ts).
 */
import { toId } from "./ids";
import { DomainError } from "../core/errors";
import { refusalFor } from "../core/reply.server";
import { cleanText } from "./text";

/** The id in path parameter `name` (1 … 2^31 − 1); throws a localized 404 for anything else. */
export function idParam(
  request: Request,
  params: Record<string, string | undefined>,
  name = "id",
): number {
  const id = toId(params[name]);
  if (id === null)
    throw refusalFor(request, new DomainError("common:errors.notFoundText", {}, 404));
  return id;
}

/**
 * The id in form field `name`; throws a localized 400 when it is missing or malformed (ids in
 * forms are hidden fields: a bad one is a tampered or broken request, not a typing error).
 */
export function formId(request: Request, form: FormData, name: string): number {
  const id = toId(form.get(name));
  if (id === null) throw refusalFor(request, new DomainError("common:errors.badRequest", {}, 400));
  return id;
}

/** The same as `formId`, but null when the field is absent or empty (an optional reference). */
export function optionalFormId(request: Request, form: FormData, name: string): number | null {
  const v = form.get(name);
  if (v === null || v === "") return null;
  return formId(request, form, name);
}

/** A query-string parameter as clean text (see `cleanText`), at most `max` characters; null if absent. */
export function queryText(url: URL, name: string, max = 200): string | null {
  const v = url.searchParams.get(name);
  return v === null ? null : cleanText(v).slice(0, max);
}
