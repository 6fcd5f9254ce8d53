/**
 * The shapes of the participation open-data answers (comments, results) as zod schemas: the source
 * of their part of the OpenAPI document (`app/modules/api/openapi.server.ts`).
 */
import { z } from "zod";
import { Bilingual } from "../hearings/api.schemas";

const Stance = z.enum(["for", "against", "neutral"]);
const Tally = z.object({
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
});

export const CommentItem = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  replyToHidden: z.boolean().describe("a reply to a comment the moderator hid"),
  stance: Stance,
  source: z.enum(["online", "in_person"]),
  author: z.object({
    kind: z.enum(["named", "anonymous", "speaker"]),
    name: z.string().nullable(),
    village: z.string().nullable(),
  }),
  verified: z.boolean(),
  target: z.union([
    z.object({ type: z.literal("hearing") }),
    z.object({ type: z.literal("tariffLine"), id: z.number().int(), label: Bilingual }),
    z.object({ type: z.literal("planSection"), id: z.number().int(), label: Bilingual }),
  ]),
  text: z.string().nullable().describe("null when hidden by the moderator"),
  hidden: z.object({ reason: z.string() }).nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  answer: z
    .object({
      status: z.enum(["accepted", "partly_accepted", "not_accepted", "not_relevant"]),
      text: z.string(),
      answeredAt: z.string().nullable(),
    })
    .nullable(),
});

/** `GET /api/v1/hearings/{id}/comments`: one keyset page, oldest first. */
export const CommentsPage = z.object({
  hearingId: z.number().int(),
  items: z.array(CommentItem),
  nextCursor: z.string().nullable(),
});

/** `GET /api/v1/hearings/{id}/results` (after the hearing closed). */
export const ResultsReply = z.object({
  hearingId: z.number().int(),
  votesCast: z.number().int(),
  participants: z.object({
    online: z.number().int(),
    inPerson: z.number().int(),
    total: z.number().int(),
  }),
  comments: z.object({
    total: z
      .number()
      .int()
      .describe("counted top-level comments (not hidden): the sum of byStance"),
    byStance: z.object({
      for: z.number().int(),
      against: z.number().int(),
      neutral: z.number().int(),
    }),
    bySource: z.object({ online: z.number().int(), inPerson: z.number().int() }),
    replies: z
      .number()
      .int()
      .describe("counted replies (not hidden): residents choose no stance for a reply"),
    hidden: z.number().int().describe("hidden by the moderator: in no other figure"),
  }),
  questions: z.array(
    z.object({
      id: z.number().int(),
      title: Bilingual,
      online: Tally,
      inPerson: Tally,
      total: Tally,
    }),
  ),
  setAside: z
    .array(
      z.object({
        amendment: z.number().int().describe("the amendment's number in this hearing (1, 2, …)"),
        at: z.string().describe("when it was made, ISO 8601 with the Bishkek offset"),
        votes: z.number().int().describe("votes it set aside: counted in no figure above"),
        byQuestion: z.array(
          z.object({
            questionId: z.number().int().describe("may name a question the amendment removed"),
            title: Bilingual,
            votes: z.number().int(),
          }),
        ),
      }),
    )
    .describe(
      "amendments of the proposal after announcement (ADR 0050), each with the votes it set aside",
    ),
});

/** A localized refusal: `{ error: { code: "errors.…", message } }` (404 unknown hearing, 403 results before close). */
export const ApiErrorMessage = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
