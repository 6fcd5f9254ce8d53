/**
 * Who may write to a municipality's tariff register: its officials and its council secretary
 * (the council's resolutions are theirs to record), and platform administrators.
 */
import { hasRole, type Actor } from "../auth/permissions";

/** True when `actor` may enter or correct tariffs of the municipality. */
export function mayEnterTariffs(actor: Actor | null | undefined, municipalityId: number): boolean {
  if (!actor) return false;
  return actor.isAdmin || hasRole(actor, municipalityId, "official", "council_secretary");
}
