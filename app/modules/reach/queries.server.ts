/**
 * Reads for the reach feature: a hearing as the poster, calendar and share links need it, the
 * municipality's feed, and a person's notifications.
 */
import { compiledOnce } from "#db/compiled-once";
import type { DB } from "#db/connection";
import type { HearingState, HearingType, NotificationDelivery } from "#db/schema";
import { now } from "../core/clock.server";
import type { Lang } from "../format/format";
import { deriveState } from "../hearings/state";

export interface Bilingual {
  ky: string;
  ru: string;
}

export interface ReachHearing {
  id: number;
  type: HearingType;
  state: HearingState;
  shortCode: string;
  municipality: { id: number; slug: string; name: Bilingual };
  title: Bilingual;
  summary: Bilingual;
  noticeAt: string | null;
  commentStartAt: string | null;
  commentEndAt: string | null;
  meetingAt: string | null;
  meetingPlace: Bilingual;
  announcedAt: string | null;
  closedAt: string | null;
  protocolState: string | null;
  updatedAt: string;
  tariffLines: {
    service: string;
    category: string;
    unit: string;
    currentPrice: number;
    proposedPrice: number;
  }[];
  plan: { totalBudget: number; sections: { name: Bilingual; budget: number }[] } | null;
}

/** A public (not draft) hearing with what the poster and calendar show; null when there is none. */
export async function getReachHearing(db: DB, id: number): Promise<ReachHearing | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const h = await db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .selectAll("h")
    .select(["m.slug as m_slug", "m.name_ky as m_ky", "m.name_ru as m_ru"])
    .where("h.id", "=", id)
    .executeTakeFirst();
  if (!h || h.state === "draft") return null;
  const [lines, sections] = await Promise.all([
    db
      .selectFrom("tariff_lines")
      .selectAll()
      .where("hearing_id", "=", id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("plan_sections as s")
      .leftJoin("plan_projects as p", "p.section_id", "s.id")
      .select(["s.id", "s.name_ky", "s.name_ru", "s.position"])
      .select((eb) => eb.fn.sum<string | number | null>("p.budget").as("budget"))
      .where("s.hearing_id", "=", id)
      .groupBy(["s.id", "s.name_ky", "s.name_ru", "s.position"])
      .orderBy("s.position")
      .execute(),
  ]);
  const planSections = sections.map((s) => ({
    name: { ky: s.name_ky, ru: s.name_ru },
    budget: Number(s.budget ?? 0),
  }));
  return {
    id: h.id,
    type: h.type,
    state: deriveState(h, now()),
    shortCode: h.short_code,
    municipality: { id: h.municipality_id, slug: h.m_slug, name: { ky: h.m_ky, ru: h.m_ru } },
    title: { ky: h.title_ky, ru: h.title_ru },
    summary: { ky: h.summary_ky, ru: h.summary_ru },
    noticeAt: h.notice_at,
    commentStartAt: h.comment_start_at,
    commentEndAt: h.comment_end_at,
    meetingAt: h.meeting_at,
    meetingPlace: { ky: h.meeting_place_ky ?? "", ru: h.meeting_place_ru ?? "" },
    announcedAt: h.announced_at,
    closedAt: h.closed_at,
    protocolState: h.protocol_state,
    updatedAt: h.updated_at,
    tariffLines: lines.map((l) => ({
      service: l.service,
      category: l.category,
      unit: l.unit,
      currentPrice: Number(l.current_price),
      proposedPrice: Number(l.proposed_price),
    })),
    plan:
      h.type === "plan"
        ? { totalBudget: planSections.reduce((a, s) => a + s.budget, 0), sections: planSections }
        : null,
  };
}

export async function getHearingIdByCode(db: DB, code: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(code)) return null;
  const row = await db
    .selectFrom("hearings")
    .select(["id", "state"])
    .where("short_code", "=", code)
    .executeTakeFirst();
  return row && row.state !== "draft" ? row.id : null;
}

// ---- the municipality's feed ------------------------------------------------------------------
export interface FeedEntry {
  kind: "announced" | "results" | "protocol";
  hearingId: number;
  title: Bilingual;
  summary: Bilingual;
  at: string;
}
export interface MunicipalityFeed {
  municipality: { id: number; slug: string; name: Bilingual };
  entries: FeedEntry[];
}

/** New hearings, results and approved protocols of a municipality, newest first. */
export async function getMunicipalityFeed(
  db: DB,
  slug: string,
  limit = 50,
): Promise<MunicipalityFeed | null> {
  const m = await db
    .selectFrom("municipalities")
    .select(["id", "slug", "name_ky", "name_ru"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!m) return null;
  const hearings = await db
    .selectFrom("hearings")
    .select([
      "id",
      "state",
      "title_ky",
      "title_ru",
      "summary_ky",
      "summary_ru",
      "announced_at",
      "notice_at",
      "created_at",
      "closed_at",
      "comment_start_at",
      "comment_end_at",
      "protocol_state",
      "updated_at",
    ])
    .where("municipality_id", "=", m.id)
    .where("state", "<>", "draft")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
  const t = now();
  const entries: FeedEntry[] = [];
  for (const h of hearings) {
    const base = {
      hearingId: h.id,
      title: { ky: h.title_ky, ru: h.title_ru },
      summary: { ky: h.summary_ky, ru: h.summary_ru },
    };
    entries.push({ kind: "announced", at: h.announced_at ?? h.notice_at ?? h.created_at, ...base });
    const state = deriveState(h, t);
    if (state === "closed") {
      entries.push({
        kind: "results",
        at: h.closed_at ?? h.comment_end_at ?? h.updated_at,
        ...base,
      });
    }
    if (h.protocol_state === "approved") {
      entries.push({ kind: "protocol", at: h.updated_at, ...base });
    }
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return {
    municipality: { id: m.id, slug: m.slug, name: { ky: m.name_ky, ru: m.name_ru } },
    entries: entries.slice(0, limit),
  };
}

// ---- notifications ----------------------------------------------------------------------------
export interface NotificationItem {
  id: number;
  kind: string;
  hearingId: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

/** The unread count of slot 0's notifications. Built once: every signed-in page shows it. */
const unreadCount = compiledOnce(1, (db: DB, ...s) =>
  db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", s[0] as unknown as number)
    .where("read_at", "is", null),
);

export async function countUnread(db: DB, userId: number): Promise<number> {
  const row = (await unreadCount(db, [userId])).rows[0] as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

export async function listNotifications(
  db: DB,
  userId: number,
  limit = 100,
): Promise<NotificationItem[]> {
  const rows = await db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    hearingId: r.hearing_id,
    payload: safeJson(r.payload_json),
    createdAt: r.created_at,
    read: r.read_at !== null,
  }));
}

export function safeJson(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface PrefsView {
  newHearings: boolean;
  results: boolean;
  protocols: boolean;
  answers: boolean;
  reminders: boolean;
  delivery: NotificationDelivery;
  hasEmail: boolean;
  subscriptions: { municipalityId: number; slug: string; name: string }[];
  municipalities: { id: number; slug: string; name: string }[];
}

export async function getPrefsView(db: DB, userId: number, lang: Lang): Promise<PrefsView> {
  const [prefs, user, subs, all] = await Promise.all([
    db
      .selectFrom("notification_prefs")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst(),
    db.selectFrom("users").select(["email"]).where("id", "=", userId).executeTakeFirst(),
    db
      .selectFrom("subscriptions as s")
      .innerJoin("municipalities as m", "m.id", "s.municipality_id")
      .select(["m.id", "m.slug", "m.name_ky", "m.name_ru"])
      .where("s.user_id", "=", userId)
      .orderBy("s.id")
      .execute(),
    db.selectFrom("municipalities").select(["id", "slug", "name_ky", "name_ru"]).execute(),
  ]);
  const name = (r: { name_ky: string; name_ru: string }) => (lang === "ky" ? r.name_ky : r.name_ru);
  return {
    newHearings: (prefs?.new_hearings ?? 1) === 1,
    results: (prefs?.results ?? 1) === 1,
    protocols: (prefs?.protocols ?? 1) === 1,
    answers: (prefs?.answers ?? 1) === 1,
    reminders: (prefs?.reminders ?? 1) === 1,
    delivery: prefs?.delivery ?? "immediate",
    hasEmail: !!user?.email,
    subscriptions: subs.map((s) => ({ municipalityId: s.id, slug: s.slug, name: name(s) })),
    municipalities: all
      .map((m) => ({ id: m.id, slug: m.slug, name: name(m) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang)),
  };
}

export async function isSubscribed(db: DB, userId: number, municipalityId: number) {
  const row = await db
    .selectFrom("subscriptions")
    .select("id")
    .where("user_id", "=", userId)
    .where("municipality_id", "=", municipalityId)
    .executeTakeFirst();
  return !!row;
}
