import type { SeedContext } from "./index";
import type { SeededHearings } from "./hearings";

export async function seedReach(_ctx: SeedContext, _hearings: SeededHearings): Promise<void> {}
