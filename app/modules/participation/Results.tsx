/**
 * The results part of a closed hearing's page: per question the chart and its table (online, in
 * person, total), then who took part and how the comments divide (by stance, source, village).
 */
import { useTranslation } from "react-i18next";
import { formatDate } from "../format/format";
import { ResultChart, ResultTable } from "./components";
import type { ParticipationFigures } from "./queries.server";
import type { QuestionResult } from "./results.server";

export function Results({
  results,
  figures: f,
  questions,
}: {
  results: QuestionResult[];
  figures: ParticipationFigures;
  /** the question titles in the page's language */
  questions: { id: number; title: string }[];
}) {
  const { t, i18n } = useTranslation("participation");
  const lang = i18n.language === "ru" ? "ru" : "ky";
  const setAside = f.setAside.filter((a) => a.votes > 0);
  return (
    <section aria-labelledby="results-heading" id="results">
      <h3 id="results-heading">{t("results.title")}</h3>
      {results.map((r) => (
        <div key={r.id} className="result-question">
          <h4>{questions.find((q) => q.id === r.id)?.title}</h4>
          <ResultChart r={r} />
          <ResultTable r={r} />
        </div>
      ))}
      <h4>{t("results.figures")}</h4>
      <ul>
        <li>
          <strong>{t("results.participantsTotal", { count: f.participants.total })}</strong>
        </li>
        <li>{t("results.participantsOnline", { count: f.participants.online })}</li>
        <li>{t("results.participantsInPerson", { count: f.participants.inPerson })}</li>
        <li>
          {t("results.commentsByStance", {
            for: f.comments.byStance.for,
            against: f.comments.byStance.against,
            neutral: f.comments.byStance.neutral,
          })}
        </li>
        <li>
          {t("results.commentsBySource", {
            online: f.comments.bySource.online,
            inPerson: f.comments.bySource.in_person,
          })}
        </li>
        {f.comments.replies > 0 ? (
          <li>{t("counts.replies", { count: f.comments.replies })}</li>
        ) : null}
      </ul>
      {setAside.length > 0 ? (
        <ul aria-label={t("hearings:amend.title")}>
          {setAside.map((a) => (
            <li key={a.number}>
              {t("hearings:amend.setAsideLine", {
                number: a.number,
                date: formatDate(a.at, lang),
                count: a.votes,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {f.byVillage.length > 0 ? (
        <ul className="inline-list" aria-label={t("results.byVillage")}>
          {f.byVillage.map((v) => (
            <li key={v.village || "-"}>
              {v.village || t("results.villageUnknown")}: {v.comments}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
