import type { Generated } from "kysely";

/** An integer identity column (made by `withId()` in db/migrations/helpers.ts). */
export type Id = Generated<number>;
/** A 0/1 integer with a default. */
export type Flag = Generated<number>;
