/**
 * The shape of `GET /api/v1/hearings/{id}/protocol` as a zod schema: the source of its part of the
 * OpenAPI document (`app/modules/api/openapi.server.ts`). camelCase like every other endpoint.
 */
import { z } from "zod";
import { ProtocolState, PublicStage } from "../hearings/api.schemas";

const Lang = z.enum(["ky", "ru"]);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const IsoDate = z.iso.date();

/** Download links: `pdfKy`, `docxKy`, `pdfRu`, `docxRu` (empty object while nothing is approved). */
const Links = z.object({
  pdfKy: z.url().optional(),
  docxKy: z.url().optional(),
  pdfRu: z.url().optional(),
  docxRu: z.url().optional(),
});

export const ProtocolReply = z.object({
  hearingId: z.number().int(),
  hearingState: z.enum(["draft", "announced", "open", "closed", "cancelled"]),
  protocolState: ProtocolState.nullable(),
  stage: z.enum([...PublicStage.options, "draft"]),
  number: z.string().nullable(),
  resolution: z
    .object({
      number: z.string().nullable(),
      date: IsoDate.nullable(),
      decidedAt: z.string().nullable(),
      deputies: z
        .object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() })
        .nullable(),
    })
    .nullable(),
  verification: z
    .object({
      code: z.string().nullable(),
      contentSha256: Sha256.nullable(),
      url: z.object({ ky: z.url(), ru: z.url() }),
      files: z.array(
        z.object({
          lang: Lang,
          format: z.enum(["pdf", "docx"]),
          sha256: Sha256,
          size: z.number().int().describe("bytes"),
        }),
      ),
    })
    .nullable(),
  links: Links,
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      submittedAt: z.string().nullable(),
      decision: z.enum(["approved", "returned"]).nullable(),
      decidedAt: z.string().nullable(),
      resolutionNumber: z.string().nullable(),
      resolutionDate: IsoDate.nullable(),
      contentSha256: Sha256.nullable(),
      links: Links.nullable().describe(
        "only for the municipality's officials and council when signed in, or once approved",
      ),
    }),
  ),
});
