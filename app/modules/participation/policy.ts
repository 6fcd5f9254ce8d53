/**
 * Who may take part in a hearing, and when: the participation feature's policy (ADR 0080).
 *
 * Pure functions, no database and no clock of their own: each takes the person (`Person`: roles,
 * municipality, verifications, birth dates), the hearing with its derived state (and, where time
 * matters, `now`) and answers `null` (allowed) or a `Refusal` — a namespaced locale key with the
 * HTTP status a command refuses with. The same answer is used twice:
 * - the command (`commands.server.ts`) calls it on the rows it read and throws it (`refuseIf`);
 * - the page's view model (`view.server.ts`) carries it, so the vote/comment card shows the same
 *   reason and the next step (sign in, verify residence, wait).
 *
 * A new rule for "who may comment" goes into `commentRefusal` below, with a row in
 * tests/unit/policy-participation.test.ts.
 */
import { can, type Actor } from "../auth/permissions";
import type { Refusal } from "../core/errors";
import { bishkekParts } from "../format/time";
import type { HearingState, ProtocolStage } from "#db/schema";

/** The person the policy asks about: roles and verifications, and birth dates per municipality. */
export type Person = Actor & {
  /** birth date (yyyy-mm-dd) from the residence verification, per municipality id */
  birthDates?: Readonly<Record<number, string | null | undefined>>;
};

/** What the participation rules need to know about a hearing (state derived at `now`). */
export interface HearingFacts {
  municipalityId: number;
  state: HearingState;
  protocolState: ProtocolStage | null;
  unverifiedMayComment?: boolean;
  minVotingAge?: number;
}

/** What the rules need to know about one comment. */
export interface CommentFacts {
  authorUserId: number | null;
  source: string;
  createdAt: string;
  hiddenAt: string | null;
  /** it has an official answer or a reply (its text is fixed) */
  answered: boolean;
}

/** How long an author may change their own comment: 15 minutes. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

const no = (
  key: string,
  status: Refusal["status"],
  field?: string,
  params?: Refusal["params"],
): Refusal => ({
  key: `participation:errors.${key}`,
  status,
  ...(field ? { field } : {}),
  ...(params ? { params } : {}),
});

/** Once the council approved the protocol, nothing about participation changes any more. */
export const isLocked = (h: Pick<HearingFacts, "protocolState">) => h.protocolState === "approved";

/** Locked by the approved protocol: 409 `errors.locked`. */
export function lockedRefusal(h: Pick<HearingFacts, "protocolState">): Refusal | null {
  return isLocked(h) ? no("locked", 409) : null;
}

/** The comment and vote period: cancelled, ended or not started yet (409), else null. */
export function periodRefusal(h: Pick<HearingFacts, "state">): Refusal | null {
  if (h.state === "cancelled") return no("cancelled", 409);
  if (h.state === "closed") return no("periodEnded", 409);
  if (h.state !== "open") return no("periodNotStarted", 409);
  return null;
}

/** Full years between a yyyy-mm-dd birth date and the date of `at` in Bishkek; null if unreadable. */
export function ageAt(birthDate: string, at: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  if (!m) return null;
  const p = bishkekParts(at);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = p.year - y;
  if (p.month < mo || (p.month === mo && p.day < d)) age -= 1;
  return age;
}

/**
 * May `person` post a comment (or a reply) on hearing `h` now?
 * In order: signed out → `signInToComment` (401); locked (409); not verified in the municipality
 * (or not registered there where it lets the unverified comment) → `mayNotComment` (403);
 * cancelled / period ended / not started (409).
 */
export function commentRefusal(person: Person | null, h: HearingFacts): Refusal | null {
  if (!person) return no("signInToComment", 401);
  return (
    lockedRefusal(h) ??
    (can(person, "comment.create", {
      municipalityId: h.municipalityId,
      unverifiedMayComment: h.unverifiedMayComment,
    })
      ? null
      : no("mayNotComment", 403)) ??
    periodRefusal(h)
  );
}

/**
 * May `person` reply to `parent` (the comment answered, and the thread's first comment)?
 * The comment rules, then: a hidden comment or a hidden thread takes no replies (409 at `body`).
 */
export function replyRefusal(
  person: Person | null,
  h: HearingFacts,
  parent: { hiddenAt: string | null },
  root: { hiddenAt: string | null },
): Refusal | null {
  return (
    commentRefusal(person, h) ??
    (parent.hiddenAt || root.hiddenAt ? no("replyToHidden", 409, "body") : null)
  );
}

/**
 * May `person` change the text of comment `c` at `now`? Only the author of an online comment
 * (403 `notYourComment`), not hidden (409), not answered or replied to (409 `answeredFixed`),
 * within EDIT_WINDOW_MS of posting (409 `editWindowOver`), while the period is open (409).
 */
export function editRefusal(
  person: Person | null,
  h: HearingFacts,
  c: CommentFacts,
  now: Date,
): Refusal | null {
  if (!person) return no("signInToComment", 401);
  return (
    lockedRefusal(h) ??
    (c.authorUserId !== person.id || c.source !== "online" ? no("notYourComment", 403) : null) ??
    (c.hiddenAt ? no("commentHidden", 409) : null) ??
    (c.answered ? no("answeredFixed", 409, "body") : null) ??
    (now.getTime() - Date.parse(c.createdAt) > EDIT_WINDOW_MS
      ? no("editWindowOver", 409, "body")
      : null) ??
    periodRefusal(h)
  );
}

/** May `person` report a comment? Anyone signed in (the count of reports is per person). */
export function reportRefusal(person: Person | null): Refusal | null {
  if (!person || !can(person, "comment.report")) return no("forbidden", 403);
  return null;
}

/**
 * May `person` vote on hearing `h` at `now`? In order: signed out → `signInToVote` (401); locked
 * (409); not verified in the municipality → `notVerified` (403); no birth date known →
 * `birthDateUnknown` (409); younger than the municipality's voting age → `tooYoung` (403);
 * cancelled / period ended / not started (409).
 */
export function voteRefusal(
  person: Person | null,
  h: HearingFacts & { minVotingAge: number },
  now: Date,
): Refusal | null {
  if (!person) return no("signInToVote", 401);
  const locked = lockedRefusal(h);
  if (locked) return locked;
  if (!can(person, "vote.cast", { municipalityId: h.municipalityId }))
    return no("notVerified", 403);
  const birth = person.birthDates?.[h.municipalityId];
  const age = birth ? ageAt(birth, now) : null;
  if (age === null) return no("birthDateUnknown", 409);
  if (age < h.minVotingAge) return no("tooYoung", 403);
  return periodRefusal(h);
}

/**
 * May `person` answer (`comment.answer`) or moderate (`comment.moderate`: hide, unhide, dismiss
 * reports) comments of hearing `h`? Officials of its municipality (403 `forbidden`), until the
 * protocol is approved (409 `locked`).
 */
export function officialRefusal(
  person: Person | null,
  h: HearingFacts,
  action: "comment.answer" | "comment.moderate",
): Refusal | null {
  if (!can(person, action, { municipalityId: h.municipalityId })) return no("forbidden", 403);
  return lockedRefusal(h);
}

/**
 * May `person` record the in-person meeting (attendance, speakers, tallies) of hearing `h`?
 * Officials of its municipality (403), not after the protocol's approval (409 `locked`), not for a
 * cancelled hearing (409 `cancelled`).
 */
export function meetingRefusal(person: Person | null, h: HearingFacts): Refusal | null {
  if (!can(person, "meeting.record", { municipalityId: h.municipalityId }))
    return no("forbidden", 403);
  return lockedRefusal(h) ?? (h.state === "cancelled" ? no("cancelled", 409) : null);
}
