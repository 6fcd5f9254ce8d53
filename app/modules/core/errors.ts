/**
 * The one way a command, guard or query refuses: a `DomainError` carries an i18n key
 * ("namespace:key.path"), its interpolation params, the HTTP status it maps to and, for form
 * problems, the field it belongs to. Routes never build their own refusals: they let the error
 * reach the reply helper, which answers a page action with `{ ok: false, errors, values }`
 * (status kept) and an API with `{ error: { code, message } }`, both localized.
 *
 * Statuses: 400 bad input, 401 signed out (policies; actions redirect to sign-in first), 403 not allowed, 404 no such thing (also for things the person may not
 * see), 409 the record's state refuses it (closed, frozen, answered …), 413 too large, 415 not a
 * form, 429 too many tries.
 *
 * Turning one into a reply: `~/modules/core/reply.server` (page action, loader page, API).
 */
export type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429;

/** One field problem: `field` is the form field name ("_form" for the whole form). */
export interface FieldProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  /**
   * @param key     i18n key with its namespace, e.g. "participation:refusals.closed"
   * @param params  interpolation values for the key
   * @param status  the HTTP status of the refusal (default 400)
   * @param field   the form field the refusal belongs to (default "_form")
   * @param problems several field problems at once, each shown at its field
   * @param retryAfter seconds until a retry may succeed (429), sent as Retry-After
   */
  constructor(
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
    public readonly status: RefusalStatus = 400,
    public readonly field: string = "_form",
    public readonly problems: FieldProblem[] = [],
    public readonly retryAfter?: number,
  ) {
    super(key);
    this.name = "DomainError";
  }
}

/** True for a DomainError (also across module copies in tests). */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (e instanceof Error && e.name === "DomainError");
}

/**
 * A policy's answer when it says no (see `app/modules/<feature>/policy.ts`): the namespaced locale
 * key of the reason ("participation:errors.periodEnded"), its params, the HTTP status a command
 * refuses with and, for a form problem, the field it belongs to. Policies return `Refusal | null`;
 * loaders put it into the view model (pages show the same reason), commands throw it with
 * `refuseIf`.
 */
export interface Refusal {
  key: string;
  params?: Record<string, string | number>;
  status: RefusalStatus;
  field?: string;
}

/** A `Refusal` as the DomainError a command throws. */
export function refusalError(r: Refusal): DomainError {
  return new DomainError(r.key, r.params ?? {}, r.status, r.field ?? "_form");
}

/** Throw the policy's refusal, if any: `refuseIf(commentRefusal(actor, h))`. */
export function refuseIf(r: Refusal | null): void {
  if (r) throw refusalError(r);
}
