/** The municipality page's hearings list with its GET filter form (state, type, year, search). */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../format/format";
import type { Lang } from "../i18n/config";
import { HEARING_TYPES, PUBLIC_STATES } from "./catalog";
import { StateTag } from "./components";
import type { HearingListItem, ListFilters } from "./queries.server";

export function parseListFilters(p: URLSearchParams): Required<ListFilters> {
  const state = p.get("state") ?? "";
  const type = p.get("type") ?? "";
  const year = Number(p.get("year"));
  return {
    state: (PUBLIC_STATES as readonly string[]).includes(state) ? state : "",
    type: (HEARING_TYPES as readonly string[]).includes(type) ? type : "",
    year: Number.isInteger(year) && year > 1990 && year < 2200 ? year : null,
    q: (p.get("q") ?? "").slice(0, 100),
  };
}

export function HearingItems({ items }: { items: HearingListItem[] }) {
  const { t, i18n } = useTranslation("hearings");
  const lang = i18n.language as Lang;
  return (
    <ul className="hearing-list">
      {items.map((h) => (
        <li key={h.id} className="card">
          <p className="muted">
            {t(`type.${h.type}`)} <StateTag state={h.state} />
          </p>
          <h3>
            <Link to={`/${lang}/hearings/${h.id}`}>{h.title}</Link>
          </h3>
          {h.summary ? <p>{h.summary}</p> : null}
          {h.commentStartAt && h.commentEndAt ? (
            <p className="muted">
              {t("list.comments", {
                from: formatDate(h.commentStartAt, lang),
                to: formatDate(h.commentEndAt, lang),
              })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function HearingList({
  filters,
  data,
}: {
  filters: Required<ListFilters>;
  data: { items: HearingListItem[]; years: number[]; total: number };
}) {
  const { t } = useTranslation("hearings");
  if (data.total === 0) return <p className="muted">{t("list.none")}</p>;
  return (
    <>
      <Form
        noValidate
        method="get"
        role="search"
        aria-label={t("list.heading")}
        className="filters"
        preventScrollReset
      >
        <div className="field">
          <label htmlFor="hf-state">{t("list.state")}</label>
          <select id="hf-state" name="state" defaultValue={filters.state}>
            <option value="">{t("list.all")}</option>
            {PUBLIC_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="hf-type">{t("list.type")}</label>
          <select id="hf-type" name="type" defaultValue={filters.type}>
            <option value="">{t("list.all")}</option>
            {HEARING_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`type.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="hf-year">{t("list.year")}</label>
          <select id="hf-year" name="year" defaultValue={filters.year ?? ""}>
            <option value="">{t("list.all")}</option>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="hf-q">{t("list.search")}</label>
          <input id="hf-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
        </div>
        <button type="submit" className="btn btn-secondary btn-small">
          {t("list.apply")}
        </button>
      </Form>
      {data.items.length ? (
        <HearingItems items={data.items} />
      ) : (
        <p className="muted">{t("list.noneFound")}</p>
      )}
    </>
  );
}

/** The portal home's section: hearings open for comments now, across all municipalities. */
export function OpenHearings({ items }: { items: HearingListItem[] }) {
  const { t, i18n } = useTranslation("hearings");
  const lang = i18n.language as Lang;
  return (
    <section aria-labelledby="open-hearings-heading" id="open-hearings">
      <h2 id="open-hearings-heading">{t("home.openNow")}</h2>
      {items.length ? (
        <ul className="hearing-list">
          {items.map((h) => (
            <li key={h.id} className="card">
              <p className="muted">
                {h.municipalityName} · {t(`type.${h.type}`)}
              </p>
              <h3>
                <Link to={`/${lang}/hearings/${h.id}`}>{h.title}</Link>
              </h3>
              {h.commentEndAt ? (
                <p className="muted">
                  {t("home.until", { date: formatDate(h.commentEndAt, lang) })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("home.noneOpen")}</p>
      )}
    </section>
  );
}
