/**
 * Participation UI pieces shared by the hearing page and the officials' pages: the comment card
 * (plain text, never HTML), the result chart (server-rendered SVG) and its text table.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, SelectField } from "~/components/ui";
import { formatDateTime } from "~/modules/format/format";
import { useLang } from "~/modules/i18n/hooks";
import type { CommentView } from "./queries.server";
import type { QuestionResult, Tally } from "./results.server";
import { VerifiedBadge } from "~/modules/residents/VerifiedBadge";

export interface TargetLabels {
  lines: Record<number, string>;
  sections: Record<number, string>;
}

export function CommentAuthor({ c }: { c: CommentView }) {
  const { t } = useTranslation("participation");
  const name =
    c.author.kind === "anonymous"
      ? c.author.village
        ? t("comment.residentOf", { village: c.author.village })
        : t("comment.anonymousResident")
      : (c.author.name ?? t("comment.anonymousResident"));
  return (
    <span className="comment-author">
      <strong>
        <bdi>{name}</bdi>
      </strong>
      {c.author.kind === "named" && c.author.village ? (
        <span className="muted">
          {" "}
          · <bdi>{c.author.village}</bdi>
        </span>
      ) : null}
      {c.verified ? <VerifiedBadge /> : null}
      {c.source === "in_person" ? (
        <span className="tag tag-in-person">{t("comment.inPerson")}</span>
      ) : null}
    </span>
  );
}

export function CommentBody({ c }: { c: CommentView }) {
  const { t } = useTranslation("participation");
  if (c.text === null)
    return (
      <p className="comment-hidden muted">
        {t("comment.hiddenByModerator", { reason: c.hiddenReason ?? "" })}
      </p>
    );
  // plain text: a React text node, line breaks kept by CSS; `lang` for screen readers and
  // hyphenation when the language it was written in is known
  return (
    <p className="comment-body pre-line" dir="auto" lang={c.textLang ?? undefined}>
      {c.text}
    </p>
  );
}

export function CommentMeta({ c, labels }: { c: CommentView; labels: TargetLabels }) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  const target = c.tariffLineId
    ? labels.lines[c.tariffLineId]
    : c.planSectionId
      ? labels.sections[c.planSectionId]
      : null;
  return (
    <p className="comment-meta muted">
      {c.parentId === null ? (
        <span className={`tag stance-${c.stance}`}>{t(`stance.${c.stance}`)}</span>
      ) : null}
      {c.replyToHidden ? <span className="tag">{t("comment.replyToHidden")}</span> : null}{" "}
      {target ? <span className="comment-target">{t("comment.about", { target })} · </span> : null}
      <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time>
      {c.editedAt ? <span> · {t("comment.edited")}</span> : null}
      {c.textLang && c.text !== null ? (
        <span className="comment-lang" data-testid="comment-lang">
          {" "}
          · {t(`comment.writtenIn.${c.textLang}`)}
        </span>
      ) : null}
    </p>
  );
}

export function CommentAnswer({ c }: { c: CommentView }) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  if (!c.answer) return null;
  return (
    <div className={`comment-answer answer-${c.answer.status}`}>
      <p className="comment-answer-head">
        <strong>{t("answer.title")}</strong>{" "}
        <span className="tag">{t(`answer.status.${c.answer.status}`)}</span>
        {c.answer.at ? (
          <span className="muted">
            {" "}
            · <time dateTime={c.answer.at}>{formatDateTime(c.answer.at, lang)}</time>
          </span>
        ) : null}
      </p>
      <p className="pre-line">{c.answer.text}</p>
    </div>
  );
}

const CHOICES = ["for", "against", "abstain"] as const;

/** A horizontal bar chart of one question's total, online and in person stacked; plain SVG. */
export function ResultChart({ r }: { r: QuestionResult }) {
  const { t } = useTranslation("participation");
  const lang = useLang();
  const max = Math.max(1, ...CHOICES.map((c) => r.total[c]));
  const W = 320;
  const labelW = 100; // room for "Воздержался" and "Калыс калам" at 13px
  const barW = W - labelW - 50;
  const rowH = 28;
  const titleId = `chart-${r.id}-title`;
  return (
    <figure className="result-chart">
      <svg
        viewBox={`0 0 ${W} ${rowH * 3 + 8}`}
        role="img"
        aria-labelledby={titleId}
        className="result-svg"
      >
        <title id={titleId}>
          {`${r.title[lang]}: ${CHOICES.map((c) => `${t(`choice.${c}`)} ${r.total[c]}`).join(", ")}`}
        </title>
        {CHOICES.map((c, i) => {
          const y = 4 + i * rowH;
          const on = (r.online[c] / max) * barW;
          const ip = (r.inPerson[c] / max) * barW;
          return (
            <g key={c}>
              <text x={0} y={y + 17} className="chart-label">
                {t(`choice.${c}`)}
              </text>
              <rect x={labelW} y={y + 4} width={on} height={18} className={`bar bar-${c}`} />
              <rect
                x={labelW + on}
                y={y + 4}
                width={ip}
                height={18}
                className={`bar bar-${c} bar-in-person`}
              />
              <text x={labelW + on + ip + 4} y={y + 17} className="chart-value">
                {r.total[c]}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{t("results.chartLegend")}</figcaption>
    </figure>
  );
}

export function ResultTable({ r }: { r: QuestionResult }) {
  const { t } = useTranslation("participation");
  const rows: { key: string; label: ReactNode; x: Tally }[] = [
    { key: "online", label: t("results.online"), x: r.online },
    { key: "inPerson", label: t("results.inPerson"), x: r.inPerson },
    { key: "total", label: <strong>{t("results.total")}</strong>, x: r.total },
  ];
  return (
    <DataTable
      caption={t("results.tableCaption")}
      className="result-table"
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        { key: "source", header: t("results.source"), rowHeader: true, cell: (row) => row.label },
        ...CHOICES.map((c) => ({
          key: c,
          header: t(`choice.${c}`),
          num: true,
          cell: (row: (typeof rows)[number]) => row.x[c],
        })),
      ]}
    />
  );
}

/** A tariff line or plan section with its label in the page's language. */
export interface Labelled {
  id: number;
  label: string;
}

/** What comments of a hearing can be about, labelled (filters, the comment form, the cards). */
export interface Targets {
  tariffLines: Labelled[];
  sections: Labelled[];
}

/** The labels of the targets by id, as the comment cards look them up. */
export function targetLabels(h: Targets): TargetLabels {
  return {
    lines: Object.fromEntries(h.tariffLines.map((l) => [l.id, l.label])),
    sections: Object.fromEntries(h.sections.map((s) => [s.id, s.label])),
  };
}

/**
 * The <option>s of "what is this about": the whole hearing (or every target, in a filter), each
 * tariff line, each plan section. Values: "", "line:{id}", "section:{id}".
 */
export function TargetOptions({
  lines,
  sections,
  first,
}: {
  lines: Labelled[];
  sections: Labelled[];
  /** the label of the empty choice */
  first: string;
}) {
  return (
    <>
      <option value="">{first}</option>
      {lines.map((l) => (
        <option key={`l${l.id}`} value={`line:${l.id}`}>
          {l.label}
        </option>
      ))}
      {sections.map((s) => (
        <option key={`s${s.id}`} value={`section:${s.id}`}>
          {s.label}
        </option>
      ))}
    </>
  );
}

/**
 * "What is this about" for a new comment or speaker: the whole hearing or one of its targets;
 * nothing when the hearing has neither tariff lines nor plan sections.
 */
export function TargetSelect({
  targets,
  value,
  errors,
}: {
  targets: Targets;
  /** the typed value of a refused post ("", "line:{id}", "section:{id}") */
  value: string | undefined;
  errors: string[] | undefined;
}) {
  const { t } = useTranslation("participation");
  if (targets.tariffLines.length + targets.sections.length === 0) return null;
  return (
    <SelectField
      label={t("commentForm.target")}
      name="target"
      defaultValue={value ?? ""}
      errors={errors}
    >
      <TargetOptions
        lines={targets.tariffLines}
        sections={targets.sections}
        first={t("target.whole")}
      />
    </SelectField>
  );
}
