/**
 * Everything the reach feature adds to a hearing page, in one block: print the notice, add the
 * meeting to a calendar, share in WhatsApp / Telegram. For the hearing page (hearings feature):
 *
 * <HearingReachLinks hearingId={h.id} shortUrl={`${publicUrl}/h/${h.shortCode}`} title={h.title}
 *   deadline={formatDate(h.commentEndAt, lang)} hasMeeting={!!h.meetingAt}
 *   canPrintNotice={h.state === "announced" || h.state === "open"} />
 */
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/hooks";
import { meetingIcsPath, noticePdfPath } from "./links";
import { ShareLinks } from "./ShareLinks";

export interface HearingReachLinksProps {
  hearingId: number;
  shortUrl: string;
  title: string;
  deadline?: string | null;
  hasMeeting: boolean;
  canPrintNotice: boolean;
  /** "results" once the hearing is closed: the shared message then invites to see the results */
  kind?: "hearing" | "results";
}

export function HearingReachLinks(p: HearingReachLinksProps) {
  const { t } = useTranslation("reach");
  const lang = useLang();
  return (
    <div className="reach-links">
      {p.canPrintNotice || p.hasMeeting ? (
        <ul className="reach-file-links">
          {p.canPrintNotice ? (
            <li>
              <a href={noticePdfPath(lang, p.hearingId)} type="application/pdf">
                {t("links.noticePdf")}
              </a>
            </li>
          ) : null}
          {p.hasMeeting ? (
            <li>
              <a href={meetingIcsPath(lang, p.hearingId)} type="text/calendar">
                {t("links.meetingIcs")}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <ShareLinks title={p.title} shortUrl={p.shortUrl} deadline={p.deadline} kind={p.kind} />
    </div>
  );
}
