/**
 * Share links for messengers and the Open Graph / Twitter card tags that make a link preview well.
 * Pure: used by the ShareLinks component and by `meta` functions.
 */
import type { MetaDescriptor } from "@remix-run/node";
import type { Lang } from "../format/format";

export interface ShareTarget {
  /** the absolute address to share (the short link /h/{code} is best in messengers) */
  url: string;
  /** the prefilled, localized message */
  text: string;
}

export function whatsappUrl({ url, text }: ShareTarget): string {
  return `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}`;
}

export function telegramUrl({ url, text }: ShareTarget): string {
  return `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(text)}`;
}

export const OG_LOCALE: Record<Lang, string> = { ky: "ky_KG", ru: "ru_RU" };
export const DEFAULT_SHARE_IMAGE = "/og-default.png";

export interface ShareMetaInput {
  lang: Lang;
  title: string;
  description: string;
  /** the canonical absolute URL of the page */
  url: string;
  /** an absolute image URL; defaults to {publicUrl}/og-default.png */
  image?: string;
  publicUrl: string;
  siteName?: string;
}

/** Open Graph + Twitter card tags (add them to a route's `meta` next to its title). */
export function shareMeta(i: ShareMetaInput): MetaDescriptor[] {
  const image = i.image ?? `${i.publicUrl.replace(/\/$/, "")}${DEFAULT_SHARE_IMAGE}`;
  const description =
    i.description.length > 200 ? `${i.description.slice(0, 197)}…` : i.description;
  return [
    { property: "og:type", content: "article" },
    { property: "og:site_name", content: i.siteName ?? "Жыйын" },
    { property: "og:title", content: i.title },
    { property: "og:description", content: description },
    { property: "og:url", content: i.url },
    { property: "og:image", content: image },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:locale", content: OG_LOCALE[i.lang] },
    { property: "og:locale:alternate", content: OG_LOCALE[i.lang === "ky" ? "ru" : "ky"] },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: i.title },
    { name: "twitter:description", content: description },
    { name: "twitter:image", content: image },
  ];
}
