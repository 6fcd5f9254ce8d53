// eslint-disable-next-line no-control-regex -- removing exactly these control characters
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** An Atom 1.0 feed (RFC 4287) as text: every URL absolute, text escaped. */
export function xmlEscape(s: string): string {
  return (
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // characters XML 1.0 does not allow
      .replace(XML_INVALID, "")
  );
}

export interface AtomEntry {
  id: string;
  title: string;
  url: string;
  updated: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  lang: string;
  selfUrl: string;
  siteUrl: string;
  updated: string;
  author: string;
  entries: AtomEntry[];
}

export function buildAtom(f: AtomFeed): string {
  const e = xmlEscape;
  const entries = f.entries
    .map(
      (x) => `  <entry>
    <id>${e(x.id)}</id>
    <title type="text">${e(x.title)}</title>
    <link rel="alternate" type="text/html" href="${e(x.url)}"/>
    <updated>${e(x.updated)}</updated>
    <summary type="text">${e(x.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(f.lang)}">
  <id>${e(f.id)}</id>
  <title type="text">${e(f.title)}</title>
${f.subtitle ? `  <subtitle type="text">${e(f.subtitle)}</subtitle>\n` : ""}  <link rel="self" type="application/atom+xml" href="${e(f.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${e(f.siteUrl)}"/>
  <updated>${e(f.updated)}</updated>
  <author><name>${e(f.author)}</name></author>
  <generator>Jyiyn</generator>
${entries}
</feed>
`;
}
