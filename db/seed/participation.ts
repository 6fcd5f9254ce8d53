import type { SeedContext } from "./index";
import type { SeededHearings } from "./hearings";

export async function seedParticipation(
  _ctx: SeedContext,
  _hearings: SeededHearings,
): Promise<void> {}
