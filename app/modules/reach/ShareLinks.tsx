/**
 * WhatsApp and Telegram share links with a prefilled message, plus the short link to copy.
 * Plain links: they work without JavaScript and weigh nothing.
 *
 * <ShareLinks title={hearing.title} shortUrl={`${publicUrl}/h/${code}`} kind="hearing" />
 */
import { useTranslation } from "react-i18next";
import { telegramUrl, whatsappUrl } from "./share";

export interface ShareLinksProps {
  /** the hearing's title in the page's language */
  title: string;
  /** the absolute short link {PUBLIC_URL}/h/{code} */
  shortUrl: string;
  /** "hearing" on the hearing page, "results" on the results page */
  kind?: "hearing" | "results";
  /** the comment deadline, already formatted (optional, hearing pages) */
  deadline?: string | null;
}

export function shareText(
  t: (key: string, opts?: Record<string, unknown>) => string,
  p: Pick<ShareLinksProps, "title" | "kind" | "deadline">,
): string {
  if (p.kind === "results") return t("share.resultsText", { title: p.title });
  return p.deadline
    ? t("share.hearingTextDeadline", { title: p.title, deadline: p.deadline })
    : t("share.hearingText", { title: p.title });
}

export function ShareLinks({ title, shortUrl, kind = "hearing", deadline }: ShareLinksProps) {
  const { t } = useTranslation("reach");
  const text = shareText(t as never, { title, kind, deadline });
  const target = { url: shortUrl, text };
  return (
    <section className="reach-share" aria-labelledby="reach-share-heading">
      <h2 id="reach-share-heading" className="reach-share-heading">
        {t("share.heading")}
      </h2>
      <ul className="reach-share-list">
        <li>
          <a
            className="btn btn-secondary reach-share-whatsapp"
            href={whatsappUrl(target)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t("share.whatsapp")}
          </a>
        </li>
        <li>
          <a
            className="btn btn-secondary reach-share-telegram"
            href={telegramUrl(target)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t("share.telegram")}
          </a>
        </li>
        <li className="reach-share-short">
          {t("share.shortLink")} <a href={shortUrl}>{shortUrl.replace(/^https?:\/\//, "")}</a>
        </li>
      </ul>
    </section>
  );
}
