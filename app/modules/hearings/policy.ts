/**
 * Who may change a hearing, and in which state: the hearings feature's policy (ADR 0080).
 *
 * Pure functions, no database and no clock of their own: given the person (roles per
 * municipality), the hearing (its municipality, type and state — derived at the caller's `now`)
 * and, where time matters, `now`, each answers `null` (allowed) or a `Refusal` (a namespaced
 * locale key, its params, the HTTP status). Commands (`commands.server.ts`) call them inside
 * their transaction and throw (`refuseIf`); the office pages' view models carry the same answers,
 * so a page shows why a form is not offered.
 *
 * Role checks alone stay in `can()` (`auth/permissions.ts`, the permission matrix); these
 * functions add what the hearing's state and dates decide.
 */
import { can, type Action, type Actor } from "../auth/permissions";
import type { Refusal } from "../core/errors";
import type { HearingState, HearingType } from "#db/schema";
import { earliestClose } from "./schedule";

/** What the rules need to know about a hearing. `state` is derived (dates applied). */
export interface HearingFacts {
  municipalityId: number;
  type: HearingType;
  state: HearingState;
}

/** The parts of a hearing an official edits, each on its own page. */
export type EditPart = "details" | "lines" | "plan" | "questions" | "documents";

const no = (
  key: string,
  status: Refusal["status"],
  params?: Refusal["params"],
  field?: string,
): Refusal => ({
  key: `hearings:${key}`,
  status,
  ...(params ? { params } : {}),
  ...(field ? { field } : {}),
});

/** The role check: `action` in the hearing's municipality, else 403 `errors.forbidden`. */
export function roleRefusal(
  actor: Actor | null,
  action: Action,
  municipalityId: number,
): Refusal | null {
  return can(actor, action, { municipalityId }) ? null : no("errors.forbidden", 403);
}

/** May `actor` create a hearing in municipality `municipalityId`? Its officials (else 403). */
export function createRefusal(actor: Actor | null, municipalityId: number): Refusal | null {
  return roleRefusal(actor, "hearing.create", municipalityId);
}

/**
 * May `actor` edit `part` of hearing `h`? In order: an official of its municipality (403
 * `errors.forbidden`); any part until the hearing is closed or cancelled (409
 * `errors.notEditable`); tariff lines only on a tariff hearing, plan sections and projects only
 * on a plan (409 `errors.wrongType`). After announcement a change to what is voted on (lines,
 * sections, questions) is an amendment: the command asks for its reason and sets the affected
 * votes aside (ADR 0050, `amend.server.ts`).
 */
export function editRefusal(actor: Actor | null, h: HearingFacts, part: EditPart): Refusal | null {
  const role = roleRefusal(actor, "hearing.edit", h.municipalityId);
  if (role) return role;
  if (h.state === "closed" || h.state === "cancelled") return no("errors.notEditable", 409);
  if (!partApplies(part, h.type)) return no("errors.wrongType", 409);
  return null;
}

/**
 * Does a hearing of `type` have `part` at all? Tariff lines only a tariff hearing, plan sections
 * and projects only a plan; the other parts every hearing. (A page for a part the hearing does not
 * have does not exist: 404; a command on it is refused 409 `errors.wrongType`.)
 */
export function partApplies(part: EditPart, type: HearingType): boolean {
  if (part === "lines") return type === "tariff";
  if (part === "plan") return type === "plan";
  return true;
}

/**
 * May `actor` announce hearing `h`? An official (403), only a draft (409 `errors.badTransition`).
 * What is still missing (dates, lines, documents …) is checked by the command against the rows.
 */
export function announceRefusal(actor: Actor | null, h: HearingFacts): Refusal | null {
  return (
    roleRefusal(actor, "hearing.announce", h.municipalityId) ??
    (h.state === "draft" ? null : no("errors.badTransition", 409))
  );
}

/**
 * May `actor` close the comment period of hearing `h` early at `now`? An official (403); only
 * while open (409 `errors.badTransition`); not before the municipality's minimum comment period
 * has passed since `commentStartAt` (409 `errors.tooEarlyToClose` with `min` days and the `date`).
 */
export function closeRefusal(
  actor: Actor | null,
  h: HearingFacts & { commentStartAt: string | null; minCommentDays: number },
  now: Date,
): Refusal | null {
  const role = roleRefusal(actor, "hearing.close", h.municipalityId);
  if (role) return role;
  if (h.state !== "open" || !h.commentStartAt) return no("errors.badTransition", 409);
  const earliest = earliestClose(new Date(h.commentStartAt), h.minCommentDays);
  if (now < earliest)
    return no("errors.tooEarlyToClose", 409, {
      min: h.minCommentDays,
      date: earliest.toISOString(),
    });
  return null;
}

/** May `actor` cancel hearing `h`? An official (403), not once closed or cancelled (409). */
export function cancelRefusal(actor: Actor | null, h: HearingFacts): Refusal | null {
  return (
    roleRefusal(actor, "hearing.cancel", h.municipalityId) ??
    (h.state === "closed" || h.state === "cancelled" ? no("errors.badTransition", 409) : null)
  );
}

/** One state change as the overview page offers it (the policy's answer in the view model). */
export interface StateAction {
  /** false when the change does not apply in the hearing's state (e.g. announcing an open one) */
  offered: boolean;
  /** why it is refused now (shown next to it), or null when allowed */
  refusal: Refusal | null;
}

const asOffer = (r: Refusal | null): StateAction => ({
  offered: r === null || r.key !== "hearings:errors.badTransition",
  refusal: r,
});

/**
 * The state changes of hearing `h` for `actor` at `now`, for the office overview page: each is the
 * answer of `announceRefusal`, `closeRefusal`, `cancelRefusal` (the same the commands throw), and
 * a change its state does not allow (409 `errors.badTransition`) is not offered at all. E.g. an
 * open hearing two days into a 15-day minimum: `close` offered, refused with
 * `errors.tooEarlyToClose` `{ min: 15, date }`; `announce` not offered; `cancel` allowed.
 */
export function stateActions(
  actor: Actor | null,
  h: HearingFacts & { commentStartAt: string | null; minCommentDays: number },
  now: Date,
): { announce: StateAction; close: StateAction; cancel: StateAction } {
  return {
    announce: asOffer(announceRefusal(actor, h)),
    close: asOffer(closeRefusal(actor, h, now)),
    cancel: asOffer(cancelRefusal(actor, h)),
  };
}

/**
 * May `actor` see hearing `h` at all (its public page, documents, protocol page, office frame)?
 * Everyone, unless it is a draft: then only its municipality's officials (`hearing.viewDraft`);
 * for anyone else a draft does not exist (404 `common:errors.notFoundText`).
 */
export function viewRefusal(
  actor: Actor | null,
  h: { state: HearingState; municipalityId: number },
): Refusal | null {
  return h.state !== "draft" ||
    can(actor, "hearing.viewDraft", { municipalityId: h.municipalityId })
    ? null
    : { key: "common:errors.notFoundText", status: 404 };
}

/** `viewRefusal` as a yes/no, for loaders that answer a plain 404. */
export const mayView = (actor: Actor | null, h: { state: HearingState; municipalityId: number }) =>
  viewRefusal(actor, h) === null;
