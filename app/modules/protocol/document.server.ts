/**
 * The protocol as a list of blocks in one language: the single source of the text that the PDF,
 * the DOCX and the page render. Built from the canonical content and the council's decision.
 */
import { lineWords } from "../hearings/labels.server";
import { describeChanges } from "../hearings/amend";
import type { TFunction } from "i18next";
import type { Lang } from "../i18n/config";
import {
  formatAmount,
  formatDate,
  formatPercent,
  formatTime,
  formatYearRange,
} from "../format/format";
import { getFixedT } from "../i18n/resources.server";
import type { ProtocolContent } from "./content.server";

import type { Block } from "./blocks";

export type { Block };

export interface DecisionView {
  decision: "approved" | "returned" | null;
  resolutionNumber: string | null;
  resolutionDate: string | null;
  deputies: { for: number; against: number; abstain: number } | null;
  returnComments: string | null;
  decidedAt: string | null;
}

export interface Verification {
  code: string;
  url: string;
  contentSha256: string;
}

export interface ProtocolDocument {
  lang: Lang;
  header: string;
  /** the file's metadata (PDF Info / DOCX core properties) */
  meta: { title: string; subject: string; author: string; keywords: string };
  blocks: Block[];
  verification: Verification | null;
  footerPage: (page: number | string, pages: number | string) => string;
  footerCode: string | null;
}

const date = (v: string | null | undefined, lang: Lang) => (v ? formatDate(v, lang) : "—");

/** A yyyy-mm-dd calendar date as dd.MM.yyyy. */
export function calendarDate(v: string | null): string {
  if (!v) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : v;
}

export function commentAuthor(
  c: ProtocolContent["comments"][number],
  lang: Lang,
  t: TFunction,
): string {
  if (c.author && !c.anonymous) return c.author;
  if (c.village) return t("doc.anonymous", { village: c.village[lang] });
  return t("doc.anonymousNoVillage");
}

export function buildDocument(
  content: ProtocolContent,
  lang: Lang,
  decision: DecisionView | null,
  verification: Verification | null,
): ProtocolDocument {
  const t = getFixedT(lang, "protocol") as TFunction;
  const c = content;
  const h = c.hearing;
  const blocks: Block[] = [];
  const p = (text: string) => blocks.push({ kind: "para", text });
  const heading = (text: string) => blocks.push({ kind: "heading", text });

  blocks.push({ kind: "title", text: t("doc.title") });
  blocks.push({
    kind: "subtitle",
    text: `${t("doc.number", { number: c.protocol.number })} · ${t("doc.version", { version: c.protocol.version })}`,
  });
  blocks.push({ kind: "subtitle", text: c.municipality.name[lang] });
  if (decision?.decision !== "approved") blocks.push({ kind: "mark", text: t("doc.draftMark") });

  heading(t("doc.s.subject"));
  p(t("doc.subject", { title: h.title[lang] }));
  if (h.summary[lang]) p(h.summary[lang]);
  // a summary written before an amendment may state old prices: the table's are the proposal's
  if (h.summary[lang] && h.summaryBefore)
    p(
      t("doc.summaryBefore", {
        number: h.summaryBefore.number,
        date: date(h.summaryBefore.at, lang),
      }),
    );
  const initiator = h.initiator.name[lang]
    ? `${h.initiator.name[lang]} (${t(`doc.initiatorKind.${h.initiator.kind}`)})`
    : t(`doc.initiatorKind.${h.initiator.kind}`);
  p(t("doc.initiator", { name: initiator }));

  heading(t("doc.s.notice"));
  p(t("doc.notice", { date: date(h.noticeAt, lang) }));
  p(t("doc.commentPeriod", { from: date(h.commentStartAt, lang), to: date(h.commentEndAt, lang) }));

  heading(t("doc.s.meeting"));
  const held = c.participants.meetingHeldAt ?? h.meetingAt;
  if (held) p(t("doc.meetingWhen", { date: formatDate(held, lang), time: formatTime(held) }));
  if (c.participants.meetingHeldReason && h.meetingAt)
    p(
      t("doc.meetingOtherDay", {
        date: formatDate(h.meetingAt, lang),
        reason: c.participants.meetingHeldReason,
      }),
    );
  if (h.meetingPlace[lang]) p(t("doc.meetingPlace", { place: h.meetingPlace[lang] }));
  p(t("doc.chair", { name: c.protocol.chairName || "—" }));
  p(t("doc.secretary", { name: c.protocol.secretaryName || "—" }));

  heading(t("doc.s.participants"));
  p(t("doc.onlineCommenters", { count: c.participants.onlineCommenters }));
  p(t("doc.onlineVoters", { count: c.participants.onlineVoters }));
  p(t("doc.attendance", { count: c.participants.inPersonAttendance }));
  p(
    t("doc.speakers", {
      names: c.participants.speakers.length ? c.participants.speakers.join(", ") : t("doc.none"),
    }),
  );

  if (h.type === "tariff" || c.tariffLines.length) {
    heading(t("doc.s.tariff"));
    blocks.push({
      kind: "table",
      header: [
        t("doc.col.service"),
        t("doc.col.category"),
        t("doc.col.unit"),
        t("doc.col.current"),
        t("doc.col.proposed"),
        t("doc.col.change"),
      ],
      rows: c.tariffLines.map((l) => [
        ...((w) => [w.service, w.category, w.unit])(lineWords(l, lang)),
        formatAmount(l.currentPrice),
        formatAmount(l.proposedPrice),
        l.change == null ? "—" : formatPercent(l.change, { signed: true }),
      ]),
      widths: [3, 3, 2.2, 2, 2, 1.6],
      numeric: [3, 4, 5],
    });
  }
  if (h.type === "plan" || c.planSections.length) {
    heading(t("doc.s.plan"));
    const rows: string[][] = [];
    for (const s of c.planSections) {
      for (const pr of s.projects)
        rows.push([
          s.name[lang],
          pr.title[lang],
          formatYearRange(pr.yearFrom, pr.yearTo),
          t(`doc.funding.${pr.fundingSource}`),
          formatAmount(pr.budget),
        ]);
      rows.push([s.name[lang], t("doc.sectionTotal"), "", "", formatAmount(s.total)]);
    }
    blocks.push({
      kind: "table",
      header: [
        t("doc.col.section"),
        t("doc.col.project"),
        t("doc.col.years"),
        t("doc.col.source"),
        t("doc.col.budget"),
      ],
      rows,
      widths: [3, 4, 1.6, 2.4, 2.2],
      numeric: [4],
    });
  }

  const amendments = c.amendments ?? [];
  if (amendments.length) {
    // the proposal above is the amended one; each amendment with its date, changes and reason
    p(t("doc.amendedIntro", { count: amendments.length }));
    for (const a of amendments) {
      p(
        t("hearings:amend.changedOn", {
          number: a.number,
          date: formatDate(a.at, lang),
          what: describeChanges(a.changes, t, lang),
        }),
      );
      p(t("hearings:amend.reason", { reason: a.reason }));
      if (a.commentEndMovedTo)
        p(t("hearings:amend.commentEndMoved", { date: formatDate(a.commentEndMovedTo, lang) }));
    }
  }

  heading(t("doc.s.comments"));
  const st = c.commentStats;
  if (st.total === 0 && !st.replies) p(t("doc.noComments"));
  if (st.hidden) p(t("doc.commentsHidden", { count: st.hidden }));
  if (st.total > 0) p(t("doc.commentsTotal", { count: st.total }));
  // replies carry no stance (the counting rule, figures.server.ts): reported on their own
  if (st.replies) p(t("doc.commentsReplies", { count: st.replies }));
  if (st.total > 0) {
    blocks.push({
      kind: "table",
      header: [t("doc.col.stance"), t("doc.col.online"), t("doc.col.inPerson"), t("doc.col.total")],
      rows: [
        ...(["for", "against", "neutral"] as const).map((s) => [
          t(`doc.stance.${s}`),
          String(st.byStanceAndSource[s].online),
          String(st.byStanceAndSource[s].in_person),
          String(st.byStance[s]),
        ]),
        [
          t("doc.col.total"),
          String(st.bySource.online),
          String(st.bySource.in_person),
          String(st.total),
        ],
      ],
      widths: [3, 2, 2, 2],
      numeric: [1, 2, 3],
    });
  }
  if (c.comments.length > 0) {
    blocks.push({
      kind: "table",
      header: [t("doc.col.no"), t("doc.col.author"), t("doc.col.comment"), t("doc.col.answer")],
      rows: c.comments.map((cm) => [
        String(cm.no),
        [
          commentAuthor(cm, lang, t),
          `${t(`doc.source.${cm.source}`)}, ${date(cm.createdAt, lang)}`,
          // a reply has no stance (its author chose none)
          cm.replyTo || cm.replyToHidden ? null : t(`doc.stance.${cm.stance}`),
        ]
          .filter((x) => x !== null)
          .join("\n"),
        [
          cm.replyTo
            ? t("doc.replyTo", { no: cm.replyTo })
            : cm.replyToHidden
              ? t("doc.replyToHidden")
              : null,
          cm.body,
          cm.topic ? t("doc.topic", { topic: cm.topic[lang] }) : null,
        ]
          .filter((x) => x !== null)
          .join("\n"),
        cm.answer
          ? `${t(`doc.answerStatus.${cm.answer.status}`)}${cm.answer.text ? `: ${cm.answer.text}` : ""}`
          : t("doc.noAnswer"),
      ]),
      widths: [0.8, 3, 5, 4],
      numeric: [0],
    });
  }

  heading(t("doc.s.votes"));
  if (c.votes.length === 0) p(t("doc.noVotes"));
  else {
    const rows: string[][] = [];
    for (const q of c.votes)
      for (const ch of ["for", "against", "abstain"] as const)
        rows.push([
          `${q.position}. ${q.title[lang]}`,
          t(`doc.vote.${ch}`),
          String(q.online[ch]),
          String(q.inPerson[ch]),
          String(q.total[ch]),
        ]);
    blocks.push({
      kind: "table",
      header: [
        t("doc.col.question"),
        t("doc.col.choice"),
        t("doc.col.online"),
        t("doc.col.inPerson"),
        t("doc.col.total"),
      ],
      rows,
      widths: [5, 2.4, 1.6, 1.8, 1.6],
      numeric: [2, 3, 4],
    });
  }
  // votes set aside by amendments: kept in the record, counted in no figure above (ADR 0050)
  for (const a of amendments)
    if (a.votesSetAside > 0)
      p(
        t("hearings:amend.setAsideLine", {
          number: a.number,
          date: formatDate(a.at, lang),
          count: a.votesSetAside,
        }),
      );

  heading(t("doc.s.conclusions"));
  const concl = c.protocol.conclusions[lang].trim();
  if (!concl) p(t("doc.noConclusions"));
  else for (const para of concl.split(/\n\s*\n|\r?\n/).filter((x) => x.trim())) p(para.trim());

  heading(t("doc.s.signatures"));
  blocks.push({
    kind: "signatures",
    lines: [
      { role: t("doc.signChair"), name: c.protocol.chairName },
      { role: t("doc.signSecretary"), name: c.protocol.secretaryName },
    ],
  });

  heading(t("doc.s.decision"));
  if (decision?.decision === "approved") {
    p(
      t("doc.decisionApproved", {
        number: decision.resolutionNumber,
        date: calendarDate(decision.resolutionDate),
      }),
    );
    if (decision.deputies) p(t("doc.decisionDeputies", decision.deputies));
  } else if (decision?.decision === "returned") {
    p(
      t("doc.decisionReturned", {
        date: date(decision.decidedAt, lang),
        comments: decision.returnComments ?? "",
      }),
    );
  } else p(t("doc.decisionPending"));

  heading(t("doc.s.fingerprint"));
  if (verification) {
    p(t("doc.fingerprint", { hash: verification.contentSha256 }));
    p(t("doc.verifyAt", { url: verification.url }));
    p(t("doc.footerCode", { code: verification.code }));
  } else p(t("doc.notFrozen"));

  return {
    lang,
    meta: {
      title: `${t("doc.title")} ${t("doc.number", { number: c.protocol.number })}`,
      subject: h.title[lang],
      author: c.municipality.name[lang],
      keywords: t("doc.keywords"),
    },
    header: t("doc.header", {
      municipality: c.municipality.name[lang],
      district: c.municipality.district[lang],
      oblast: c.municipality.oblast[lang],
    }),
    blocks,
    verification,
    footerPage: (page, pages) => t("doc.footerPage", { page, pages }),
    footerCode: verification ? t("doc.footerCode", { code: verification.code }) : null,
  };
}
