/** The tariff register (issue 15, ADR 0041): append-only entries. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id } from "./common";

export interface TariffsTable {
  id: Id;
  municipality_id: number;
  service: string;
  category: string;
  unit: string;
  provider_kind: "okmotu" | "enterprise";
  provider_name_ky: Generated<string>;
  provider_name_ru: Generated<string>;
  /** tyiyn */
  price: number;
  /** yyyy-mm-dd, Asia/Bishkek */
  valid_from: string;
  /** yyyy-mm-dd, last day in force; only a known end entered by hand */
  valid_to: string | null;
  resolution_number: string;
  resolution_date: string;
  source: "hearing" | "manual";
  hearing_id: number | null;
  protocol_version_id: number | null;
  tariff_line_id: number | null;
  document_storage_key: string | null;
  document_name: string | null;
  document_content_type: string | null;
  document_sha256: string | null;
  corrects_id: number | null;
  reason: string | null;
  is_demo: Generated<number>;
  created_by: number | null;
  created_at: string;
}

export interface TariffsTables {
  tariffs: TariffsTable;
}
