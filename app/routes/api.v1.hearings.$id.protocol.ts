import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { apiNotFound } from "~/modules/hearings/api.server";
import { canReadVersion, getHearingProtocol } from "~/modules/protocol/queries.server";
import { verifyUrl } from "~/modules/protocol/render.server";
import { publicStage } from "~/modules/protocol/stage";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

/**
 * GET /api/v1/hearings/{id}/protocol: state, versions, resolution, hashes, links. Drafts'
 * contents are never here; versions not approved are listed (number, dates, decision) only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id && /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
  if (id == null) return apiNotFound(request);
  const hp = await getHearingProtocol(await getDb(), id);
  if (!hp) return apiNotFound(request);
  const user = await getUser(request);
  const base = env().publicUrl;
  const links = (v?: number) =>
    Object.fromEntries(
      (["ky", "ru"] as const).flatMap((l) =>
        (["pdf", "docx"] as const).map((f) => [
          `${f}_${l}`,
          `${base}/${l}/hearings/${id}/protocol${v === undefined ? "" : `/v/${v}`}.${f}`,
        ]),
      ),
    );
  const approved = hp.versions.find((v) => v.decision === "approved") ?? null;
  return json({
    hearing_id: id,
    hearing_state: hp.hearing.state,
    protocol_state: hp.protocol?.state ?? null,
    stage: publicStage(hp.hearing.state, hp.hearing.protocolState),
    number: hp.protocol?.number ?? null,
    resolution: approved
      ? {
          number: approved.resolution_number,
          date: approved.resolution_date,
          decided_at: approved.decided_at,
          deputies:
            approved.deputies_for != null
              ? {
                  for: approved.deputies_for,
                  against: approved.deputies_against,
                  abstain: approved.deputies_abstain,
                }
              : null,
        }
      : null,
    verification: approved
      ? {
          code: approved.verification_code,
          content_sha256: approved.content_sha256,
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
      return {
        version: v.version,
        created_at: v.created_at,
        submitted_at: v.submitted_at,
        decision: v.decision,
        decided_at: v.decided_at,
        resolution_number: v.decision === "approved" ? v.resolution_number : null,
        resolution_date: v.decision === "approved" ? v.resolution_date : null,
        content_sha256: v.decision === "approved" ? v.content_sha256 : null,
        links: readable ? links(v.version) : null,
      };
    }),
  });
}
