/**
 * Who may do what: pure functions, used by the UI (to show or hide a control) and by the server
 * (requirePermission in every protected loader and action). Scoped to the municipality.
 */
import type { RoleName } from "#db/schema";

export interface Actor {
  id: number;
  isAdmin: boolean;
  roles: ReadonlyArray<{ municipalityId: number; role: RoleName }>;
  /** municipalities where this person holds a live residence verification */
  verifiedIn: readonly number[];
  municipalityId: number | null;
}

/** The municipality an action concerns, with the settings that decide it. */
export interface MunicipalityResource {
  municipalityId: number;
  unverifiedMayComment?: boolean;
}

type Scoped = MunicipalityResource;

export type Action =
  // platform administration
  | "admin.access"
  | "municipality.settings"
  | "roles.manage"
  | "audit.view"
  | "mail.view"
  // officials' work in their municipality
  | "hearing.create"
  | "hearing.edit"
  | "hearing.viewDraft"
  | "hearing.announce"
  | "hearing.close"
  | "hearing.cancel"
  | "comment.answer"
  | "comment.moderate"
  | "meeting.record"
  | "registry.import"
  | "resident.verify"
  | "resident.resetCode"
  | "protocol.draft"
  | "protocol.submit"
  // the council
  | "protocol.decide"
  | "protocol.councilRead"
  // residents
  | "comment.create"
  | "comment.report"
  | "vote.cast"
  | "account.self";

export function hasRole(
  user: Actor | null | undefined,
  municipalityId: number,
  ...roles: RoleName[]
): boolean {
  return !!user?.roles.some((r) => r.municipalityId === municipalityId && roles.includes(r.role));
}

export function isVerifiedIn(user: Actor | null | undefined, municipalityId: number): boolean {
  return !!user?.verifiedIn.includes(municipalityId);
}

export function can(user: Actor | null | undefined, action: Action, resource?: Scoped): boolean {
  if (!user) return false;
  const m = resource?.municipalityId;
  switch (action) {
    case "admin.access":
    case "municipality.settings":
    case "roles.manage":
    case "audit.view":
    case "mail.view":
      return user.isAdmin;
    case "account.self":
    case "comment.report":
      return true;
    case "hearing.create":
    case "hearing.edit":
    case "hearing.viewDraft":
    case "hearing.announce":
    case "hearing.close":
    case "hearing.cancel":
    case "comment.answer":
    case "comment.moderate":
    case "meeting.record":
    case "registry.import":
    case "resident.verify":
    case "resident.resetCode":
    case "protocol.draft":
    case "protocol.submit":
      return m !== undefined && hasRole(user, m, "official");
    case "protocol.decide":
      return m !== undefined && hasRole(user, m, "council_secretary");
    case "protocol.councilRead":
      return m !== undefined && hasRole(user, m, "council_secretary", "council_member", "official");
    case "comment.create":
      if (m === undefined) return false;
      return (
        isVerifiedIn(user, m) || (!!resource?.unverifiedMayComment && user.municipalityId === m)
      );
    case "vote.cast":
      return m !== undefined && isVerifiedIn(user, m);
  }
}
