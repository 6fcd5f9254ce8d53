import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui";
import { requireUser } from "~/modules/auth/guards.server";
import { nowIso } from "~/modules/core/clock.server";
import { getDb } from "~/modules/core/db.server";
import { formatDateTime } from "~/modules/format/format";
import { StateTag } from "~/modules/hearings/components";
import { hearingsDue, type HearingDue } from "~/modules/hearings/dashboard.server";
import { DueList, hasWork } from "~/modules/hearings/DueList";
import { listOfficeHearings } from "~/modules/hearings/queries.server";
import type { Lang } from "~/modules/i18n/config";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "office:dashboard.title");

/**
 * The official's dashboard, per municipality: each hearing's state, what is due (unanswered
 * comments, a meeting to record, a protocol to draft, a council decision awaited) and its
 * deadlines, the hearings with work due first.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const db = await getDb();
  const municipalities = await listOfficeHearings(db, user, lang);
  const due = await hearingsDue(
    db,
    municipalities.flatMap((m) => m.hearings.map((h) => h.id)),
    nowIso(),
  );
  return {
    municipalities: municipalities.map((m) => ({
      ...m,
      hearings: m.hearings
        .map((h) => ({ ...h, due: due.get(h.id) ?? null }))
        .sort(
          (a, b) =>
            Number(hasWork(b.due)) - Number(hasWork(a.due)) ||
            ORDER.indexOf(a.state) - ORDER.indexOf(b.state),
        ),
    })),
  };
}

const ORDER = ["open", "announced", "draft", "closed", "cancelled"];

type Row = {
  id: number;
  title: string;
  state: string;
  commentEndAt: string | null;
  due: HearingDue | null;
};

function Deadlines({ h, lang }: { h: Row; lang: Lang }) {
  const { t } = useTranslation("office");
  const lines: string[] = [];
  if ((h.state === "open" || h.state === "announced") && h.commentEndAt)
    lines.push(t("dashboard.deadline.comments", { when: formatDateTime(h.commentEndAt, lang) }));
  if (h.due?.meetingAt && h.state !== "cancelled" && h.state !== "draft")
    lines.push(t("dashboard.deadline.meeting", { when: formatDateTime(h.due.meetingAt, lang) }));
  if (!lines.length) return null;
  return (
    <>
      {lines.map((l) => (
        <span key={l} className="block">
          {l}
        </span>
      ))}
    </>
  );
}

export default function OfficeDashboard() {
  const { municipalities } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language as Lang;
  return (
    <>
      <h1>{t("dashboard.heading")}</h1>
      {municipalities.length === 0 ? <p>{t("dashboard.noRoles")}</p> : null}
      {municipalities.map((m) => {
        const unanswered = m.hearings.reduce((s, h) => s + (h.due?.unanswered ?? 0), 0);
        return (
          <section key={m.id} aria-labelledby={`m-${m.id}`}>
            <h2 id={`m-${m.id}`}>{m.name}</h2>
            <p className="due-summary" data-testid={`due-summary-${m.id}`}>
              {t("dashboard.summary", {
                count: m.hearings.filter((h) => hasWork(h.due)).length,
              })}{" "}
              {unanswered > 0 ? t("dashboard.summaryComments", { count: unanswered }) : null}
            </p>
            <p>
              <Link
                className="btn btn-primary btn-small"
                to={`/${lang}/office/hearings/new?m=${m.id}`}
              >
                {t("dashboard.create")}
              </Link>{" "}
              <Link to={`/${lang}/m/${m.slug}`}>{t("dashboard.publicPage")}</Link> ·{" "}
              <Link to={`/${lang}/office/residents?m=${m.id}`}>{t("dashboard.residents")}</Link>
            </p>
            {m.hearings.length === 0 ? (
              <p className="muted">{t("dashboard.none")}</p>
            ) : (
              <DataTable
                caption={t("dashboard.caption", { name: m.name })}
                rows={m.hearings}
                rowKey={(h) => h.id}
                columns={[
                  {
                    key: "hearing",
                    header: t("dashboard.col.hearing"),
                    rowHeader: true,
                    cell: (h) => (
                      <>
                        <Link to={`/${lang}/office/hearings/${h.id}`}>{h.title || `#${h.id}`}</Link>{" "}
                        <span className="muted">
                          (<Link to={`/${lang}/hearings/${h.id}`}>{t("dashboard.view")}</Link>)
                        </span>
                      </>
                    ),
                  },
                  {
                    key: "state",
                    header: t("dashboard.col.state"),
                    cell: (h) => <StateTag state={h.state} />,
                  },
                  {
                    key: "due",
                    header: t("dashboard.col.due"),
                    first: true,
                    cell: (h) => <DueList id={h.id} due={h.due} lang={lang} />,
                  },
                  {
                    key: "deadlines",
                    header: t("dashboard.col.deadlines"),
                    cell: (h) => <Deadlines h={h} lang={lang} />,
                  },
                ]}
              />
            )}
          </section>
        );
      })}
    </>
  );
}
