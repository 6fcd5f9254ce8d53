/**
 * Row types of the database, kept in the data layer (as in Kysely's example app). Conventions,
 * the same on SQLite and PostgreSQL:
 * - instants are ISO 8601 UTC text ("2026-03-15T17:59:59.000Z");
 * - booleans are integers 0/1;
 * - money is an integer number of tyiyn (1 сом = 100 тыйын).
 * Each feature adds its tables to `Database` below.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

type Id = Generated<number>;
type Flag = Generated<number>;

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
export type MunicipalityKind = "ayil_aimak" | "city";
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

// ---- accounts --------------------------------------------------------------------------------
export type RoleName = "official" | "council_secretary" | "council_member";
export interface UsersTable {
  id: Id;
  email: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string;
  municipality_id: number | null;
  village_id: number | null;
  is_admin: Flag;
  locale: Generated<string>;
  created_at: string;
  updated_at: string;
}
export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}
export interface RolesTable {
  id: Id;
  user_id: number;
  municipality_id: number;
  role: RoleName;
  granted_by: number | null;
  created_at: string;
}
export interface InvitationsTable {
  id: Id;
  token_hash: string;
  municipality_id: number;
  role: RoleName;
  note: string | null;
  created_by: number;
  created_at: string;
  expires_at: string;
  accepted_by: number | null;
  accepted_at: string | null;
  revoked_at: string | null;
}
export interface PasswordResetsTable {
  id: Id;
  user_id: number;
  token_hash: string;
  kind: "email_link" | "official_code";
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export interface RegistryImportsTable {
  id: Id;
  municipality_id: number;
  uploaded_by: number;
  file_name: string;
  status: "running" | "done" | "failed";
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  accepted_rows: Generated<number>;
  rejected_rows: Generated<number>;
  errors_json: Generated<string>;
  created_at: string;
  finished_at: string | null;
}
export interface RegistryEntriesTable {
  id: Id;
  municipality_id: number;
  village_id: number;
  person_hash: string;
  birth_date: string;
  import_id: number | null;
  created_at: string;
}
export interface VerificationsTable {
  id: Id;
  user_id: number;
  municipality_id: number;
  village_id: number | null;
  person_hash: string | null;
  birth_date: string | null;
  method: "registry" | "in_person";
  verified_by: number | null;
  created_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
  revoke_reason: string | null;
}
/** Rate-limit counters (rate-limiter-flexible's table): points in the window ending at `expire` (epoch ms). */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}
export interface AuditLogTable {
  id: Id;
  actor_user_id: number | null;
  municipality_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details_json: Generated<string>;
  created_at: string;
}
export type MailStatus = "pending" | "sending" | "sent" | "failed" | "logged";
export interface MailOutboxTable {
  id: Id;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** the one-click unsubscribe URL, sent as List-Unsubscribe (migration 08) */
  list_unsubscribe: string | null;
}

// ---- hearings --------------------------------------------------------------------------------
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

// ---- participation ---------------------------------------------------------------------------
export type Stance = "for" | "against" | "neutral";
export type VoteChoice = "for" | "against" | "abstain";
export type AnswerStatus = "accepted" | "partly_accepted" | "not_accepted" | "not_relevant";
export interface CommentsTable {
  id: Id;
  hearing_id: number;
  parent_id: number | null;
  source: "online" | "in_person";
  author_user_id: number | null;
  speaker_name: string | null;
  entered_by: number | null;
  anonymous: Flag;
  village_id: number | null;
  author_verified: Flag;
  stance: Stance;
  tariff_line_id: number | null;
  plan_section_id: number | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  hidden_at: string | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  answer_status: AnswerStatus | null;
  answer_text: string | null;
  answered_by: number | null;
  answered_at: string | null;
}
export interface CommentReportsTable {
  id: Id;
  comment_id: number;
  reporter_user_id: number;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}
export interface VotesTable {
  id: Id;
  hearing_id: number;
  question_id: number;
  user_id: number;
  choice: VoteChoice;
  village_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface MeetingRecordsTable {
  hearing_id: number;
  attendance: Generated<number>;
  held_at: string | null;
  notes: string | null;
  entered_by: number;
  updated_at: string;
}
export interface MeetingTalliesTable {
  id: Id;
  question_id: number;
  hearing_id: number;
  for_count: Generated<number>;
  against_count: Generated<number>;
  abstain_count: Generated<number>;
  entered_by: number;
  updated_at: string;
}

// ---- reach (notifications) -------------------------------------------------------------------
export type NotificationDelivery = "immediate" | "daily" | "none";
export interface SubscriptionsTable {
  id: Id;
  user_id: number;
  municipality_id: number;
  created_at: string;
}
export interface NotificationPrefsTable {
  user_id: number;
  new_hearings: Flag;
  results: Flag;
  protocols: Flag;
  answers: Flag;
  reminders: Flag;
  delivery: Generated<NotificationDelivery>;
  unsubscribe_salt: string;
  last_digest_on: string | null;
  updated_at: string;
}
export interface NotificationsTable {
  id: Id;
  user_id: number;
  kind: string;
  hearing_id: number | null;
  payload_json: Generated<string>;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
}
export interface ReminderLogTable {
  id: Id;
  hearing_id: number;
  kind: string;
  user_id: number;
  created_at: string;
}
// ---- protocols -------------------------------------------------------------------------------
export interface ProtocolsTable {
  id: Id;
  hearing_id: number;
  municipality_id: number;
  /** «3/2026»: the protocol's own number (per municipality and year) */
  number: string;
  number_year: number | null;
  number_seq: number | null;
  state: ProtocolStage;
  chair_name: Generated<string>;
  secretary_name: Generated<string>;
  conclusions_ky: Generated<string>;
  conclusions_ru: Generated<string>;
  current_version: Generated<number>;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
}
/** The last protocol number handed out per municipality and Asia/Bishkek year. */
export interface ProtocolNumberCountersTable {
  municipality_id: number;
  year: number;
  last: number;
}
export type ProtocolDecision = "approved" | "returned";
export interface ProtocolVersionsTable {
  id: Id;
  protocol_id: number;
  version: number;
  content_json: string;
  content_sha256: string;
  created_by: number;
  created_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
  decision: ProtocolDecision | null;
  decided_by: number | null;
  decided_at: string | null;
  resolution_number: string | null;
  resolution_date: string | null;
  deputies_for: number | null;
  deputies_against: number | null;
  deputies_abstain: number | null;
  return_comments: string | null;
  verification_code: string | null;
}
export interface ProtocolFilesTable {
  id: Id;
  version_id: number;
  lang: "ky" | "ru";
  format: "pdf" | "docx";
  storage_key: string;
  sha256: string;
  size: number;
  created_at: string;
}

/** Versions of public content per scope ("all", "lists", "h:<id>"), raised by triggers (ADR 0031). */
export interface ContentVersionsTable {
  scope: string;
  version: number;
}

export interface Database {
  oblasts: OblastsTable;
  districts: DistrictsTable;
  municipalities: MunicipalitiesTable;
  villages: VillagesTable;
  users: UsersTable;
  sessions: SessionsTable;
  roles: RolesTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  registry_imports: RegistryImportsTable;
  registry_entries: RegistryEntriesTable;
  verifications: VerificationsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  hearings: HearingsTable;
  hearing_transitions: HearingTransitionsTable;
  hearing_versions: HearingVersionsTable;
  tariff_lines: TariffLinesTable;
  tariff_cost_items: TariffCostItemsTable;
  plan_sections: PlanSectionsTable;
  plan_projects: PlanProjectsTable;
  documents: DocumentsTable;
  questions: QuestionsTable;
  comments: CommentsTable;
  comment_reports: CommentReportsTable;
  votes: VotesTable;
  meeting_records: MeetingRecordsTable;
  meeting_tallies: MeetingTalliesTable;
  subscriptions: SubscriptionsTable;
  notification_prefs: NotificationPrefsTable;
  notifications: NotificationsTable;
  reminder_log: ReminderLogTable;
  protocols: ProtocolsTable;
  protocol_versions: ProtocolVersionsTable;
  protocol_files: ProtocolFilesTable;
  protocol_number_counters: ProtocolNumberCountersTable;
  content_versions: ContentVersionsTable;
}

export type Municipality = Selectable<MunicipalitiesTable>;
export type Village = Selectable<VillagesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Hearing = Selectable<HearingsTable>;
export type HearingUpdate = Updateable<HearingsTable>;
export type Comment = Selectable<CommentsTable>;
