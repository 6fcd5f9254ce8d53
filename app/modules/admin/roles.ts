import type { RoleName } from "#db/schema";

export const ROLE_NAMES: readonly RoleName[] = ["official", "council_secretary", "council_member"];
