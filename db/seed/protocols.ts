import type { SeedContext } from "./index";
import type { SeededHearings } from "./hearings";

export async function seedProtocols(_ctx: SeedContext, _hearings: SeededHearings): Promise<void> {}
