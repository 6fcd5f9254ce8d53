/**
 * The public addresses the reach feature points to. One place, so the lead can adjust them to the
 * hearing, results and protocol pages built by the other features.
 */
import type { Lang } from "../format/format";

export const hearingPath = (lang: Lang, id: number) => `/${lang}/hearings/${id}`;
/** The results are a section of the hearing page (shown once the hearing is closed). */
export const resultsPath = (lang: Lang, id: number) => `/${lang}/hearings/${id}#results`;
export const protocolPath = (lang: Lang, id: number) => `/${lang}/hearings/${id}/protocol`;
export const noticePdfPath = (lang: Lang, id: number) => `/${lang}/hearings/${id}/notice.pdf`;
export const meetingIcsPath = (lang: Lang, id: number) => `/${lang}/hearings/${id}/meeting.ics`;
export const feedPath = (lang: Lang, slug: string) => `/${lang}/m/${slug}/feed.atom`;
export const municipalityPath = (lang: Lang, slug: string) => `/${lang}/m/${slug}`;
export const notificationsPath = (lang: Lang) => `/${lang}/notifications`;
export const notificationSettingsPath = (lang: Lang) => `/${lang}/account/notifications`;
export const unsubscribePath = (lang: Lang, token: string) =>
  `/${lang}/unsubscribe/${encodeURIComponent(token)}`;
export const shortPath = (code: string) => `/h/${encodeURIComponent(code)}`;

/** An absolute URL from the portal's public address and a path. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, "")}${path}`;
}
