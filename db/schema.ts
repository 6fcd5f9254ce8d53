/**
 * Row types of the database, kept in the data layer (as in Kysely's example app). Conventions,
 * the same on SQLite and PostgreSQL:
 * - instants are ISO 8601 UTC text ("2026-03-15T17:59:59.000Z");
 * - booleans are integers 0/1;
 * - money is an integer number of tyiyn (1 сом = 100 тыйын).
 * Each feature keeps its tables in `db/tables/<feature>.ts`; this file only composes them into
 * `Database` and re-exports them, so `import type { … } from "#db/schema"` keeps working.
 */
import type { Insertable, Selectable, Updateable } from "kysely";
import type { PlacesTables } from "./tables/places";
import type { AccountsTables } from "./tables/accounts";
import type { ResidentsTables } from "./tables/residents";
import type { RatelimitTables } from "./tables/ratelimit";
import type { AuditTables } from "./tables/audit";
import type { MailTables } from "./tables/mail";
import type { HearingsTables } from "./tables/hearings";
import type { ParticipationTables } from "./tables/participation";
import type { ReachTables } from "./tables/reach";
import type { ProtocolTables } from "./tables/protocol";
import type { CacheTables } from "./tables/cache";
import type { TariffsTables } from "./tables/tariffs";
import type { CommentsTable } from "./tables/participation";
import type { HearingsTable } from "./tables/hearings";
import type { MunicipalitiesTable, VillagesTable } from "./tables/places";
import type { UsersTable } from "./tables/accounts";

export type * from "./tables/places";
export type * from "./tables/accounts";
export type * from "./tables/residents";
export type * from "./tables/ratelimit";
export type * from "./tables/audit";
export type * from "./tables/mail";
export type * from "./tables/hearings";
export type * from "./tables/participation";
export type * from "./tables/reach";
export type * from "./tables/protocol";
export type * from "./tables/cache";
export type * from "./tables/tariffs";

/** Every table of the database, by name: the features' tables composed. */
export interface Database
  extends
    PlacesTables,
    AccountsTables,
    ResidentsTables,
    RatelimitTables,
    AuditTables,
    MailTables,
    HearingsTables,
    ParticipationTables,
    ReachTables,
    ProtocolTables,
    CacheTables,
    TariffsTables {}

export type Municipality = Selectable<MunicipalitiesTable>;
export type Village = Selectable<VillagesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Hearing = Selectable<HearingsTable>;
export type HearingUpdate = Updateable<HearingsTable>;
export type Comment = Selectable<CommentsTable>;
