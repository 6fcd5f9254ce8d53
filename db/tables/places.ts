/** Places: oblasts, districts, municipalities (ayil aimaks and cities) and their villages. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id, Flag } from "./common";

export type MunicipalityKind = "ayil_aimak" | "city";

export interface OblastsTable {
  id: Id;
  slug: string;
  name_ky: string;
  name_ru: string;
}

export interface DistrictsTable {
  id: Id;
  oblast_id: number;
  slug: string;
  name_ky: string;
  name_ru: string;
}

export interface MunicipalitiesTable {
  id: Id;
  district_id: number;
  slug: string;
  kind: MunicipalityKind;
  name_ky: string;
  name_ru: string;
  min_notice_days: Generated<number>;
  min_comment_days: Generated<number>;
  min_voting_age: Generated<number>;
  unverified_may_comment: Flag;
  in_person_quorum: Generated<number>;
  is_demo: Flag;
  created_at: string;
}

export interface VillagesTable {
  id: Id;
  municipality_id: number;
  name_ky: string;
  name_ru: string;
}

/** The places tables, by name (composed into `Database` in db/schema.ts). */
export interface PlacesTables {
  oblasts: OblastsTable;
  districts: DistrictsTable;
  municipalities: MunicipalitiesTable;
  villages: VillagesTable;
}
