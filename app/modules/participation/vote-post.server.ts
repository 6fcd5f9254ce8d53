/**
 * A vote from the hearing page's vote form, answered below Remix (ADR 0072).
 *
 * When a hearing link goes round a village, most posts are single votes (issue 13: 2,000 votes/s
 * from 100 voters). Through Remix a vote post costs about twice its own work: a Fetch `Request`
 * and `FormData` per post, route matching, the action's reply machinery. {@link votePost} answers
 * the one common case — a signed-in person's valid vote, accepted — with the same rule
 * ({@link castVote}) and the same answer (302 to the hearing page, `?voted=1#vote`) as the route's
 * action (`app/routes/$lang.hearings.$id._index.tsx`, intent "vote"). Every other post — signed
 * out, an invalid form, a refusal, a ballot, a comment — returns null and goes on to Remix, which
 * answers it as before (localized refusal at the form, typed values kept): a refused vote is
 * checked twice, and stores nothing either time.
 */
import { DomainError } from "../core/errors";
import { getDb } from "../core/db.server";
import { cookieFromHeader } from "../core/cookies.server";
import { cleanText } from "../http/text";
import { SESSION_COOKIE, validateSessionToken } from "../auth/session.server";
import { castVote } from "./commands.server";
import { voteForm } from "./schemas";

/**
 * The amendment number a vote form was loaded with (its hidden `amendment` field, ADR 0050), from
 * the field's cleaned text: a missing or unreadable one counts as 0, so a form from before any
 * amendment is refused once the proposal has been amended. Shared with the route's action.
 */
export function seenAmendment(field: string | null): number {
  const n = Number(field ?? "");
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** Where an accepted vote or ballot goes: the hearing page at its vote form, with the notice flag. */
export const votedLocation = (lang: string, hearingId: number): string =>
  `/${lang}/hearings/${hearingId}?voted=1#vote`;

/** The hearing page's path as the vote form posts it: `/{ky|ru}/hearings/{id}` with `?index`. */
const HEARING_PATH = /^\/(ky|ru)\/hearings\/([1-9][0-9]{0,14})$/;

/**
 * The answer to a form post, when it is a vote this function can accept:
 * - `post.pathname` `/{lang}/hearings/{id}`, `post.search` exactly `?index` (the index route's
 *   action, where the vote form posts), `post.contentType` `application/x-www-form-urlencoded`;
 * - `post.body` (the urlencoded bytes, already read and size-checked by the request layer) with
 *   `intent=vote` and a valid `questionId` and `choice` (voteForm), optional `amendment` (the
 *   amendment number the page showed, ADR 0050; missing or unreadable: 0, as in the action);
 * - `post.cookie` holding a valid session.
 * Returns the redirect location (`/{lang}/hearings/{id}?voted=1#vote`) after the vote is stored,
 * or null when anything differs or castVote refuses (a DomainError): the caller then passes the
 * request on to Remix unchanged. Other errors are thrown.
 */
export async function votePost(post: {
  pathname: string;
  search: string;
  contentType: string | undefined;
  cookie: string | undefined;
  body: Uint8Array | undefined;
}): Promise<string | null> {
  const path = HEARING_PATH.exec(post.pathname);
  if (!path || post.search !== "?index" || !post.body) return null;
  const type = (post.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return null;
  const form = new URLSearchParams(Buffer.from(post.body).toString("utf8"));
  if (form.get("intent") !== "vote") return null;
  // as the action's parseForm: the last value of a repeated field
  const parsed = voteForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return null;
  const token = cookieFromHeader(post.cookie, SESSION_COOKIE);
  if (!token) return null;
  const db = await getDb();
  const session = await validateSessionToken(db, token);
  if (!session) return null;
  const [, lang, id] = path;
  const hearingId = Number(id);
  if (!Number.isSafeInteger(hearingId)) return null;
  try {
    await castVote(
      db,
      session.user,
      hearingId,
      parsed.data.questionId,
      parsed.data.choice,
      // cleaned as the action's readForm cleans every value (control characters out)
      seenAmendment(cleanText(form.get("amendment") ?? "")),
    );
  } catch (e) {
    if (e instanceof DomainError) return null;
    throw e;
  }
  return votedLocation(lang, hearingId);
}
