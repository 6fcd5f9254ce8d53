/**
 * Reads of the hearings feature, returning view models. Pure reads: time-driven states are derived
 * from the dates (`deriveState`), never stored here; the job tick stores them (ADR 0030).
 */
import { publicStage } from "../protocol/stage";
import type { DB } from "#db/connection";
import type { Hearing, HearingState, HearingType, ProtocolStage } from "#db/schema";
import type { Actor } from "../auth/permissions";
import { now } from "../core/clock.server";
import { normalizeSearch } from "../format/search";
import { bishkekParts, toIsoBishkek } from "../format/time";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { describeChanges, parseChanges, type AmendmentChange } from "./amend";
import { changeRatio } from "./catalog";
import { deriveState, pendingClockSteps } from "./state";

const pick = (lang: Lang, ky: string | null | undefined, ru: string | null | undefined) =>
  (lang === "ky" ? ky || ru : ru || ky) ?? "";

export interface HearingHeader {
  id: number;
  municipalityId: number;
  municipalitySlug: string;
  municipalityName: string;
  type: HearingType;
  state: HearingState;
  title: string;
  summary: string;
  shortCode: string;
  commentStartAt: string | null;
  commentEndAt: string | null;
  meetingAt: string | null;
  meetingPlace: string | null;
  protocolState: ProtocolStage | null;
}

async function rowWithMunicipality(db: DB, id: number) {
  return db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .selectAll("h")
    .select([
      "m.slug as m_slug",
      "m.name_ky as m_name_ky",
      "m.name_ru as m_name_ru",
      "m.min_comment_days as m_min_comment_days",
      "m.min_notice_days as m_min_notice_days",
      "m.is_demo as m_is_demo",
    ])
    .where("h.id", "=", id)
    .executeTakeFirst();
}

/** The hearing's header for other features (notice poster, feeds, protocol). Drafts included. */
export async function getHearingHeader(
  db: DB,
  id: number,
  lang: Lang,
): Promise<HearingHeader | null> {
  if (!Number.isInteger(id) || id <= 0) return null;
  const h = await rowWithMunicipality(db, id);
  if (!h) return null;
  return {
    id: h.id,
    municipalityId: h.municipality_id,
    municipalitySlug: h.m_slug,
    municipalityName: pick(lang, h.m_name_ky, h.m_name_ru),
    type: h.type,
    state: deriveState(h, now()),
    title: pick(lang, h.title_ky, h.title_ru),
    summary: pick(lang, h.summary_ky, h.summary_ru),
    shortCode: h.short_code,
    commentStartAt: h.comment_start_at,
    commentEndAt: h.comment_end_at,
    meetingAt: h.meeting_at,
    meetingPlace: pick(lang, h.meeting_place_ky, h.meeting_place_ru) || null,
    protocolState: h.protocol_state,
  };
}

// ---- the full hearing ----------------------------------------------------------------------

export interface TariffLineView {
  id: number;
  service: string;
  category: string;
  unit: string;
  currentPrice: number;
  proposedPrice: number;
  ratio: number | null;
  justification: string;
  costItems: { name: string; amount: number }[];
}
export interface PlanSectionView {
  id: number;
  name: string;
  total: number;
  projects: {
    id: number;
    title: string;
    budget: number;
    yearFrom: number;
    yearTo: number;
    fundingSource: string;
    description: string;
  }[];
}
export interface HearingView extends HearingHeader {
  body: string;
  authoritativeLang: "ky" | "ru";
  initiatorKind: "okmotu" | "enterprise";
  initiatorName: string | null;
  isDemo: boolean;
  noticeAt: string | null;
  cancelReason: string | null;
  announcedAt: string | null;
  closedAt: string | null;
  minCommentDays: number;
  earliestCloseAt: string | null;
  version: number;
  lastUpdate: { at: string; changed: string[] } | null;
  /** amendments after announcement, in order (ADR 0050): changes rendered by hearings/amend.ts */
  amendments: {
    number: number;
    at: string;
    reason: string;
    changes: AmendmentChange[];
    /** the new comment end when the amendment moved it, else null */
    commentEndMovedTo: string | null;
  }[];
  tariffLines: TariffLineView[];
  planSections: PlanSectionView[];
  planTotal: number;
  documents: { id: number; name: string; contentType: string; size: number; createdAt: string }[];
  questions: { id: number; title: string }[];
  transitions: {
    from: string | null;
    to: string;
    at: string;
    reason: string | null;
    byClock: boolean;
  }[];
}

async function details(db: DB, id: number) {
  const [lines, sections, docs, questions, transitions, lastVersion, amendments] =
    await Promise.all([
      db
        .selectFrom("tariff_lines")
        .selectAll()
        .where("hearing_id", "=", id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("plan_sections")
        .selectAll()
        .where("hearing_id", "=", id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("documents")
        .selectAll()
        .where("hearing_id", "=", id)
        .where("removed_at", "is", null)
        .orderBy("id")
        .execute(),
      db
        .selectFrom("questions")
        .selectAll()
        .where("hearing_id", "=", id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("hearing_transitions")
        .selectAll()
        .where("hearing_id", "=", id)
        .orderBy("id")
        .execute(),
      db
        .selectFrom("hearing_versions")
        .select(["created_at", "changed_fields_json"])
        .where("hearing_id", "=", id)
        .orderBy("version", "desc")
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom("amendments")
        .select([
          "number",
          "created_at",
          "reason",
          "changes_json",
          "comment_end_before",
          "comment_end_after",
        ])
        .where("hearing_id", "=", id)
        .orderBy("number")
        .execute(),
    ]);
  const lineIds = lines.map((l) => l.id);
  const sectionIds = sections.map((s) => s.id);
  const [costItems, projects] = await Promise.all([
    lineIds.length
      ? db
          .selectFrom("tariff_cost_items")
          .selectAll()
          .where("tariff_line_id", "in", lineIds)
          .orderBy("position")
          .execute()
      : [],
    sectionIds.length
      ? db
          .selectFrom("plan_projects")
          .selectAll()
          .where("section_id", "in", sectionIds)
          .orderBy("position")
          .execute()
      : [],
  ]);
  return {
    lines,
    sections,
    docs,
    questions,
    transitions,
    lastVersion,
    amendments,
    costItems,
    projects,
  };
}

/** The hearing as the public page shows it (drafts too: the route decides who may see one). */
export async function getHearingView(db: DB, id: number, lang: Lang): Promise<HearingView | null> {
  const header = await getHearingHeader(db, id, lang);
  if (!header) return null;
  const h = (await rowWithMunicipality(db, id))!;
  const d = await details(db, id);
  const sections: PlanSectionView[] = d.sections.map((s) => {
    const projects = d.projects
      .filter((p) => p.section_id === s.id)
      .map((p) => ({
        id: p.id,
        title: pick(lang, p.title_ky, p.title_ru),
        budget: Number(p.budget),
        yearFrom: Number(p.year_from),
        yearTo: Number(p.year_to),
        fundingSource: p.funding_source,
        description: pick(lang, p.description_ky, p.description_ru),
      }));
    return {
      id: s.id,
      name: pick(lang, s.name_ky, s.name_ru),
      projects,
      total: projects.reduce((n, p) => n + p.budget, 0),
    };
  });
  const minCommentDays = Number(h.m_min_comment_days);
  return {
    ...header,
    body: pick(lang, h.body_ky, h.body_ru),
    authoritativeLang: h.authoritative_lang,
    initiatorKind: h.initiator_kind,
    initiatorName: pick(lang, h.initiator_name_ky, h.initiator_name_ru) || null,
    isDemo: h.m_is_demo === 1,
    noticeAt: h.notice_at,
    cancelReason: h.cancel_reason,
    announcedAt: h.announced_at,
    closedAt: h.closed_at ?? (header.state === "closed" ? h.comment_end_at : null),
    minCommentDays,
    earliestCloseAt: h.comment_start_at
      ? new Date(new Date(h.comment_start_at).getTime() + minCommentDays * 864e5).toISOString()
      : null,
    version: Number(h.version),
    lastUpdate: d.lastVersion
      ? { at: d.lastVersion.created_at, changed: JSON.parse(d.lastVersion.changed_fields_json) }
      : null,
    amendments: d.amendments.map((a) => ({
      number: Number(a.number),
      at: a.created_at,
      reason: a.reason,
      changes: parseChanges(a.changes_json),
      commentEndMovedTo:
        a.comment_end_after && a.comment_end_after !== a.comment_end_before
          ? a.comment_end_after
          : null,
    })),
    tariffLines: d.lines.map((l) => ({
      id: l.id,
      service: l.service,
      category: l.category,
      unit: l.unit,
      currentPrice: Number(l.current_price),
      proposedPrice: Number(l.proposed_price),
      ratio: changeRatio(Number(l.current_price), Number(l.proposed_price)),
      justification: pick(lang, l.justification_ky, l.justification_ru),
      costItems: d.costItems
        .filter((c) => c.tariff_line_id === l.id)
        .map((c) => ({ name: pick(lang, c.name_ky, c.name_ru), amount: Number(c.amount) })),
    })),
    planSections: sections,
    planTotal: sections.reduce((n, s) => n + s.total, 0),
    documents: d.docs.map((x) => ({
      id: x.id,
      name: x.title || x.file_name,
      contentType: x.content_type,
      size: Number(x.size),
      createdAt: x.created_at,
    })),
    questions: d.questions.map((q) => ({ id: q.id, title: pick(lang, q.title_ky, q.title_ru) })),
    transitions: [
      ...d.transitions.map((t) => ({
        from: t.from_state,
        to: t.to_state,
        at: t.created_at,
        reason: t.reason,
        byClock: t.actor_user_id === null,
      })),
      // steps the dates have made but the job tick has not stored yet
      ...pendingClockSteps(h, now()).map((s) => ({
        from: s.from,
        to: s.to,
        at: s.at,
        reason: null,
        byClock: true,
      })),
    ],
  };
}

/** The raw row (both languages) for the officials' edit form. */
export async function getHearingForEdit(db: DB, id: number) {
  if (!Number.isInteger(id) || id <= 0) return null;
  const h = await rowWithMunicipality(db, id);
  if (!h) return null;
  const d = await details(db, id);
  return {
    hearing: h,
    state: deriveState(h, now()),
    lines: d.lines.map((l) => ({
      ...l,
      current_price: Number(l.current_price),
      proposed_price: Number(l.proposed_price),
      costItems: d.costItems
        .filter((c) => c.tariff_line_id === l.id)
        .map((c) => ({ ...c, amount: Number(c.amount) })),
    })),
    sections: d.sections.map((s) => ({
      ...s,
      projects: d.projects
        .filter((p) => p.section_id === s.id)
        .map((p) => ({ ...p, budget: Number(p.budget) })),
    })),
    documents: d.docs.map((x) => ({
      id: x.id,
      name: x.title || x.file_name,
      size: Number(x.size),
    })),
    questions: d.questions,
  };
}

/** Who may see a hearing: the policy's `mayView` (kept here for the queries' callers). */
export { mayView } from "./policy";

export async function getDocumentForDownload(db: DB, hearingId: number, docId: number) {
  if (!Number.isInteger(docId) || !Number.isInteger(hearingId)) return null;
  return db
    .selectFrom("documents as d")
    .innerJoin("hearings as h", "h.id", "d.hearing_id")
    .select([
      "d.id",
      "d.storage_key",
      "d.file_name",
      "d.content_type",
      "d.size",
      "d.sha256",
      "h.state",
      "h.municipality_id",
    ])
    .where("d.id", "=", docId)
    .where("d.hearing_id", "=", hearingId)
    .where("d.removed_at", "is", null)
    .executeTakeFirst();
}

// ---- lists ---------------------------------------------------------------------------------

export interface HearingListItem {
  id: number;
  type: HearingType;
  state: HearingState;
  title: string;
  summary: string;
  municipalitySlug: string;
  municipalityName: string;
  commentStartAt: string | null;
  commentEndAt: string | null;
  year: number | null;
}

type ListRow = Hearing & { m_slug: string; m_name_ky: string; m_name_ru: string };

function toListItem(r: ListRow, lang: Lang): HearingListItem {
  const when = r.comment_start_at ?? r.notice_at;
  return {
    id: r.id,
    type: r.type,
    state: deriveState(r, now()),
    title: pick(lang, r.title_ky, r.title_ru),
    summary: pick(lang, r.summary_ky, r.summary_ru),
    municipalitySlug: r.m_slug,
    municipalityName: pick(lang, r.m_name_ky, r.m_name_ru),
    commentStartAt: r.comment_start_at,
    commentEndAt: r.comment_end_at,
    year: when ? bishkekParts(when).year : null,
  };
}

function baseList(db: DB) {
  return db
    .selectFrom("hearings as h")
    .innerJoin("municipalities as m", "m.id", "h.municipality_id")
    .selectAll("h")
    .select(["m.slug as m_slug", "m.name_ky as m_name_ky", "m.name_ru as m_name_ru"]);
}

export interface ListFilters {
  state?: string;
  type?: string;
  year?: number | null;
  q?: string;
}

/** A municipality's public hearings (never drafts), newest first, filtered. */
export async function listMunicipalityHearings(
  db: DB,
  municipalityId: number,
  lang: Lang,
  f: ListFilters = {},
): Promise<{ items: HearingListItem[]; years: number[]; total: number }> {
  let q = baseList(db)
    .where("h.municipality_id", "=", municipalityId)
    .where("h.state", "!=", "draft");
  if (f.type) q = q.where("h.type", "=", f.type as HearingType);
  if (f.q) q = q.where("h.search_text", "like", `%${normalizeSearch(f.q).replace(/[%_]/g, "")}%`);
  const rows = (await q
    .orderBy("h.comment_start_at", "desc")
    .orderBy("h.id", "desc")
    .execute()) as ListRow[];
  const all = rows.map((r) => toListItem(r, lang));
  const years = [...new Set(all.map((i) => i.year).filter((y): y is number => y !== null))].sort(
    (a, b) => b - a,
  );
  const items = all.filter(
    (i) => (!f.state || i.state === f.state) && (!f.year || i.year === f.year),
  );
  const total = await db
    .selectFrom("hearings")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("municipality_id", "=", municipalityId)
    .where("state", "!=", "draft")
    .executeTakeFirstOrThrow();
  return { items, years, total: Number(total.n) };
}

/** Hearings open for comments now, across all municipalities (the portal home). */
export async function listOpenHearings(db: DB, lang: Lang): Promise<HearingListItem[]> {
  const rows = (await baseList(db)
    .where("h.state", "in", ["announced", "open"]) // open by its dates, stored or not yet
    .where("h.comment_start_at", "<=", now().toISOString())
    .orderBy("h.comment_end_at", "asc")
    .limit(50)
    .execute()) as ListRow[];
  return rows.map((r) => toListItem(r, lang)).filter((i) => i.state === "open");
}

/** The officials' dashboard: each municipality where the person is an official, its hearings. */
export async function listOfficeHearings(db: DB, user: Actor, lang: Lang) {
  const ids = [
    ...new Set(user.roles.filter((r) => r.role === "official").map((r) => r.municipalityId)),
  ];
  if (!ids.length) return [];
  const ms = await db
    .selectFrom("municipalities")
    .select(["id", "slug", "name_ky", "name_ru"])
    .where("id", "in", ids)
    .execute();
  const rows = (await baseList(db)
    .where("h.municipality_id", "in", ids)
    .orderBy("h.updated_at", "desc")
    .execute()) as ListRow[];
  return ms.map((m) => ({
    id: m.id,
    slug: m.slug,
    name: pick(lang, m.name_ky, m.name_ru),
    hearings: rows.filter((r) => r.municipality_id === m.id).map((r) => toListItem(r, lang)),
  }));
}

// ---- open data -----------------------------------------------------------------------------

const both = (ky: string | null, ru: string | null) => ({ ky: ky ?? "", ru: ru ?? "" });
const isoOrNull = (v: string | null) => (v ? toIsoBishkek(v) : null);

export async function apiMunicipalities(db: DB, base: string) {
  const rows = await db
    .selectFrom("municipalities as m")
    .innerJoin("districts as d", "d.id", "m.district_id")
    .innerJoin("oblasts as o", "o.id", "d.oblast_id")
    .select([
      "m.slug",
      "m.kind",
      "m.name_ky",
      "m.name_ru",
      "m.is_demo",
      "d.slug as d_slug",
      "d.name_ky as d_ky",
      "d.name_ru as d_ru",
      "o.slug as o_slug",
      "o.name_ky as o_ky",
      "o.name_ru as o_ru",
    ])
    .orderBy("m.slug")
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    kind: r.kind,
    name: both(r.name_ky, r.name_ru),
    district: { slug: r.d_slug, name: both(r.d_ky, r.d_ru) },
    oblast: { slug: r.o_slug, name: both(r.o_ky, r.o_ru) },
    demo: r.is_demo === 1,
    hearings: `${base}/api/v1/municipalities/${r.slug}/hearings`,
  }));
}

function apiListItem(r: ListRow, base: string) {
  return {
    id: r.id,
    municipality: r.m_slug,
    type: r.type,
    // once closed, the state follows the protocol: protocol_drafted | _submitted | _approved | _returned
    state: publicStage(deriveState(r, now()), r.protocol_state),
    protocolState: r.protocol_state,
    title: both(r.title_ky, r.title_ru),
    summary: both(r.summary_ky, r.summary_ru),
    commentStartAt: isoOrNull(r.comment_start_at),
    commentEndAt: isoOrNull(r.comment_end_at),
    url: `${base}/api/v1/hearings/${r.id}`,
    page: { ky: `${base}/ky/hearings/${r.id}`, ru: `${base}/ru/hearings/${r.id}` },
  };
}

export async function apiMunicipalityHearings(db: DB, slug: string, base: string) {
  const m = await db
    .selectFrom("municipalities")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!m) return null;
  const rows = (await baseList(db)
    .where("h.municipality_id", "=", m.id)
    .where("h.state", "!=", "draft")
    .orderBy("h.id", "desc")
    .execute()) as ListRow[];
  return { municipality: slug, hearings: rows.map((r) => apiListItem(r, base)) };
}

export async function apiHearing(db: DB, id: number, base: string) {
  if (!Number.isInteger(id) || id <= 0) return null;
  const h = (await baseList(db).where("h.id", "=", id).executeTakeFirst()) as ListRow | undefined;
  if (!h || h.state === "draft") return null;
  const d = await details(db, id);
  const out: Record<string, unknown> = {
    ...apiListItem(h, base),
    body: both(h.body_ky, h.body_ru),
    authoritativeLanguage: h.authoritative_lang,
    initiator: {
      kind: h.initiator_kind,
      name:
        h.initiator_kind === "enterprise" ? both(h.initiator_name_ky, h.initiator_name_ru) : null,
    },
    schedule: {
      noticeAt: isoOrNull(h.notice_at),
      commentStartAt: isoOrNull(h.comment_start_at),
      commentEndAt: isoOrNull(h.comment_end_at),
      meetingAt: isoOrNull(h.meeting_at),
      meetingPlace: both(h.meeting_place_ky, h.meeting_place_ru),
    },
    cancelReason: h.cancel_reason,
    version: Number(h.version),
    updatedAt: toIsoBishkek(h.updated_at),
    questions: d.questions.map((q) => ({ id: q.id, title: both(q.title_ky, q.title_ru) })),
    amendments: await apiAmendments(db, id, d.amendments),
    documents: d.docs.map((x) => ({
      id: x.id,
      name: x.title || x.file_name,
      contentType: x.content_type,
      size: Number(x.size),
      sha256: x.sha256,
      url: `${base}/ru/hearings/${id}/documents/${x.id}`,
    })),
  };
  if (h.type === "tariff")
    out.tariffLines = d.lines.map((l) => ({
      service: l.service,
      category: l.category,
      unit: l.unit,
      currentPrice: Number(l.current_price) / 100,
      proposedPrice: Number(l.proposed_price) / 100,
      changePercent:
        Number(l.current_price) > 0
          ? Math.round((Number(l.proposed_price) / Number(l.current_price) - 1) * 10000) / 100
          : null,
      justification: both(l.justification_ky, l.justification_ru),
      costItems: d.costItems
        .filter((c) => c.tariff_line_id === l.id)
        .map((c) => ({ name: both(c.name_ky, c.name_ru), amount: Number(c.amount) / 100 })),
    }));
  else
    out.planSections = d.sections.map((s) => {
      const projects = d.projects.filter((p) => p.section_id === s.id);
      return {
        name: both(s.name_ky, s.name_ru),
        total: projects.reduce((n, p) => n + Number(p.budget), 0) / 100,
        projects: projects.map((p) => ({
          title: both(p.title_ky, p.title_ru),
          budget: Number(p.budget) / 100,
          yearFrom: Number(p.year_from),
          yearTo: Number(p.year_to),
          fundingSource: p.funding_source,
          description: both(p.description_ky, p.description_ru),
        })),
      };
    });
  return out;
}

/** An amendment's change for the API: amounts in сом like the rest of the API. */
function apiChange(c: AmendmentChange): Record<string, unknown> {
  const som = (tyiyn: number) => tyiyn / 100;
  switch (c.kind) {
    case "price":
    case "projectBudget":
      return { ...c, from: som(c.from), to: som(c.to) };
    case "lineAdded":
    case "lineRemoved":
      return { ...c, proposed: som(c.proposed) };
    case "projectAdded":
    case "projectRemoved":
      return { ...c, budget: som(c.budget) };
    default:
      return { ...c };
  }
}

/**
 * The amendments of `/api/v1/hearings/{id}` (ADR 0050): number, moment, reason, the changes as
 * data and as text in ky and ru, the comment end before and after, and how many votes each set
 * aside (from `votes_set_aside`).
 */
async function apiAmendments(
  db: DB,
  hearingId: number,
  rows: {
    number: number | string;
    created_at: string;
    reason: string;
    changes_json: string;
    comment_end_before: string | null;
    comment_end_after: string | null;
  }[],
) {
  if (!rows.length) return [];
  const counts = await db
    .selectFrom("votes_set_aside as v")
    .innerJoin("amendments as a", "a.id", "v.amendment_id")
    .select(["a.number", (eb) => eb.fn.countAll<number>().as("n")])
    .where("v.hearing_id", "=", hearingId)
    .groupBy("a.number")
    .execute();
  const setAside = new Map(counts.map((c) => [Number(c.number), Number(c.n)]));
  return rows.map((a) => {
    const changes = parseChanges(a.changes_json);
    return {
      number: Number(a.number),
      at: toIsoBishkek(a.created_at),
      reason: a.reason,
      changes: changes.map(apiChange),
      text: {
        ky: describeChanges(changes, getFixedT("ky"), "ky"),
        ru: describeChanges(changes, getFixedT("ru"), "ru"),
      },
      commentEndBefore: isoOrNull(a.comment_end_before),
      commentEndAfter: isoOrNull(a.comment_end_after),
      votesSetAside: setAside.get(Number(a.number)) ?? 0,
    };
  });
}

/** What a guard or policy needs of a hearing: its municipality and its (derived) state. */
export interface HearingRef {
  id: number;
  municipalityId: number;
  type: HearingType;
  /** derived from the dates at the moment of reading (see state.ts) */
  state: HearingState;
  protocolState: ProtocolStage | null;
}

/** A hearing's reference by id (any state, drafts included), or null. */
export async function getHearingRef(db: DB, id: number): Promise<HearingRef | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const h = await db
    .selectFrom("hearings")
    .select([
      "id",
      "municipality_id",
      "type",
      "state",
      "comment_start_at",
      "comment_end_at",
      "protocol_state",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!h) return null;
  return {
    id: h.id,
    municipalityId: h.municipality_id,
    type: h.type,
    state: deriveState(h, now()),
    protocolState: h.protocol_state,
  };
}
