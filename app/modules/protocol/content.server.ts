/**
 * The canonical content of a protocol: everything the template in ../shared/domain.md holds, read
 * from the record in both languages. It is stored as JSON with every version (the snapshot the
 * council reads) and, on approval, hashed with SHA-256. Renderers (PDF, DOCX, the page) draw only
 * from this object, so every format says the same thing.
 */
import { lineLabelBoth } from "../hearings/labels.server";
import type { DB } from "#db/connection";
import type { AnswerStatus, HearingType, Stance } from "#db/schema";
import {
  commentFigures,
  participantFigures,
  setAsideFigures,
} from "../participation/figures.server";
import { parseChanges, type AmendmentChange } from "../hearings/amend";
import { getResults, type QuestionResult } from "../participation/results.server";
import { sha256Hex } from "../storage/storage.server";

export interface L10n {
  ky: string;
  ru: string;
}

export interface ProtocolContent {
  schema: 1;
  protocol: {
    number: string;
    version: number;
    chairName: string;
    secretaryName: string;
    conclusions: L10n;
  };
  municipality: {
    id: number;
    slug: string;
    kind: "ayil_aimak" | "city";
    name: L10n;
    district: L10n;
    oblast: L10n;
  };
  hearing: {
    id: number;
    shortCode: string;
    type: HearingType;
    title: L10n;
    summary: L10n;
    /**
     * the summary is the official's free text and may state prices: when an amendment came after
     * it was last changed, the amendment (number, moment) so the document says the summary
     * predates it and the prices are those of the table (ADR 0050); null when it is current;
     * absent in protocols frozen before this
     */
    summaryBefore?: { number: number; at: string } | null;
    initiator: { kind: "okmotu" | "enterprise"; name: L10n };
    noticeAt: string | null;
    commentStartAt: string | null;
    commentEndAt: string | null;
    meetingAt: string | null;
    meetingPlace: L10n;
    closedAt: string | null;
  };
  participants: {
    onlineCommenters: number;
    onlineVoters: number;
    inPersonAttendance: number;
    meetingHeldAt: string | null;
    /** why the meeting was held on another day than announced (absent before 2026-11-30) */
    meetingHeldReason?: string | null;
    speakers: string[];
  };
  tariffLines: {
    id: number;
    position: number;
    service: string;
    category: string;
    unit: string;
    currentPrice: number;
    proposedPrice: number;
    /** (proposed − current) / current; null when current is 0 */
    change: number | null;
  }[];
  planSections: {
    id: number;
    position: number;
    name: L10n;
    projects: {
      title: L10n;
      budget: number;
      yearFrom: number;
      yearTo: number;
      fundingSource: string;
    }[];
    total: number;
  }[];
  commentStats: {
    total: number;
    byStance: Record<Stance, number>;
    bySource: { online: number; in_person: number };
    byStanceAndSource: Record<Stance, { online: number; in_person: number }>;
    /** comments hidden by the moderator, not counted above (absent in versions before 2026-11-30) */
    hidden?: number;
    /** counted replies, in no stance (absent in versions before 2026-11-30 11:00 UTC) */
    replies?: number;
  };
  comments: {
    no: number;
    id: number;
    source: "online" | "in_person";
    stance: Stance;
    /** a named author, or null with `village` when the person asked not to be named */
    author: string | null;
    anonymous: boolean;
    village: L10n | null;
    topic: L10n | null;
    createdAt: string;
    body: string;
    answer: { status: AnswerStatus; text: string; at: string | null } | null;
    /** for a reply: the protocol number (`no`) of the comment it answers, null for a comment */
    replyTo?: number | null;
    /** for a reply: the comment it answers was hidden by the moderator (so it has no number) */
    replyToHidden?: boolean;
  }[];
  votes: QuestionResult[];
  /**
   * amendments of the proposal after announcement (ADR 0050), each with the votes it set aside
   * (counted in no figure above); absent in protocols frozen before amendments existed
   */
  amendments?: {
    number: number;
    at: string;
    reason: string;
    changes: AmendmentChange[];
    commentEndMovedTo: string | null;
    votesSetAside: number;
  }[];
  generatedAt: string;
}

export interface ProtocolFields {
  number: string;
  version: number;
  chairName: string;
  secretaryName: string;
  conclusionsKy: string;
  conclusionsRu: string;
}

export class HearingNotFound extends Error {}

/** Read the record of a hearing into the canonical content. */
export async function buildProtocolContent(
  db: DB,
  hearingId: number,
  fields: ProtocolFields,
  generatedAt: string,
): Promise<ProtocolContent> {
  const h = await db
    .selectFrom("hearings")
    .selectAll()
    .where("id", "=", hearingId)
    .executeTakeFirst();
  if (!h) throw new HearingNotFound(String(hearingId));
  const m = await db
    .selectFrom("municipalities as m")
    .innerJoin("districts as d", "d.id", "m.district_id")
    .innerJoin("oblasts as o", "o.id", "d.oblast_id")
    .select([
      "m.id",
      "m.slug",
      "m.kind",
      "m.name_ky",
      "m.name_ru",
      "d.name_ky as d_ky",
      "d.name_ru as d_ru",
      "o.name_ky as o_ky",
      "o.name_ru as o_ru",
    ])
    .where("m.id", "=", h.municipality_id)
    .executeTakeFirstOrThrow();

  const [amendmentRows, setAside, summaryVersion] = await Promise.all([
    db
      .selectFrom("amendments")
      .select([
        "number",
        "version",
        "created_at",
        "reason",
        "changes_json",
        "comment_end_before",
        "comment_end_after",
      ])
      .where("hearing_id", "=", hearingId)
      .orderBy("number")
      .execute(),
    setAsideFigures(db, hearingId),
    // the last hearing version that changed the summary (0: as written before announcement)
    db
      .selectFrom("hearing_versions")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("hearing_id", "=", hearingId)
      .where((w) =>
        w.or([
          w("changed_fields_json", "like", '%"summary_ky"%'),
          w("changed_fields_json", "like", '%"summary_ru"%'),
        ]),
      )
      .executeTakeFirst(),
  ]);
  const staleBy = [...amendmentRows]
    .reverse()
    .find((a) => Number(a.version) > Number(summaryVersion?.v ?? 0));
  const [lines, sections, projects, comments, villages, figures, votes, people, meeting] =
    await Promise.all([
      db
        .selectFrom("tariff_lines")
        .selectAll()
        .where("hearing_id", "=", hearingId)
        .orderBy("position")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("plan_sections")
        .selectAll()
        .where("hearing_id", "=", hearingId)
        .orderBy("position")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("plan_projects as p")
        .innerJoin("plan_sections as s", "s.id", "p.section_id")
        .selectAll("p")
        .where("s.hearing_id", "=", hearingId)
        .orderBy("p.position")
        .orderBy("p.id")
        .execute(),
      db
        .selectFrom("comments as c")
        .leftJoin("users as u", "u.id", "c.author_user_id")
        .select([
          "c.id",
          "c.parent_id",
          "c.source",
          "c.author_user_id",
          "c.speaker_name",
          "c.anonymous",
          "c.village_id",
          "c.stance",
          "c.tariff_line_id",
          "c.plan_section_id",
          "c.body",
          "c.created_at",
          "c.answer_status",
          "c.answer_text",
          "c.answered_at",
          "u.display_name",
        ])
        .where("c.hearing_id", "=", hearingId)
        .where("c.hidden_at", "is", null)
        .orderBy("c.created_at")
        .orderBy("c.id")
        .execute(),
      db
        .selectFrom("villages")
        .select(["id", "name_ky", "name_ru"])
        .where("municipality_id", "=", h.municipality_id)
        .execute(),
      commentFigures(db, hearingId),
      getResults(db, hearingId),
      participantFigures(db, hearingId),
      db
        .selectFrom("meeting_records")
        .selectAll()
        .where("hearing_id", "=", hearingId)
        .executeTakeFirst(),
    ]);

  const villageById = new Map(villages.map((v) => [v.id, { ky: v.name_ky, ru: v.name_ru }]));
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const sectionById = new Map(sections.map((s) => [s.id, s]));

  const speakers: string[] = [];
  // the number of each listed comment, so a reply can say which comment it answers
  const noById = new Map(comments.map((c, i) => [c.id, i + 1]));
  const outComments: ProtocolContent["comments"] = comments.map((c, i) => {
    const stance = c.stance as Stance;
    const source = c.source as "online" | "in_person";
    const anonymous = Number(c.anonymous) === 1;
    const named = source === "in_person" ? c.speaker_name : c.display_name;
    if (
      source === "in_person" &&
      !anonymous &&
      c.speaker_name &&
      !speakers.includes(c.speaker_name)
    )
      speakers.push(c.speaker_name);
    const line = c.tariff_line_id != null ? lineById.get(c.tariff_line_id) : undefined;
    const section = c.plan_section_id != null ? sectionById.get(c.plan_section_id) : undefined;
    return {
      no: i + 1,
      id: c.id,
      source,
      stance,
      author: anonymous ? null : (named ?? null),
      anonymous,
      village: c.village_id != null ? (villageById.get(c.village_id) ?? null) : null,
      topic: line
        ? lineLabelBoth(line)
        : section
          ? { ky: section.name_ky, ru: section.name_ru }
          : null,
      createdAt: c.created_at,
      body: c.body,
      answer: c.answer_status
        ? {
            status: c.answer_status as AnswerStatus,
            text: c.answer_text ?? "",
            at: c.answered_at,
          }
        : null,
      replyTo: c.parent_id != null ? (noById.get(c.parent_id) ?? null) : null,
      replyToHidden: c.parent_id != null && !noById.has(c.parent_id),
    };
  });

  return {
    schema: 1,
    protocol: {
      number: fields.number,
      version: fields.version,
      chairName: fields.chairName,
      secretaryName: fields.secretaryName,
      conclusions: { ky: fields.conclusionsKy, ru: fields.conclusionsRu },
    },
    municipality: {
      id: m.id,
      slug: m.slug,
      kind: m.kind,
      name: { ky: m.name_ky, ru: m.name_ru },
      district: { ky: m.d_ky, ru: m.d_ru },
      oblast: { ky: m.o_ky, ru: m.o_ru },
    },
    hearing: {
      id: h.id,
      shortCode: h.short_code,
      type: h.type,
      title: { ky: h.title_ky, ru: h.title_ru },
      summary: { ky: h.summary_ky, ru: h.summary_ru },
      summaryBefore:
        staleBy && (h.summary_ky || h.summary_ru)
          ? { number: Number(staleBy.number), at: staleBy.created_at }
          : null,
      initiator: {
        kind: h.initiator_kind,
        name: { ky: h.initiator_name_ky ?? "", ru: h.initiator_name_ru ?? "" },
      },
      noticeAt: h.notice_at ?? h.announced_at,
      commentStartAt: h.comment_start_at,
      commentEndAt: h.comment_end_at,
      meetingAt: h.meeting_at,
      meetingPlace: { ky: h.meeting_place_ky ?? "", ru: h.meeting_place_ru ?? "" },
      closedAt: h.closed_at ?? h.comment_end_at,
    },
    participants: {
      onlineCommenters: people.onlineCommenters,
      onlineVoters: people.onlineVoters,
      inPersonAttendance: people.inPerson,
      meetingHeldAt: meeting?.held_at ?? null,
      meetingHeldReason: meeting?.held_reason ?? null,
      speakers,
    },
    tariffLines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      service: l.service,
      category: l.category,
      unit: l.unit,
      currentPrice: Number(l.current_price),
      proposedPrice: Number(l.proposed_price),
      change:
        Number(l.current_price) > 0
          ? (Number(l.proposed_price) - Number(l.current_price)) / Number(l.current_price)
          : null,
    })),
    planSections: sections.map((s) => {
      const ps = projects.filter((p) => p.section_id === s.id);
      return {
        id: s.id,
        position: s.position,
        name: { ky: s.name_ky, ru: s.name_ru },
        projects: ps.map((p) => ({
          title: { ky: p.title_ky, ru: p.title_ru },
          budget: Number(p.budget),
          yearFrom: p.year_from,
          yearTo: p.year_to,
          fundingSource: p.funding_source,
        })),
        total: ps.reduce((a, p) => a + Number(p.budget), 0),
      };
    }),
    commentStats: {
      total: figures.total,
      byStance: figures.byStance,
      bySource: figures.bySource,
      byStanceAndSource: figures.byStanceAndSource,
      hidden: figures.hidden,
      replies: figures.replies,
    },
    comments: outComments,
    votes,
    amendments: amendmentRows.map((a) => ({
      number: Number(a.number),
      at: a.created_at,
      reason: a.reason,
      changes: parseChanges(a.changes_json),
      commentEndMovedTo:
        a.comment_end_after && a.comment_end_after !== a.comment_end_before
          ? a.comment_end_after
          : null,
      votesSetAside: setAside.find((x) => x.number === Number(a.number))?.votes ?? 0,
    })),
    generatedAt,
  };
}

/** The canonical text of a content object (what is stored and hashed). */
export function canonicalJson(content: unknown): string {
  return JSON.stringify(sortKeys(content));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return v;
}

export function contentHash(json: string): string {
  return sha256Hex(new TextEncoder().encode(json));
}
