/**
 * From a stored version to a rendered document: the decision, the verification footer, the file
 * name. Used by the freeze on approval and by the on-the-fly downloads of versions not approved.
 */
import type { ProtocolVersionsTable } from "#db/schema";
import type { Selectable } from "kysely";
import { env } from "../core/env.server";
import type { Lang } from "../i18n/config";
import type { ProtocolContent } from "./content.server";
import { buildDocument, type DecisionView, type ProtocolDocument } from "./document.server";
import { renderDocx } from "./docx.server";
import { renderPdf } from "./pdf.server";
import { cleanFileName } from "../http/text";

export type VersionRow = Selectable<ProtocolVersionsTable>;
export type FileFormat = "pdf" | "docx";
export const CONTENT_TYPES: Record<FileFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export function verifyUrl(lang: Lang, code: string): string {
  return `${env().publicUrl}/${lang}/verify/${encodeURIComponent(code)}`;
}

export function decisionOf(v: VersionRow): DecisionView {
  return {
    decision: v.decision,
    resolutionNumber: v.resolution_number,
    resolutionDate: v.resolution_date,
    deputies:
      v.deputies_for != null || v.deputies_against != null || v.deputies_abstain != null
        ? {
            for: Number(v.deputies_for ?? 0),
            against: Number(v.deputies_against ?? 0),
            abstain: Number(v.deputies_abstain ?? 0),
          }
        : null,
    returnComments: v.return_comments,
    decidedAt: v.decided_at,
  };
}

export function versionDocument(v: VersionRow, lang: Lang): ProtocolDocument {
  const content = JSON.parse(v.content_json) as ProtocolContent;
  const verification =
    v.decision === "approved" && v.verification_code
      ? {
          code: v.verification_code,
          url: verifyUrl(lang, v.verification_code),
          contentSha256: v.content_sha256,
        }
      : null;
  return buildDocument(content, lang, decisionOf(v), verification);
}

export async function renderVersion(
  v: VersionRow,
  lang: Lang,
  format: FileFormat,
): Promise<Buffer> {
  const d = versionDocument(v, lang);
  return format === "pdf"
    ? renderPdf(d, { createdAt: new Date(v.decided_at ?? v.submitted_at ?? v.created_at) })
    : renderDocx(d);
}

/** "issyk-kul-tyup_IK-2026-03_protocol-v2_ky_2026-11-25.pdf" and a UTF-8 name for filename*. */
export function fileNames(
  info: {
    municipalitySlug: string;
    municipalityName: string;
    shortCode: string;
    hearingTitle: string;
    date: string; // yyyy-mm-dd
    version: number;
  },
  lang: Lang,
  format: FileFormat,
): { ascii: string; utf8: string } {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  const ascii = `${safe(info.municipalitySlug)}_${safe(info.shortCode)}_protocol-v${info.version}_${lang}_${info.date}.${format}`;
  const title = info.hearingTitle
    .replace(/[\\/:*?"<>|\r\n]+/g, " ")
    .slice(0, 80)
    .trim();
  const word = lang === "ky" ? "протокол" : "протокол";
  const utf8 = `${info.municipalityName} — ${title} — ${word} v${info.version} ${info.date}.${format}`;
  return { ascii, utf8 };
}

export function contentDisposition(names: { ascii: string; utf8: string }): string {
  // no bidi or control characters in a name a person saves (cleanFileName)
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(cleanFileName(names.utf8))}`;
}
