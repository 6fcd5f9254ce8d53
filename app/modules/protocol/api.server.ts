/**
 * `GET /api/v1/hearings/{id}/protocol` (docs/api.md): the protocol's state, versions, resolution,
 * hashes and links, in the shape of `ProtocolReply` (api.schemas.ts). A draft's or a submitted
 * version's contents are never here; versions not approved are listed (number, dates, decision)
 * with their links only for those `canReadVersion` allows.
 */
import type { z } from "zod";
import type { DB } from "#db/connection";
import type { ProtocolReply } from "./api.schemas";
import { canReadVersion, getHearingProtocol } from "./queries.server";
import { verifyUrl } from "./render.server";
import { publicStage } from "./stage";

/**
 * The reply body, or null when the hearing does not exist.
 * @param base the portal's public URL without a trailing slash (links are absolute)
 */
export async function protocolApiJson(
  db: DB,
  hearingId: number,
  user: Parameters<typeof canReadVersion>[0],
  base: string,
): Promise<z.infer<typeof ProtocolReply> | null> {
  const hp = await getHearingProtocol(db, hearingId);
  if (!hp) return null;
  const links = (v?: number) => {
    const out: Record<string, string> = {};
    for (const l of ["ky", "ru"] as const)
      for (const f of ["pdf", "docx"] as const)
        out[`${f}${l === "ky" ? "Ky" : "Ru"}`] =
          `${base}/${l}/hearings/${hearingId}/protocol${v === undefined ? "" : `/v/${v}`}.${f}`;
    return out;
  };
  const approved = hp.versions.find((v) => v.decision === "approved") ?? null;
  return {
    hearingId,
    hearingState: hp.hearing.state,
    protocolState: hp.protocol?.state ?? null,
    stage: publicStage(hp.hearing.state, hp.hearing.protocolState),
    number: hp.protocol?.number ?? null,
    resolution: approved
      ? {
          number: approved.resolution_number,
          date: approved.resolution_date,
          decidedAt: approved.decided_at,
          deputies:
            approved.deputies_for != null
              ? {
                  for: approved.deputies_for,
                  against: approved.deputies_against ?? 0,
                  abstain: approved.deputies_abstain ?? 0,
                }
              : null,
        }
      : null,
    verification: approved
      ? {
          code: approved.verification_code,
          contentSha256: approved.content_sha256,
          url: {
            ky: verifyUrl("ky", approved.verification_code!),
            ru: verifyUrl("ru", approved.verification_code!),
          },
          files: hp.files
            .filter((f) => f.versionId === approved.id)
            .map((f) => ({ lang: f.lang, format: f.format, sha256: f.sha256, size: f.size })),
        }
      : null,
    links: approved ? links() : {},
    versions: hp.versions.map((v) => {
      const readable = canReadVersion(user, hp.hearing.municipalityId, v);
      const isApproved = v.decision === "approved";
      return {
        version: v.version,
        createdAt: v.created_at,
        submittedAt: v.submitted_at,
        decision: v.decision,
        decidedAt: v.decided_at,
        resolutionNumber: isApproved ? v.resolution_number : null,
        resolutionDate: isApproved ? v.resolution_date : null,
        contentSha256: isApproved ? v.content_sha256 : null,
        links: readable ? links(v.version) : null,
      };
    }),
  };
}
