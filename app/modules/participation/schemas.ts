/** Form schemas of participation (messages are i18n keys in the "participation" namespace). */
import { z } from "zod";
import { fromBishkekLocal } from "../format/time";
import { idField } from "../forms/fields";
import { toId } from "../http/ids";

const id = idField();
const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), id.nullable());
export const stance = z.enum(["for", "against", "neutral"], {
  message: "participation:errors.stanceRequired",
});
const body = z
  .string()
  .trim()
  .min(3, "participation:errors.bodyTooShort")
  .max(5000, "participation:errors.bodyTooLong");
const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean());

/** target: "" (whole hearing), "line:{id}" or "section:{id}" */
export const target = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return { tariffLineId: null, planSectionId: null };
    const m = /^(line|section):(\d+)$/.exec(v);
    if (!m || toId(m[2]) === null) {
      ctx.addIssue({ code: "custom", message: "participation:errors.badTarget" });
      return z.NEVER;
    }
    const n = Number(m[2]);
    return m[1] === "line"
      ? { tariffLineId: n, planSectionId: null }
      : { tariffLineId: null, planSectionId: n };
  });

export const commentForm = z.object({
  stance,
  target,
  body,
  anonymous: checkbox,
});
export const replyForm = z.object({ parentId: id, body, anonymous: checkbox });
export const editForm = z.object({ commentId: id, body });
export const reportForm = z.object({
  commentId: id,
  reason: z
    .string()
    .trim()
    .min(3, "participation:errors.reasonRequired")
    .max(500, "participation:errors.reasonTooLong"),
});
export const voteForm = z.object({
  questionId: id,
  choice: z.enum(["for", "against", "abstain"], { message: "participation:errors.choiceRequired" }),
});
export const answerForm = z.object({
  commentId: id,
  status: z.enum(["accepted", "partly_accepted", "not_accepted", "not_relevant"], {
    message: "participation:errors.statusRequired",
  }),
  text: z
    .string()
    .trim()
    .min(3, "participation:errors.answerTooShort")
    .max(5000, "participation:errors.bodyTooLong"),
});
export const hideForm = z.object({
  commentId: id,
  reason: z
    .string()
    .trim()
    .min(3, "participation:errors.reasonRequired")
    .max(500, "participation:errors.reasonTooLong"),
});
export const commentIdForm = z.object({ commentId: id });
const count = z.coerce
  .number({ message: "participation:errors.countInvalid" })
  .int("participation:errors.countInvalid")
  .min(0, "participation:errors.countInvalid")
  .max(1_000_000, "participation:errors.countInvalid");
export const attendanceForm = z
  .object({
    attendance: count,
    /** the meeting's date and time, Bishkek wall clock (optional) */
    heldDate: z.string().trim().optional(),
    heldTime: z.string().trim().optional(),
    /** required when held on another day than announced (checked by recordAttendance) */
    heldReason: z.string().trim().max(1000, "participation:errors.reasonTooLong").optional(),
    notes: z.string().trim().max(5000, "participation:errors.bodyTooLong").optional(),
  })
  .transform((v, ctx) => {
    let heldAt: string | null = null;
    if (v.heldDate) {
      const d = fromBishkekLocal(v.heldDate, v.heldTime || "00:00");
      if (!d) {
        ctx.addIssue({
          code: "custom",
          path: ["heldDate"],
          message: "participation:errors.badDate",
        });
        return z.NEVER;
      }
      heldAt = d.toISOString();
    }
    return {
      attendance: v.attendance,
      heldAt,
      notes: v.notes || null,
      ...(v.heldReason ? { heldReason: v.heldReason } : {}),
    };
  });
export const speakerForm = z.object({
  speakerName: z
    .string()
    .trim()
    .min(2, "participation:errors.speakerRequired")
    .max(200, "participation:errors.speakerRequired"),
  villageId: optionalId,
  stance,
  target,
  body,
});
export const tallyForm = z.object({ questionId: id, for: count, against: count, abstain: count });

export const listQuery = z.object({
  stance: z.enum(["for", "against", "neutral"]).optional().catch(undefined),
  target: z
    .string()
    .regex(/^(line|section):\d{1,10}$/)
    .refine((v) => toId(v.split(":")[1]) !== null)
    .optional()
    .catch(undefined),
  unanswered: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on" || v === "true"),
  cursor: z.string().max(200).optional().catch(undefined),
});

export function filtersFromUrl(url: URL) {
  const q = listQuery.parse(Object.fromEntries(url.searchParams));
  const m = q.target ? /^(line|section):(\d+)$/.exec(q.target) : null;
  return {
    stance: q.stance ?? null,
    target: q.target ?? "",
    tariffLineId: m?.[1] === "line" ? Number(m[2]) : null,
    planSectionId: m?.[1] === "section" ? Number(m[2]) : null,
    unanswered: q.unanswered,
    cursor: q.cursor ?? null,
  };
}
