/**
 * The register's pieces of page: the price history as an SVG step chart (rendered on the server
 * with the page, no script; the history table beside it carries the same figures as text), the
 * history table, and a hearing line's comparison with the register.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui";
import { formatMoney } from "../format/format";
import type { Lang } from "../i18n/config";

/** A calendar date yyyy-mm-dd as dd.MM.yyyy. */
export const dmy = (d: string | null | undefined): string =>
  d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : "";

/** One entry as the page shows it (plain data from the loader). */
export interface EntryView {
  id: number;
  price: number;
  validFrom: string;
  until: string | null;
  corrected: boolean;
  closedBy: number | null;
  correctsId: number | null;
  reason: string | null;
  source: "hearing" | "manual";
  resolution: { number: string; date: string };
  hearingId: number | null;
  protocolCode: string | null;
  hasDocument: boolean;
  provider: string;
  isDemo: boolean;
}

const DAY = 864e5;
const t0 = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * The price over time as steps: one horizontal segment per entry in force (corrected entries
 * left out), from its first day to its last (or `today` if open-ended). Scales to the width of
 * the page (viewBox), readable at 360 px.
 */
export function StepChart({
  entries,
  today,
  title,
  desc,
}: {
  entries: EntryView[];
  today: string;
  title: string;
  desc: string;
}) {
  const live = entries.filter((e) => !e.corrected && (e.until == null || e.until >= e.validFrom));
  if (live.length === 0) return null;
  const W = 640;
  const H = 220;
  const pad = { l: 56, r: 16, t: 16, b: 32 };
  const start = Math.min(...live.map((e) => t0(e.validFrom)));
  const endOf = (e: EntryView) => t0(e.until ?? (today > e.validFrom ? today : e.validFrom)) + DAY;
  const end = Math.max(...live.map(endOf), t0(today) + DAY);
  const max = Math.max(...live.map((e) => e.price)) * 1.2;
  const x = (ms: number) => pad.l + ((ms - start) / (end - start || 1)) * (W - pad.l - pad.r);
  const y = (p: number) => pad.t + (1 - p / (max || 1)) * (H - pad.t - pad.b);
  const years: number[] = [];
  for (let yr = new Date(start).getUTCFullYear() + 1; yr <= new Date(end).getUTCFullYear(); yr++)
    years.push(yr);
  const id = `chart-${live[0].id}`;
  return (
    <svg
      className="step-chart"
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <line x1={pad.l} y1={y(0)} x2={W - pad.r} y2={y(0)} stroke="#555" />
      <line x1={pad.l} y1={pad.t} x2={pad.l} y2={y(0)} stroke="#555" />
      {[0, 0.5, 1].map((f) => (
        <text key={f} x={pad.l - 6} y={y((max / 1.2) * f) + 4} textAnchor="end" fontSize="12">
          {(((max / 1.2) * f) / 100).toFixed(0)}
        </text>
      ))}
      {years.map((yr) => {
        const xx = x(Date.UTC(yr, 0, 1));
        return (
          <g key={yr}>
            <line x1={xx} y1={y(0)} x2={xx} y2={y(0) + 5} stroke="#555" />
            <text x={xx} y={H - 8} textAnchor="middle" fontSize="12">
              {yr}
            </text>
          </g>
        );
      })}
      {live.map((e) => {
        const x1 = x(t0(e.validFrom));
        const x2 = x(endOf(e));
        return (
          <g key={e.id}>
            <line
              x1={x1}
              y1={y(e.price)}
              x2={x2}
              y2={y(e.price)}
              stroke="#0b5cad"
              strokeWidth="3"
            />
            <text x={x1 + 3} y={y(e.price) - 6} fontSize="12" fill="#0b3d73">
              {(e.price / 100).toFixed(2).replace(".", ",")}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The history of one service+category+unit as a table: every entry, corrections included. */
export function HistoryTable({
  entries,
  lang,
  slug,
  caption,
}: {
  entries: EntryView[];
  lang: Lang;
  slug: string;
  caption: string;
}) {
  const { t } = useTranslation("tariffs");
  return (
    <DataTable
      caption={caption}
      rows={[...entries].reverse()}
      rowKey={(e) => e.id}
      columns={[
        {
          key: "entry",
          header: t("col.entry"),
          rowHeader: true,
          cell: (e) => (
            <>
              № {e.id}
              {e.isDemo ? <span className="muted"> · {t("demo")}</span> : null}
            </>
          ),
        },
        {
          key: "price",
          header: t("col.price"),
          num: true,
          first: true,
          cell: (e) => (e.corrected ? <s>{formatMoney(e.price)}</s> : formatMoney(e.price)),
        },
        { key: "from", header: t("col.from"), cell: (e) => dmy(e.validFrom) },
        { key: "to", header: t("col.to"), cell: (e) => (e.until ? dmy(e.until) : t("open")) },
        {
          key: "resolution",
          header: t("col.resolution"),
          cell: (e) => <ResolutionLinks e={e} lang={lang} slug={slug} />,
        },
        {
          key: "source",
          header: t("col.source"),
          cell: (e) => (
            <>
              {t(`source.${e.source}`)}
              {e.corrected && e.closedBy ? <div>{t("correctedBy", { id: e.closedBy })}</div> : null}
              {e.correctsId ? (
                <div>{t("corrects", { id: e.correctsId, reason: e.reason ?? "" })}</div>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

/** The resolution's number and date, with links to the frozen protocol and to the scan. */
export function ResolutionLinks({ e, lang, slug }: { e: EntryView; lang: Lang; slug: string }) {
  const { t } = useTranslation("tariffs");
  return (
    <>
      {t("resolution", { number: e.resolution.number, date: dmy(e.resolution.date) })}
      {e.protocolCode && e.hearingId ? (
        <>
          {" · "}
          <Link to={`/${lang}/hearings/${e.hearingId}/protocol`}>{t("protocolLink")}</Link>
          {" · "}
          <Link to={`/${lang}/verify/${e.protocolCode}`}>{e.protocolCode}</Link>
        </>
      ) : null}
      {e.hasDocument ? (
        <>
          {" · "}
          <a href={`/${lang}/m/${slug}/tariffs/${e.id}/document`}>{t("documentLink")}</a>
        </>
      ) : null}
    </>
  );
}

/** Spread figures as the page gets them (tyiyn). */
export interface SpreadView {
  count: number;
  median: number | null;
  min: number | null;
  max: number | null;
  standing: string;
}

/** One plain sentence about where a proposed price stands in a spread (ky/ru). */
export function StandingSentence({
  scope,
  proposed,
  s,
}: {
  scope: "oblast" | "country";
  proposed: number;
  s: SpreadView;
}) {
  const { t } = useTranslation("tariffs");
  if (s.count === 0 || s.median == null)
    return <p>{t("compare.noneSentence", { scope: t(`compare.scope.${scope}`) })}</p>;
  return (
    <p>
      {t("compare.sentence", {
        scope: t(`compare.scope.${scope}`),
        price: formatMoney(proposed),
        where: t(`compare.where.${s.standing}`),
        others: t("compare.others", { count: s.count }),
        median: formatMoney(s.median),
        min: formatMoney(s.min!),
        max: formatMoney(s.max!),
      })}
    </p>
  );
}

/** A hearing's proposed lines next to the register: the current tariff and the comparison. */
export function HearingComparison({
  lines,
  lang,
  slug,
}: {
  lines: {
    lineId: number;
    label: string;
    proposed: number;
    current: { price: number; validFrom: string; resolutionNumber: string } | null;
    oblast: SpreadView;
    country: SpreadView;
  }[];
  lang: Lang;
  slug: string;
}) {
  const { t } = useTranslation("tariffs");
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="tariff-compare" className="tariff-compare">
      <h2 id="tariff-compare">{t("compare.heading")}</h2>
      <p className="muted">{t("compare.intro")}</p>
      {lines.map((l) => (
        <div key={l.lineId} className="compare-line">
          <h3>{l.label}</h3>
          <p>
            {l.current
              ? t("compare.current", {
                  price: formatMoney(l.current.price),
                  date: dmy(l.current.validFrom),
                  number: l.current.resolutionNumber,
                })
              : t("compare.noCurrent")}
          </p>
          <StandingSentence scope="oblast" proposed={l.proposed} s={l.oblast} />
          <StandingSentence scope="country" proposed={l.proposed} s={l.country} />
        </div>
      ))}
      <p>
        <Link to={`/${lang}/m/${slug}/tariffs`}>{t("registerLink")}</Link>
      </p>
    </section>
  );
}
