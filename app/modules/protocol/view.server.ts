/** View models of the protocol pages. */
import type { Actor } from "../auth/permissions";
import type { DB } from "#db/connection";
import { formatDate } from "../format/format";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import type { Block } from "./blocks";
import { calendarDate } from "./document.server";
import {
  canReadVersion,
  getHearingProtocol,
  latestReadable,
  type HearingInfo,
  type HearingProtocol,
} from "./queries.server";
import { versionDocument, type VersionRow } from "./render.server";

export interface FileLinkView {
  href: string;
  label: string;
}

export function fileLinks(lang: Lang, hearingId: number, version?: number): FileLinkView[] {
  const t = getFixedT(lang, "protocol");
  const base = (l: Lang) =>
    version === undefined
      ? `/${l}/hearings/${hearingId}/protocol`
      : `/${l}/hearings/${hearingId}/protocol/v/${version}`;
  return [
    { href: `${base("ky")}.pdf`, label: t("files.pdfKy") },
    { href: `${base("ru")}.pdf`, label: t("files.pdfRu") },
    { href: `${base("ky")}.docx`, label: t("files.docxKy") },
    { href: `${base("ru")}.docx`, label: t("files.docxRu") },
  ];
}

export interface VersionListItem {
  version: number;
  created: string;
  submitted: string | null;
  decision: string;
  returnComments: string | null;
  links: FileLinkView[];
}

/**
 * The council's decision on one protocol version as a sentence in `lang`: approved by resolution
 * № … of dd.MM.yyyy, returned on …, awaiting the council, or not yet submitted.
 */
export function decisionText(v: VersionRow, lang: Lang): string {
  const t = getFixedT(lang, "protocol");
  return v.decision === "approved"
    ? t("versions.approved", {
        date: calendarDate(v.resolution_date),
        number: v.resolution_number,
      })
    : v.decision === "returned"
      ? t("versions.returned", { date: formatDate(v.decided_at!, lang) })
      : v.submitted_at
        ? t("versions.pending")
        : t("versions.notSubmitted");
}

export function versionList(
  hp: HearingProtocol,
  lang: Lang,
  actor: Actor | null,
): VersionListItem[] {
  return hp.versions
    .filter((v) => canReadVersion(actor, hp.hearing.municipalityId, v))
    .map((v) => ({
      version: v.version,
      created: formatDate(v.created_at, lang),
      submitted: v.submitted_at ? formatDate(v.submitted_at, lang) : null,
      decision: decisionText(v, lang),
      returnComments: v.return_comments,
      links: fileLinks(lang, hp.hearing.id, v.version),
    }));
}

export interface ProtocolPageView {
  hearingId: number;
  hearingTitle: string;
  hearingState: HearingInfo["state"];
  /** "tariff" or "plan": an approved tariff protocol links to the tariff register */
  hearingType: string;
  municipalityId: number;
  municipalityName: string;
  municipalitySlug: string;
  /** the council's decision on the shown version, as a sentence (null when none is shown) */
  decision: string | null;
  protocolId: number | null;
  state: string | null;
  stateLabel: string | null;
  version: number | null;
  approved: boolean;
  verificationCode: string | null;
  blocks: Block[];
  links: FileLinkView[];
}

/** The newest version this person may read (or the given one), as blocks in `lang`. */
export async function protocolPage(
  db: DB,
  actor: Actor | null,
  hearingId: number,
  lang: Lang,
): Promise<{ view: ProtocolPageView; hp: HearingProtocol } | null> {
  const hp = await getHearingProtocol(db, hearingId);
  if (!hp) return null;
  const v: VersionRow | null = hp.protocol ? latestReadable(actor, hp) : null;
  const t = getFixedT(lang, "protocol");
  return {
    hp,
    view: {
      hearingId,
      hearingTitle: hp.hearing.title[lang],
      hearingState: hp.hearing.state,
      hearingType: hp.hearing.type,
      municipalityId: hp.hearing.municipalityId,
      municipalityName: hp.hearing.municipalityName[lang],
      municipalitySlug: hp.hearing.municipalitySlug,
      decision: v ? decisionText(v, lang) : null,
      protocolId: hp.protocol?.id ?? null,
      state: v ? hp.protocol!.state : null,
      stateLabel: v ? t(`state.${hp.protocol!.state}`) : null,
      version: v?.version ?? null,
      approved: v?.decision === "approved",
      verificationCode: v?.decision === "approved" ? v.verification_code : null,
      blocks: v ? versionDocument(v, lang).blocks : [],
      links: v ? fileLinks(lang, hearingId) : [],
    },
  };
}
