/**
 * The hearing as the public sees it (used by the public page and the officials' preview): the
 * summary, body, tariff table with a server-rendered SVG chart, plan sections, documents, the
 * timeline and the bill calculator.
 */
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatYearRange,
} from "../format/format";
import type { ProtocolStage } from "#db/schema";
import type { Lang } from "../i18n/config";
import { changedFieldLabels } from "./changed";
import { publicStage, publicStageKey } from "../protocol/stage";
import {
  calcNeeds,
  calculateBill,
  parseCalcForm,
  type CalcField,
  type CalcInput,
} from "./calculator";
import type { HearingView, TariffLineView } from "./queries.server";
import { describeChanges } from "./amend";

type View = Omit<HearingView, never>;

export function StateTag({
  state,
  protocolState,
}: {
  state: string;
  protocolState?: ProtocolStage | null;
}) {
  const { t } = useTranslation("hearings");
  // once closed, the public stage follows the protocol (drafted, submitted, approved, returned)
  if (state === "closed" && protocolState) {
    const stage = publicStage("closed", protocolState);
    return <span className={`tag tag-closed tag-${stage}`}>{t(publicStageKey(stage))}</span>;
  }
  return <span className={`tag tag-${state}`}>{t(`state.${state}`)}</span>;
}

function pct(ratio: number | null) {
  return ratio === null ? "—" : formatPercent(ratio, { signed: true });
}

function lineLabel(t: (k: string) => string, l: TariffLineView) {
  return `${t(`service.${l.service}`)}, ${t(`category.${l.category}`)}, ${t(`unit.${l.unit}`)}`;
}

/** Horizontal bars, current (grey) against proposed (brand), scaled within each unit. */
export function TariffChart({
  lines,
  idPrefix = "",
}: {
  lines: TariffLineView[];
  idPrefix?: string;
}) {
  const { t } = useTranslation("hearings");
  if (!lines.length) return null;
  const maxByUnit = new Map<string, number>();
  for (const l of lines)
    maxByUnit.set(l.unit, Math.max(maxByUnit.get(l.unit) ?? 0, l.currentPrice, l.proposedPrice));
  const row = 80; // two label lines (service and category; unit), then the two bars
  const barMax = 175;
  const height = lines.length * row + 8;
  const desc = lines
    .map(
      (l) =>
        `${lineLabel(t, l)}: ${t("page.chartCurrent")} ${formatMoney(l.currentPrice)}, ${t("page.chartProposed")} ${formatMoney(l.proposedPrice)} (${pct(l.ratio)})`,
    )
    .join("; ");
  return (
    <figure className="hearing-chart">
      <svg
        viewBox={`0 0 360 ${height}`}
        role="img"
        aria-labelledby={`${idPrefix}tariff-chart-title ${idPrefix}tariff-chart-desc`}
        width="100%"
      >
        <title id={`${idPrefix}tariff-chart-title`}>{t("page.chartTitle")}</title>
        <desc id={`${idPrefix}tariff-chart-desc`}>{desc}</desc>
        {lines.map((l, i) => {
          const max = maxByUnit.get(l.unit) || 1;
          const y = i * row + 4;
          const wc = Math.max(2, (l.currentPrice / max) * barMax);
          const wp = Math.max(2, (l.proposedPrice / max) * barMax);
          return (
            <g key={l.id} aria-hidden="true">
              <text x="0" y={y + 12} className="chart-label">
                {`${t(`service.${l.service}`)}, ${t(`category.${l.category}`)}`}
              </text>
              <text x="0" y={y + 28} className="chart-value">
                {t(`unit.${l.unit}`)}
              </text>
              <rect x="0" y={y + 34} width={wc} height="16" className="chart-current" />
              <text x={wc + 6} y={y + 47} className="chart-value">
                {formatMoney(l.currentPrice)}
              </text>
              <rect x="0" y={y + 54} width={wp} height="16" className="chart-proposed" />
              <text x={wp + 6} y={y + 67} className="chart-value">
                {formatMoney(l.proposedPrice)} ({pct(l.ratio)})
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{t("page.chartDesc")}</figcaption>
    </figure>
  );
}

export function TariffTable({ lines }: { lines: TariffLineView[] }) {
  const { t } = useTranslation("hearings");
  return (
    <>
      <DataTable
        caption={t("page.tariffCaption")}
        rows={lines}
        rowKey={(l) => l.id}
        cardSummary={(l) =>
          `${t(`category.${l.category}`)}, ${t(`unit.${l.unit}`)}: ${formatMoney(l.currentPrice)} → ${formatMoney(l.proposedPrice)}, ${pct(l.ratio)}`
        }
        columns={[
          {
            key: "service",
            header: t("page.col.service"),
            rowHeader: true,
            cell: (l) => t(`service.${l.service}`),
          },
          {
            key: "category",
            header: t("page.col.category"),
            cell: (l) => t(`category.${l.category}`),
          },
          { key: "unit", header: t("page.col.unit"), cell: (l) => t(`unit.${l.unit}`) },
          {
            key: "current",
            header: t("page.col.current"),
            num: true,
            cell: (l) => formatMoney(l.currentPrice),
          },
          {
            key: "proposed",
            header: t("page.col.proposed"),
            num: true,
            cell: (l) => formatMoney(l.proposedPrice),
          },
          { key: "change", header: t("page.col.change"), num: true, cell: (l) => pct(l.ratio) },
        ]}
      />
      {lines.some((l) => l.justification || l.costItems.length) ? (
        <dl className="tariff-notes">
          {lines
            .filter((l) => l.justification || l.costItems.length)
            .map((l) => (
              <div key={l.id}>
                <dt>{lineLabel(t, l)}</dt>
                {l.justification ? (
                  <dd className="pre-line">
                    {t("page.justification")}: {l.justification}
                  </dd>
                ) : null}
                {l.costItems.length ? (
                  <dd>
                    {t("page.costBreakdown")}:{" "}
                    {l.costItems.map((c) => `${c.name} — ${formatMoney(c.amount)}`).join("; ")}
                  </dd>
                ) : null}
              </div>
            ))}
        </dl>
      ) : null}
    </>
  );
}

export function PlanSections({ view, idPrefix = "" }: { view: View; idPrefix?: string }) {
  const { t } = useTranslation("hearings");
  return (
    <>
      {view.planSections.map((s) => (
        <section key={s.id} aria-labelledby={`${idPrefix}section-${s.id}`}>
          <h3 id={`${idPrefix}section-${s.id}`}>{s.name}</h3>
          <DataTable
            caption={t("page.sectionTotal", { amount: formatMoney(s.total) })}
            rows={s.projects}
            rowKey={(p) => p.id}
            columns={[
              {
                key: "title",
                header: t("page.projectCol.title"),
                rowHeader: true,
                cell: (p) => (
                  <>
                    {p.title}
                    {p.description ? <span className="muted block">{p.description}</span> : null}
                  </>
                ),
              },
              {
                key: "budget",
                header: t("page.projectCol.budget"),
                num: true,
                first: true,
                cell: (p) => formatMoney(p.budget),
              },
              {
                key: "years",
                header: t("page.projectCol.years"),
                cell: (p) => formatYearRange(p.yearFrom, p.yearTo),
              },
              {
                key: "funding",
                header: t("page.projectCol.funding"),
                cell: (p) => t(`funding.${p.fundingSource}`),
              },
            ]}
          />
        </section>
      ))}
      <p className="plan-total">
        <strong>{t("page.planTotal", { amount: formatMoney(view.planTotal) })}</strong>
      </p>
    </>
  );
}

/**
 * The household bill calculator: a GET form (the answer in the page at #calculator, works without
 * JavaScript). With JavaScript the page's enhancement script (`app/components/enhance`, ADR 0067)
 * sends it as people type and swaps in the server's result region `#calc-result`: one renderer,
 * one parser ({@link parseCalcForm}: decimal comma or point, whole people, ranges refused with
 * their range); a refused value is shown at its field, never changed.
 */
export function Calculator({
  lines,
  initial,
  action,
}: {
  lines: TariffLineView[];
  initial: CalcInput;
  action?: string;
}) {
  const { t } = useTranslation("hearings");
  const location = useLocation();
  const first = parseCalcForm(new URLSearchParams(location.search));
  const input = initial;
  const errors = first.errors;
  const needs = calcNeeds(lines);
  const result = calculateBill(lines, input);
  const errorOf = (f: CalcField) => {
    const e = errors.find((x) => x.field === f);
    return e ? t(e.key, { min: e.min, max: e.max }) : null;
  };
  // the error text comes right after its field (the enhancement script relies on that)
  const field = (f: CalcField, label: string, decimal: boolean, value: number) => {
    const err = errorOf(f);
    return (
      <div className="field">
        <label htmlFor={`calc-${f}`}>{label}</label>
        <input
          id={`calc-${f}`}
          name={f}
          type="text"
          inputMode={decimal ? "decimal" : "numeric"}
          autoComplete="off"
          defaultValue={first.raw[f] || (value ? String(value).replace(".", ",") : "")}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `calc-${f}-error` : undefined}
        />
        {err ? (
          <p id={`calc-${f}-error`} className="field-error" role="alert">
            {err}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <section aria-labelledby="calc-heading" className="calculator" id="calculator">
      <h2 id="calc-heading">{t("calc.heading")}</h2>
      <p className="muted">{t("calc.intro")}</p>
      <Form
        noValidate
        method="get"
        action={`${action ?? location.pathname}#calculator`}
        preventScrollReset
        replace
        className="calc-form"
        data-live="calc-result"
      >
        {needs.m3Only ? field("m3", t("calc.m3"), true, initial.m3) : null}
        {field("hh", t("calc.hh"), false, initial.hh)}
        {needs.m3 && !needs.m3Only ? field("m3", t("calc.m3"), true, initial.m3) : null}
        {needs.m2 ? field("m2", t("calc.m2"), true, initial.m2) : null}
        <button type="submit" className="btn btn-secondary btn-small">
          {t("calc.submit")}
        </button>
      </Form>
      <div id="calc-result" aria-live="polite">
        {errors.length ? null : result.rows.length ? (
          <div>
            <p className="calc-summary">
              <strong>
                {t("calc.summary", {
                  now: formatMoney(result.current),
                  after: formatMoney(result.proposed),
                  diff: formatMoney(result.difference),
                  pct: pct(result.ratio),
                })}
              </strong>
            </p>
            <DataTable
              caption={t("calc.caption", { count: input.hh })}
              rows={result.rows}
              rowKey={(r) => r.lineId}
              columns={[
                {
                  key: "service",
                  header: t("calc.service"),
                  rowHeader: true,
                  cell: (r) => (
                    <>
                      {t(`service.${r.service}`)}{" "}
                      <span className="muted">({t(`unit.${r.unit}`)})</span>
                    </>
                  ),
                },
                {
                  key: "now",
                  header: t("calc.now"),
                  num: true,
                  cell: (r) => formatMoney(r.current),
                },
                {
                  key: "after",
                  header: t("calc.after"),
                  num: true,
                  cell: (r) => formatMoney(r.proposed),
                },
                {
                  key: "diff",
                  header: t("calc.difference"),
                  num: true,
                  cell: (r) => `${formatMoney(r.difference)} (${pct(r.ratio)})`,
                },
              ]}
            />
            <p className="calc-total">
              {t("calc.total")}:{" "}
              <span data-testid="calc-total-now">{formatMoney(result.current)}</span> →{" "}
              <span data-testid="calc-total-after">{formatMoney(result.proposed)}</span>,{" "}
              <span data-testid="calc-total-diff">
                {formatMoney(result.difference)} ({pct(result.ratio)})
              </span>
            </p>
            <p className="muted">{t("calc.share")}</p>
          </div>
        ) : needs.m3Only && input.m3 <= 0 ? (
          <p className="calc-need">{t("calc.needM3")}</p>
        ) : (
          <p className="muted">{t("calc.none")}</p>
        )}
      </div>
    </section>
  );
}

/**
 * What the page says about time at instant `nowIso` (ISO 8601): days or hours left in the comment
 * period (open), days until it starts (announced), or the day it closed (closed); null otherwise.
 * The kept proposal part (ADR 0069) names this in its id, so the part is rendered again when the
 * text would change.
 */
export function timeLeft(
  view: Pick<View, "state" | "commentStartAt" | "commentEndAt" | "closedAt">,
  nowIso: string,
):
  | { key: "page.timeLeft" | "page.hoursLeft" | "page.startsIn"; count: number }
  | { key: "page.closedOn"; date: string }
  | null {
  const nowMs = new Date(nowIso).getTime();
  if (view.state === "open" && view.commentEndAt) {
    const ms = new Date(view.commentEndAt).getTime() - nowMs;
    const days = Math.floor(ms / 864e5);
    return days >= 1
      ? { key: "page.timeLeft", count: days }
      : { key: "page.hoursLeft", count: Math.max(1, Math.ceil(ms / 36e5)) };
  }
  if (view.state === "announced" && view.commentStartAt) {
    const days = Math.max(1, Math.ceil((new Date(view.commentStartAt).getTime() - nowMs) / 864e5));
    return { key: "page.startsIn", count: days };
  }
  if (view.state === "closed" && (view.closedAt || view.commentEndAt))
    return { key: "page.closedOn", date: (view.closedAt ?? view.commentEndAt)! };
  return null;
}

function TimeLeft({ view, nowIso, lang }: { view: View; nowIso: string; lang: Lang }) {
  const { t } = useTranslation("hearings");
  const left = timeLeft(view, nowIso);
  if (!left) return null;
  if (left.key === "page.closedOn")
    return <p className="time-left">{t(left.key, { date: formatDate(left.date, lang) })}</p>;
  if (left.key === "page.startsIn")
    return (
      <p className="time-left">
        {t(left.key, { count: left.count, date: formatDate(view.commentStartAt!, lang) })}
      </p>
    );
  return (
    <p className="time-left">
      <strong>{t(left.key, { count: left.count })}</strong>
    </p>
  );
}

/**
 * The first screen of a hearing (issue 14), without JavaScript: what it costs a household (the
 * calculator's answer for the default or shared household, a link to change it), until which date
 * and time comments and votes are taken, the two actions (vote, comment) linking to their forms,
 * and the meeting's date, time and place.
 */
function AtAGlance({
  view,
  nowIso,
  lang,
  calcInput,
}: {
  view: View;
  nowIso: string;
  lang: Lang;
  calcInput: CalcInput | null;
}) {
  const { t } = useTranslation("hearings");
  const open = view.state === "open";
  const live = open || view.state === "announced";
  const bill =
    view.type === "tariff" && calcInput && live ? calculateBill(view.tariffLines, calcInput) : null;
  return (
    <div className="glance">
      <TimeLeft view={view} nowIso={nowIso} lang={lang} />
      {live && view.commentEndAt ? (
        <p className="glance-deadline" data-testid="glance-deadline">
          {t("glance.until", { when: formatDateTime(view.commentEndAt, lang) })}
        </p>
      ) : null}
      {open ? (
        <p className="glance-actions">
          {view.questions.length ? (
            <a className="btn btn-primary" href="#vote">
              {t("glance.vote")}
            </a>
          ) : null}{" "}
          <a className="btn btn-secondary" href="#comment-form">
            {t("glance.comment")}
          </a>
        </p>
      ) : null}
      {bill && bill.rows.length ? (
        <p className="glance-bill">
          {t("glance.bill", {
            count: calcInput!.hh,
            now: formatMoney(bill.current),
            after: formatMoney(bill.proposed),
            pct: pct(bill.ratio),
          })}{" "}
          <a href="#calculator">{t("glance.calc")}</a>
        </p>
      ) : view.type === "tariff" && live ? (
        <p className="glance-bill">
          <a href="#calculator">{t("calc.heading")}</a>
        </p>
      ) : null}
      {view.meetingAt && view.state !== "cancelled" && view.state !== "draft" ? (
        <p className="glance-meeting">
          {t("glance.meeting", {
            when: formatDateTime(view.meetingAt, lang),
            place: view.meetingPlace ?? "",
          })}
        </p>
      ) : null}
    </div>
  );
}

/** Everything above the participation outlet. `documentBase` is the hearing's public path. */
export function HearingContent({
  view,
  nowIso,
  lang,
  calcInput,
  headingLevel = 1,
  idPrefix = "",
  calcAction,
}: {
  view: View;
  nowIso: string;
  lang: Lang;
  calcInput: CalcInput | null;
  headingLevel?: 1 | 2;
  /** distinguishes the ids when the content is shown twice (the preview) */
  idPrefix?: string;
  /** where the calculator sends its form (default: the page's own path) */
  calcAction?: string;
}) {
  const { t } = useTranslation("hearings");
  const H = headingLevel === 1 ? "h1" : "h2";
  const base = `/${lang}/hearings/${view.id}`;
  const changed = view.lastUpdate?.changed.length
    ? changedFieldLabels(view.lastUpdate.changed, (f) =>
        t(`page.changed.${f}`, { defaultValue: f }),
      ).join(", ")
    : null;
  return (
    <article className="hearing" lang={lang}>
      <p className="muted">
        <Link to={`/${lang}/m/${view.municipalitySlug}`}>{view.municipalityName}</Link> ·{" "}
        {t(`type.${view.type}`)} <StateTag state={view.state} protocolState={view.protocolState} />{" "}
        {view.isDemo ? <span className="demo-badge">{t("page.demo")}</span> : null}
      </p>
      <H>{view.title}</H>
      <AtAGlance view={view} nowIso={nowIso} lang={lang} calcInput={calcInput} />
      {view.state === "draft" ? (
        <p className="alert alert-warning">{t("page.draftNotice")}</p>
      ) : null}
      {view.state === "cancelled" ? (
        <p className="alert alert-warning">
          {t("page.cancelledReason", { reason: view.cancelReason ?? "" })}
        </p>
      ) : null}
      {view.lastUpdate && changed ? (
        <p className="alert alert-info">
          {t("page.updatedOn", { date: formatDate(view.lastUpdate.at, lang), fields: changed })}
        </p>
      ) : null}
      {view.amendments.length ? (
        <Amendments amendments={view.amendments} lang={lang} idPrefix={idPrefix} />
      ) : null}
      <p className="lead">{view.summary}</p>
      <p>
        {t("page.initiator")}:{" "}
        {view.initiatorKind === "okmotu" ? t("page.initiatorOkmotu") : view.initiatorName}
      </p>
      <p className="muted">
        {t("page.authoritative", { lang: t(`page.langName.${view.authoritativeLang}`) })}
      </p>
      {view.body ? (
        <section aria-labelledby={`${idPrefix}body-heading`}>
          <h2 id={`${idPrefix}body-heading`}>{t("page.body")}</h2>
          <div className="pre-line">{view.body}</div>
        </section>
      ) : null}
      {view.type === "tariff" ? (
        <section aria-labelledby={`${idPrefix}tariff-heading`}>
          <h2 id={`${idPrefix}tariff-heading`}>{t("page.tariffHeading")}</h2>
          <TariffTable lines={view.tariffLines} />
          <TariffChart lines={view.tariffLines} idPrefix={idPrefix} />
        </section>
      ) : (
        <section aria-labelledby={`${idPrefix}plan-heading`}>
          <h2 id={`${idPrefix}plan-heading`}>{t("page.planHeading")}</h2>
          <PlanSections view={view} idPrefix={idPrefix} />
        </section>
      )}
      {view.type === "tariff" && calcInput ? (
        <Calculator lines={view.tariffLines} initial={calcInput} action={calcAction} />
      ) : null}
      <section aria-labelledby={`${idPrefix}docs-heading`}>
        <h2 id={`${idPrefix}docs-heading`}>{t("page.documents")}</h2>
        {view.documents.length ? (
          <ul className="plain-list">
            {view.documents.map((d) => (
              <li key={d.id}>
                <a href={`${base}/documents/${d.id}`}>
                  <bdi>{d.name}</bdi>
                </a>{" "}
                <span className="muted">({Math.max(1, Math.round(d.size / 1024))} KB)</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("page.noDocuments")}</p>
        )}
      </section>
      <section aria-labelledby={`${idPrefix}timeline-heading`}>
        <h2 id={`${idPrefix}timeline-heading`}>{t("page.timeline")}</h2>
        <dl className="timeline">
          {view.noticeAt ? (
            <div>
              <dt>{t("page.noticeAt")}</dt>
              <dd>{formatDate(view.noticeAt, lang)}</dd>
            </div>
          ) : null}
          {view.commentStartAt ? (
            <div>
              <dt>{t("page.commentStart")}</dt>
              <dd>{formatDateTime(view.commentStartAt, lang)}</dd>
            </div>
          ) : null}
          {view.commentEndAt ? (
            <div>
              <dt>{t("page.commentEnd")}</dt>
              <dd>{formatDateTime(view.commentEndAt, lang)}</dd>
            </div>
          ) : null}
          {view.meetingAt ? (
            <div>
              <dt>{t("page.meeting")}</dt>
              <dd>
                {formatDateTime(view.meetingAt, lang)}
                {view.meetingPlace ? `, ${view.meetingPlace}` : ""}
              </dd>
            </div>
          ) : null}
        </dl>
        {view.transitions.length ? (
          <>
            <h3>{t("page.history")}</h3>
            <ol className="plain-list">
              {view.transitions.map((tr, i) => (
                <li key={i}>
                  {formatDateTime(tr.at, lang)} —{" "}
                  {tr.from
                    ? t("page.transition", {
                        from: t(`state.${tr.from}`),
                        to: t(`state.${tr.to}`),
                      })
                    : t(`state.${tr.to}`)}
                  {tr.byClock ? ` (${t("page.byClock")})` : ""}
                  {tr.reason ? `: ${tr.reason}` : ""}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
    </article>
  );
}

/**
 * The amendments of the proposal after announcement (ADR 0050), newest first: "changed on <date,
 * Bishkek time>: <what changed>", the reason, and the comment end when it moved.
 */
function Amendments({
  amendments,
  lang,
  idPrefix,
}: {
  amendments: View["amendments"];
  lang: Lang;
  idPrefix: string;
}) {
  const { t } = useTranslation("hearings");
  return (
    <section aria-labelledby={`${idPrefix}amendments-heading`} className="alert alert-info">
      <h2 id={`${idPrefix}amendments-heading`}>{t("amend.title")}</h2>
      <ul className="plain-list">
        {[...amendments].reverse().map((a) => (
          <li key={a.number} id={`${idPrefix}amendment-${a.number}`}>
            <p>
              {t("amend.changedOn", {
                number: a.number,
                date: formatDateTime(a.at, lang),
                what: describeChanges(a.changes, t, lang),
              })}
            </p>
            <p>{t("amend.reason", { reason: a.reason })}</p>
            {a.commentEndMovedTo ? (
              <p>{t("amend.commentEndMoved", { date: formatDate(a.commentEndMovedTo, lang) })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
