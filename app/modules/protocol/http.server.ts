/**
 * Route helpers of the protocol feature: the localized 404, and the file downloads shared by the
 * latest-version and per-version routes (frozen stored files for approved versions, rendered on
 * the fly for the others, which only the municipality's officials and council may read).
 */
import { getUser } from "../auth/guards.server";
import { getDb } from "../core/db.server";
import { notFound as pageNotFound } from "../core/reply.server";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { requireLang } from "../i18n/route.server";
import {
  canReadVersion,
  getHearingProtocol,
  latestReadable,
  readStoredFile,
  versionDate,
} from "./queries.server";
import {
  CONTENT_TYPES,
  contentDisposition,
  fileNames,
  renderVersion,
  type FileFormat,
} from "./render.server";
import { toId } from "../http/ids";

export function localizedText(lang: Lang, key: string): string {
  return getFixedT(lang, "protocol")(key);
}

/** A localized 404 of the protocol pages and files, to be thrown. */
export function notFound(lang: Lang): Response {
  return pageNotFound(lang, "protocol:errors.notFound");
}

/** An id from the path (1 … 2^31 − 1) or null: the one id parser, `toId` (modules/http/ids). */
export function parseId(v: string | undefined): number | null {
  return toId(v);
}

export async function protocolFileResponse(
  request: Request,
  params: { lang?: string; id?: string; version?: string },
  format: FileFormat,
): Promise<Response> {
  const lang = requireLang(params);
  const hearingId = parseId(params.id);
  if (hearingId == null) throw notFound(lang);
  const db = await getDb();
  const hp = await getHearingProtocol(db, hearingId);
  if (!hp?.protocol) throw notFound(lang);
  const user = await getUser(request);
  let v;
  if (params.version !== undefined) {
    const n = parseId(params.version);
    v = hp.versions.find((x) => x.version === n);
    if (!v || !canReadVersion(user, hp.hearing.municipalityId, v)) throw notFound(lang);
  } else {
    v = latestReadable(user, hp);
    if (!v) throw notFound(lang);
  }
  const stored =
    v.decision === "approved"
      ? hp.files.find((f) => f.versionId === v.id && f.lang === lang && f.format === format)
      : undefined;
  const body = stored ? await readStoredFile(stored) : await renderVersion(v, lang, format);
  if (!body) throw notFound(lang);
  const names = fileNames(
    {
      municipalitySlug: hp.hearing.municipalitySlug,
      municipalityName: hp.hearing.municipalityName[lang],
      shortCode: hp.hearing.shortCode,
      hearingTitle: hp.hearing.title[lang],
      date: versionDate(v),
      version: v.version,
    },
    lang,
    format,
  );
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": contentDisposition(names),
      "content-length": String(body.length),
      "cache-control": v.decision === "approved" ? "public, max-age=3600" : "private, no-store",
      ...(stored ? { "x-content-sha256": stored.sha256 } : {}),
    },
  });
}
