/**
 * Who may draft, submit and decide a hearing's protocol, and in which stage: the protocol
 * feature's policy (ADR 0080).
 *
 * Pure functions, no database: given the person, the hearing (municipality and its derived state)
 * and the protocol's stage (and the current version's decision), each answers `null` (allowed) or
 * a `Refusal` (namespaced locale key, HTTP status). The commands (`commands.server.ts`) call them
 * inside their transaction and throw; the office and council pages carry the same answers.
 */
import { can, type Actor } from "../auth/permissions";
import type { Refusal } from "../core/errors";
import type { HearingState, ProtocolStage } from "#db/schema";

/** What the rules need to know about the hearing a protocol concludes (state derived). */
export interface HearingFacts {
  municipalityId: number;
  state: HearingState;
}

const no = (key: string, status: Refusal["status"]): Refusal => ({
  key: `protocol:${key}`,
  status,
});

/** A protocol is written only for a closed hearing: 409 `errors.hearingNotClosed`. */
function closedRefusal(h: HearingFacts): Refusal | null {
  return h.state === "closed" ? null : no("errors.hearingNotClosed", 409);
}

/**
 * May `actor` create or change the protocol's draft (`stage`: null when none exists yet)? An
 * official of the municipality (403 `errors.notAllowed`), only after close (409), not once approved (409
 * `errors.approvedLocked`) or while it lies with the council (409 `errors.notEditable`).
 */
export function draftRefusal(
  actor: Actor | null,
  h: HearingFacts,
  stage: ProtocolStage | null,
): Refusal | null {
  if (!can(actor, "protocol.draft", { municipalityId: h.municipalityId }))
    return no("errors.notAllowed", 403);
  return (
    closedRefusal(h) ??
    (stage === "approved"
      ? no("errors.approvedLocked", 409)
      : stage === "submitted"
        ? no("errors.notEditable", 409)
        : null)
  );
}

/**
 * May `actor` send the draft to the council? An official (403 `errors.notAllowed`), after close (409), a protocol
 * must exist (404 `errors.notFound`), not approved (409 `errors.approvedLocked`), only a draft
 * (409 `errors.notEditable`).
 */
export function submitRefusal(
  actor: Actor | null,
  h: HearingFacts,
  stage: ProtocolStage | null,
): Refusal | null {
  if (!can(actor, "protocol.submit", { municipalityId: h.municipalityId }))
    return no("errors.notAllowed", 403);
  return (
    closedRefusal(h) ??
    (stage === null
      ? no("errors.notFound", 404)
      : stage === "approved"
        ? no("errors.approvedLocked", 409)
        : stage !== "drafted"
          ? no("errors.notEditable", 409)
          : null)
  );
}

/** May the protocol be revised after the council returned it? Only a returned one (409). */
export function reviseRefusal(stage: ProtocolStage | null): Refusal | null {
  if (stage === null) return no("errors.notFound", 404);
  return stage === "returned" ? null : no("errors.notReturned", 409);
}

/**
 * May `actor` record the council's decision (approve or return) on the current version? Only the
 * council secretary of the municipality (403 `council.onlySecretary`), after close (409), once
 * per version (409 `errors.alreadyDecided`), only a submitted version (409 `errors.notSubmitted`).
 */
export function decideRefusal(
  actor: Actor | null,
  h: HearingFacts,
  stage: ProtocolStage,
  version: { decided: boolean; submitted: boolean },
): Refusal | null {
  if (!can(actor, "protocol.decide", { municipalityId: h.municipalityId }))
    return no("council.onlySecretary", 403);
  return (
    closedRefusal(h) ??
    (version.decided
      ? no("errors.alreadyDecided", 409)
      : stage !== "submitted" || !version.submitted
        ? no("errors.notSubmitted", 409)
        : null)
  );
}
