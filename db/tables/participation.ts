/** Participation: comments and replies, reports, online votes, the meeting record and its show-of-hands tallies. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id, Flag } from "./common";

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
  /** the language of the page the comment was written on; null for comments from before 2026-11-30 */
  lang: "ky" | "ru" | null;
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

/** A vote set aside by an amendment (migration 50, ADR 0050): out of `votes`, kept, never counted. */
export interface VotesSetAsideTable {
  id: Id;
  amendment_id: number;
  hearing_id: number;
  /** the vote's id in `votes` before it was set aside */
  vote_id: number;
  /** no foreign key: a question removed by the amendment goes, these rows stay */
  question_id: number;
  question_title_ky: string;
  question_title_ru: string;
  user_id: number;
  choice: VoteChoice;
  village_id: number | null;
  created_at: string;
  updated_at: string;
  set_aside_at: string;
}

export interface MeetingRecordsTable {
  hearing_id: number;
  attendance: Generated<number>;
  held_at: string | null;
  /** why the meeting was held on another day than announced (migration 20), else null */
  held_reason: string | null;
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

/** The participation tables, by name (composed into `Database` in db/schema.ts). */
export interface ParticipationTables {
  comments: CommentsTable;
  comment_reports: CommentReportsTable;
  votes: VotesTable;
  votes_set_aside: VotesSetAsideTable;
  meeting_records: MeetingRecordsTable;
  meeting_tallies: MeetingTalliesTable;
}
