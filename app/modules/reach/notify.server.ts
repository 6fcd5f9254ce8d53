/**
 * Notifications: one row per person in the in-portal list, and mail through the outbox for people
 * with an email address (at once, or collected in the daily digest), per-kind preferences and a
 * signed one-click unsubscribe link in every message.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DB } from "#db/connection";
import type { NotificationDelivery } from "#db/schema";
import { nowIso } from "../core/clock.server";
import { env } from "../core/env.server";
import { formatDate, formatDateTime, type Lang } from "../format/format";
import { isLang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { enqueueMail } from "../mail/outbox.server";
import type { DomainEvent } from "../notify/events.server";
import {
  absoluteUrl,
  hearingPath,
  notificationSettingsPath,
  notificationsPath,
  protocolPath,
  resultsPath,
  unsubscribePath,
} from "./links";
import type { Bilingual } from "./queries.server";

export type NotificationKind =
  | "hearing_announced"
  | "hearing_results"
  | "protocol_approved"
  | "comment_answered"
  | "reminder_comment_end"
  | "reminder_meeting"
  | "protocol_submitted"
  | "protocol_returned"
  | "vote_set_aside";

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "hearing_announced",
  "hearing_results",
  "protocol_approved",
  "comment_answered",
  "reminder_comment_end",
  "reminder_meeting",
  "protocol_submitted",
  "protocol_returned",
  "vote_set_aside",
];

type PrefColumn = "new_hearings" | "results" | "protocols" | "answers" | "reminders";
/** The preference that switches a kind on or off (null: work notices, always on). */
export const PREF_OF: Record<NotificationKind, PrefColumn | null> = {
  hearing_announced: "new_hearings",
  hearing_results: "results",
  protocol_approved: "protocols",
  comment_answered: "answers",
  reminder_comment_end: "reminders",
  reminder_meeting: "reminders",
  protocol_submitted: null,
  protocol_returned: null,
  // about the person's own vote: always sent, mailed like a personal notice (ADR 0050)
  vote_set_aside: null,
};

/** Kinds without a preference that are still mailed (not work notices): the person's own vote. */
const MAILED_ALWAYS: ReadonlySet<NotificationKind> = new Set(["vote_set_aside"]);

export interface NotificationPayload {
  title?: Bilingual;
  municipality?: Bilingual;
  at?: string | null;
  place?: Bilingual;
  status?: string | null;
  [k: string]: unknown;
}

// ---- preferences and the unsubscribe token ----------------------------------------------------
export async function ensurePrefs(db: DB, userId: number) {
  const existing = await db
    .selectFrom("notification_prefs")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (existing) return existing;
  await db
    .insertInto("notification_prefs")
    .values({
      user_id: userId,
      unsubscribe_salt: randomBytes(12).toString("base64url"),
      updated_at: nowIso(),
    })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  return db
    .selectFrom("notification_prefs")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
}

function sign(userId: number, salt: string): string {
  return createHmac("sha256", `unsubscribe:${env().registrySecret}`)
    .update(`${userId}:${salt}`)
    .digest("base64url");
}

export function unsubscribeToken(userId: number, salt: string): string {
  return `${userId}.${sign(userId, salt)}`;
}

/** The person a token names, when its signature is good; null otherwise. */
export async function verifyUnsubscribeToken(db: DB, token: string): Promise<number | null> {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m) return null;
  const userId = Number(m[1]);
  const prefs = await db
    .selectFrom("notification_prefs")
    .select("unsubscribe_salt")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!prefs) return null;
  const expected = Buffer.from(sign(userId, prefs.unsubscribe_salt));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}

// ---- rendering --------------------------------------------------------------------------------
const pick = (b: Bilingual | undefined, lang: Lang) => (b ? b[lang] || b.ky || b.ru : "");

/** The path a notification leads to. */
export function notificationPath(kind: string, hearingId: number | null, lang: Lang): string {
  if (hearingId === null) return notificationsPath(lang);
  if (kind === "hearing_results") return resultsPath(lang, hearingId);
  if (kind === "protocol_approved" || kind.startsWith("protocol_"))
    return protocolPath(lang, hearingId);
  return hearingPath(lang, hearingId);
}

/** One line of text for a notification, in a language. */
export function notificationText(kind: string, payload: NotificationPayload, lang: Lang): string {
  const t = getFixedT(lang, "reach");
  const at = typeof payload.at === "string" ? payload.at : null;
  return t(`kinds.${kind}`, {
    title: pick(payload.title, lang),
    municipality: pick(payload.municipality, lang),
    date: at ? formatDate(at, lang) : "",
    dateTime: at ? formatDateTime(at, lang) : "",
    place: pick(payload.place, lang),
    status: payload.status ? t(`answerStatus.${payload.status}`) : "",
    defaultValue: kind,
  });
}

function unsubscribeUrl(lang: Lang, userId: number, salt: string): string {
  return absoluteUrl(env().publicUrl, unsubscribePath(lang, unsubscribeToken(userId, salt)));
}

function mailFooter(lang: Lang, userId: number, salt: string): string {
  const t = getFixedT(lang, "reach");
  const base = env().publicUrl;
  return [
    "",
    "—",
    t("mail.footerSettings", { url: absoluteUrl(base, notificationSettingsPath(lang)) }),
    t("mail.footerUnsubscribe", { url: unsubscribeUrl(lang, userId, salt) }),
  ].join("\n");
}

interface Recipient {
  id: number;
  email: string | null;
  locale: string;
}

/** Split a long id list so no query carries more parameters than the databases allow. */
function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function recipients(db: DB, userIds: number[]): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const part of chunks(userIds)) {
    out.push(
      ...(await db
        .selectFrom("users")
        .select(["id", "email", "locale"])
        .where("id", "in", part)
        .orderBy("id")
        .execute()),
    );
  }
  return out;
}

/**
 * Create a notification for each person who wants this kind; mail it at once to those who chose
 * immediate delivery and have an address (the daily digest picks up the rest). Runs in the
 * caller's transaction. Returns the ids of the people notified.
 */
export async function notifyUsers(
  db: DB,
  userIds: number[],
  kind: NotificationKind,
  hearingId: number | null,
  payload: NotificationPayload,
): Promise<number[]> {
  const unique = [...new Set(userIds)];
  const people = await recipients(db, unique);
  const done: number[] = [];
  const t0 = nowIso();
  const known = new Map<number, Awaited<ReturnType<typeof ensurePrefs>>>();
  for (const part of chunks(unique)) {
    const rows = await db
      .selectFrom("notification_prefs")
      .selectAll()
      .where("user_id", "in", part)
      .execute();
    for (const p of rows) known.set(p.user_id, p);
  }
  for (const u of people) {
    const prefs = known.get(u.id) ?? (await ensurePrefs(db, u.id));
    const pref = PREF_OF[kind];
    if (pref && prefs[pref] !== 1) continue;
    // work notices (protocol submitted/returned) stay in the portal: the protocol feature mails them
    const mailable =
      !!u.email && prefs.delivery !== "none" && (pref !== null || MAILED_ALWAYS.has(kind));
    const mailNow = mailable && prefs.delivery === "immediate";
    const lang: Lang = isLang(u.locale) ? u.locale : "ky";
    await db
      .insertInto("notifications")
      .values({
        user_id: u.id,
        kind,
        hearing_id: hearingId,
        payload_json: JSON.stringify(payload),
        created_at: t0,
        // mailed now, or nothing to mail: marked, so the daily digest skips it
        emailed_at: mailable && !mailNow ? null : t0,
      })
      .execute();
    if (mailNow) {
      const t = getFixedT(lang, "reach");
      const text = notificationText(kind, payload, lang);
      const url = absoluteUrl(env().publicUrl, notificationPath(kind, hearingId, lang));
      await enqueueMail(db, {
        to: u.email!,
        subject: t(`mail.subject.${kind}`, {
          title: pick(payload.title, lang),
          defaultValue: text,
        }),
        text: [text, "", url, mailFooter(lang, u.id, prefs.unsubscribe_salt)].join("\n"),
        kind: `notify_${kind}`,
        listUnsubscribe: unsubscribeUrl(lang, u.id, prefs.unsubscribe_salt),
      });
    }
    done.push(u.id);
  }
  return done;
}

/** The daily digest for one person: the notifications not yet mailed, in one message. */
export async function enqueueDigest(db: DB, userId: number): Promise<number> {
  const [u] = await recipients(db, [userId]);
  if (!u?.email) return 0;
  const prefs = await ensurePrefs(db, userId);
  const rows = await db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .where("emailed_at", "is", null)
    .orderBy("id")
    .execute();
  if (rows.length === 0) return 0;
  const lang: Lang = isLang(u.locale) ? u.locale : "ky";
  const t = getFixedT(lang, "reach");
  const lines = rows.map((r) => {
    const payload = JSON.parse(r.payload_json) as NotificationPayload;
    const url = absoluteUrl(env().publicUrl, notificationPath(r.kind, r.hearing_id, lang));
    return `• ${notificationText(r.kind, payload, lang)}\n  ${url}`;
  });
  await enqueueMail(db, {
    to: u.email,
    subject: t("mail.digestSubject", { count: rows.length }),
    text: [
      t("mail.digestIntro"),
      "",
      ...lines,
      mailFooter(lang, userId, prefs.unsubscribe_salt),
    ].join("\n"),
    kind: "notify_digest",
    listUnsubscribe: unsubscribeUrl(lang, userId, prefs.unsubscribe_salt),
  });
  await db
    .updateTable("notifications")
    .set({ emailed_at: nowIso() })
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.length;
}

// ---- domain events ----------------------------------------------------------------------------
async function hearingInfo(db: DB, hearingId: number) {
  return db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .select([
      "h.id",
      "h.municipality_id",
      "h.title_ky",
      "h.title_ru",
      "h.comment_end_at",
      "h.meeting_at",
      "m.name_ky",
      "m.name_ru",
    ])
    .where("h.id", "=", hearingId)
    .executeTakeFirst();
}

async function subscriberIds(db: DB, municipalityId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("subscriptions")
    .select("user_id")
    .where("municipality_id", "=", municipalityId)
    .execute();
  return rows.map((r) => r.user_id);
}

async function roleHolders(db: DB, municipalityId: number, roles: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom("roles")
    .select("user_id")
    .where("municipality_id", "=", municipalityId)
    .where("role", "in", roles as never)
    .execute();
  return rows.map((r) => r.user_id);
}

export function hearingPayload(h: NonNullable<Awaited<ReturnType<typeof hearingInfo>>>) {
  return {
    title: { ky: h.title_ky, ru: h.title_ru },
    municipality: { ky: h.name_ky, ru: h.name_ru },
  };
}

export async function handleReachEvent(db: DB, event: DomainEvent): Promise<void> {
  if (event.type === "comment.answered") {
    const c = await db
      .selectFrom("comments")
      .select(["id", "hearing_id", "author_user_id", "answer_status"])
      .where("id", "=", event.commentId)
      .executeTakeFirst();
    if (!c?.author_user_id) return;
    const h = await hearingInfo(db, c.hearing_id);
    if (!h) return;
    await notifyUsers(db, [c.author_user_id], "comment_answered", h.id, {
      ...hearingPayload(h),
      status: c.answer_status,
      commentId: c.id,
    });
    return;
  }
  const h = await hearingInfo(db, event.hearingId);
  if (!h) return;
  const payload = hearingPayload(h);
  if (event.type === "hearing.amended") {
    // each voter whose vote the amendment set aside, once, in their own language
    const voters = await db
      .selectFrom("votes_set_aside")
      .select("user_id")
      .distinct()
      .where("amendment_id", "=", event.amendmentId)
      .execute();
    const a = await db
      .selectFrom("amendments")
      .select(["number", "created_at"])
      .where("id", "=", event.amendmentId)
      .executeTakeFirst();
    await notifyUsers(
      db,
      voters.map((v) => v.user_id),
      "vote_set_aside",
      h.id,
      { ...payload, at: a?.created_at ?? null, amendment: a?.number ?? null },
    );
    return;
  }
  switch (event.type) {
    case "hearing.announced":
      await notifyUsers(db, await subscriberIds(db, h.municipality_id), "hearing_announced", h.id, {
        ...payload,
        at: h.comment_end_at,
      });
      return;
    case "hearing.closed":
      await notifyUsers(
        db,
        await subscriberIds(db, h.municipality_id),
        "hearing_results",
        h.id,
        payload,
      );
      return;
    case "protocol.approved":
      await notifyUsers(
        db,
        await subscriberIds(db, h.municipality_id),
        "protocol_approved",
        h.id,
        payload,
      );
      return;
    case "protocol.submitted":
      await notifyUsers(
        db,
        await roleHolders(db, h.municipality_id, ["council_secretary", "council_member"]),
        "protocol_submitted",
        h.id,
        payload,
      );
      return;
    case "protocol.returned":
      await notifyUsers(
        db,
        await roleHolders(db, h.municipality_id, ["official"]),
        "protocol_returned",
        h.id,
        payload,
      );
      return;
  }
}

export type { NotificationDelivery };
