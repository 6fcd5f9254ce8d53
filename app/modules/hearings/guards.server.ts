/**
 * The one guard for "load the hearing and check the permission in its municipality", used by every
 * office route under /office/hearings/{id} (edit, comments, meeting, protocol) and their actions.
 */
import type { DB } from "#db/connection";
import { requireUser } from "../auth/guards.server";
import { can, type Action } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { forbiddenPage, langOfRequest, notFound } from "../core/reply.server";
import { toId } from "../http/ids";
import { getHearingRef, type HearingRef } from "./queries.server";

/**
 * The hearing `id` (a route param or a number) and the signed-in person allowed to do `action` in
 * its municipality.
 *
 * Outcomes (thrown, localized in the request's language):
 * - no such hearing, or an id that is not one (`toId`: 1 … 2^31 − 1) → 404 page;
 * - anonymous visitor → redirect to sign-in (back to this page afterwards);
 * - signed in without `action` in the hearing's municipality → 403 page.
 *
 * @returns `{ user, hearing }` — the hearing's reference with its derived state (drafts included;
 *   the policies decide what a state allows).
 */
export async function requireHearing(
  request: Request,
  db: DB,
  id: number | string | undefined,
  action: Action,
): Promise<{ user: SessionUser; hearing: HearingRef }> {
  const lang = langOfRequest(request);
  const n = typeof id === "number" ? id : toId(id);
  const hearing = n === null ? null : await getHearingRef(db, n);
  if (!hearing) throw notFound(lang);
  const user = await requireUser(request);
  if (!can(user, action, { municipalityId: hearing.municipalityId })) throw forbiddenPage(lang);
  return { user, hearing };
}
