/** Reach: subscriptions, notification preferences, in-portal notifications, sent reminders. Row types only (conventions in db/schema.ts). */
import type { Generated } from "kysely";
import type { Id, Flag } from "./common";

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

/** The reach tables, by name (composed into `Database` in db/schema.ts). */
export interface ReachTables {
  subscriptions: SubscriptionsTable;
  notification_prefs: NotificationPrefsTable;
  notifications: NotificationsTable;
  reminder_log: ReminderLogTable;
}
