/**
 * What is due on one hearing (office dashboard and the hearing's overview): unanswered comments,
 * the meeting to record, the protocol to draft or revise — each a link to the page where it is
 * done — and a council decision awaited.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../i18n/config";
import type { HearingDue } from "./dashboard.server";

/** True when something on the hearing waits for the official (the council's turn aside). */
export function hasWork(d: HearingDue | null): boolean {
  return !!d && (d.unanswered > 0 || d.meetingToRecord || d.protocolToDraft || d.protocolReturned);
}

export function DueList({ id, due: d, lang }: { id: number; due: HearingDue | null; lang: Lang }) {
  const { t } = useTranslation("office");
  const base = `/${lang}/office/hearings/${id}`;
  const items = [
    d && d.unanswered > 0 ? (
      <Link key="c" to={`${base}/comments?unanswered=1`}>
        {t("dashboard.due.unanswered", { count: d.unanswered })}
      </Link>
    ) : null,
    d?.meetingToRecord ? (
      <Link key="m" to={`${base}/meeting`}>
        {t("dashboard.due.meeting")}
      </Link>
    ) : null,
    d?.protocolToDraft ? (
      <Link key="p" to={`${base}/protocol`}>
        {t("dashboard.due.protocol")}
      </Link>
    ) : null,
    d?.protocolReturned ? (
      <Link key="r" to={`${base}/protocol`}>
        {t("dashboard.due.returned")}
      </Link>
    ) : null,
    d?.councilAwaited ? <span key="a">{t("dashboard.due.council")}</span> : null,
  ].filter(Boolean);
  if (!items.length) return <span className="muted">{t("dashboard.due.nothing")}</span>;
  return (
    <ul className="plain-list due-list">
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}
