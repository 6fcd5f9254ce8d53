/** Hearings: the proposal (tariff lines and cost items, or plan sections and projects), schedule, questions, documents, state transitions and versions (JSON snapshots, ADR 0013). Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id } from "./common";

export type HearingType = "tariff" | "plan";

export type HearingState = "draft" | "announced" | "open" | "closed" | "cancelled";

export type ProtocolStage = "drafted" | "submitted" | "approved" | "returned";

export interface HearingsTable {
  id: Id;
  municipality_id: number;
  type: HearingType;
  state: HearingState;
  protocol_state: ProtocolStage | null;
  short_code: string;
  title_ky: Generated<string>;
  title_ru: Generated<string>;
  summary_ky: Generated<string>;
  summary_ru: Generated<string>;
  body_ky: Generated<string>;
  body_ru: Generated<string>;
  authoritative_lang: Generated<"ky" | "ru">;
  initiator_kind: "okmotu" | "enterprise";
  initiator_name_ky: string | null;
  initiator_name_ru: string | null;
  notice_at: string | null;
  comment_start_at: string | null;
  comment_end_at: string | null;
  meeting_at: string | null;
  meeting_place_ky: string | null;
  meeting_place_ru: string | null;
  cancel_reason: string | null;
  announced_at: string | null;
  closed_at: string | null;
  version: Generated<number>;
  search_text: Generated<string>;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface HearingTransitionsTable {
  id: Id;
  hearing_id: number;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  reason: string | null;
  created_at: string;
}

export interface HearingVersionsTable {
  id: Id;
  hearing_id: number;
  version: number;
  snapshot_json: string;
  changed_fields_json: Generated<string>;
  created_by: number | null;
  created_at: string;
}

export interface TariffLinesTable {
  id: Id;
  hearing_id: number;
  position: number;
  service: string;
  category: string;
  unit: string;
  current_price: number;
  proposed_price: number;
  justification_ky: Generated<string>;
  justification_ru: Generated<string>;
}

export interface TariffCostItemsTable {
  id: Id;
  tariff_line_id: number;
  position: number;
  name_ky: string;
  name_ru: string;
  amount: number;
}

export interface PlanSectionsTable {
  id: Id;
  hearing_id: number;
  position: number;
  name_ky: string;
  name_ru: string;
}

export interface PlanProjectsTable {
  id: Id;
  section_id: number;
  position: number;
  title_ky: string;
  title_ru: string;
  budget: number;
  year_from: number;
  year_to: number;
  funding_source: "local" | "republican" | "donor" | "community";
  description_ky: Generated<string>;
  description_ru: Generated<string>;
}

export interface DocumentsTable {
  id: Id;
  hearing_id: number;
  storage_key: string;
  file_name: string;
  title: string | null;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: number;
  created_at: string;
  removed_at: string | null;
}

export interface QuestionsTable {
  id: Id;
  hearing_id: number;
  position: number;
  title_ky: string;
  title_ru: string;
  tariff_line_id: number | null;
}

/** The hearings tables, by name (composed into `Database` in db/schema.ts). */
/**
 * An amendment of a proposal after announcement (migration 50, ADR 0050): numbered per hearing,
 * with the reason, what changed (`changes_json`, rendered in ky and ru by hearings/amend.ts) and
 * the comment end before and after (moved when fewer than the minimum comment days remained).
 */
export interface AmendmentsTable {
  id: Id;
  hearing_id: number;
  number: number;
  /** the hearing version it produced */
  version: number;
  reason: string;
  changes_json: string;
  comment_end_before: string | null;
  comment_end_after: string | null;
  created_by: number;
  created_at: string;
}

export interface HearingsTables {
  hearings: HearingsTable;
  hearing_transitions: HearingTransitionsTable;
  hearing_versions: HearingVersionsTable;
  amendments: AmendmentsTable;
  tariff_lines: TariffLinesTable;
  tariff_cost_items: TariffCostItemsTable;
  plan_sections: PlanSectionsTable;
  plan_projects: PlanProjectsTable;
  documents: DocumentsTable;
  questions: QuestionsTable;
}
