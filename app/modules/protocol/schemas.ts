import { z } from "zod";
import { parseCalendarDate } from "../format/time";
import { isCalendarDate } from "../tariffs/register";

const name = z
  .string()
  .trim()
  .min(1, "protocol:errors.required")
  .max(200, "protocol:errors.tooLong");
const long = z.string().trim().max(20000, "protocol:errors.tooLong");

export const draftSchema = z.object({
  chairName: name,
  secretaryName: name,
  conclusionsKy: long,
  conclusionsRu: long,
});

const count = z
  .string()
  .trim()
  .regex(/^\d{0,4}$/, "protocol:errors.badNumber")
  .optional();

export const decisionSchema = z
  .object({
    decision: z.enum(["approve", "return"], { message: "protocol:errors.badDecision" }),
    resolutionNumber: z.string().trim().max(50, "protocol:errors.tooLong").optional(),
    resolutionDate: z.string().trim().optional(),
    deputiesFor: count,
    deputiesAgainst: count,
    deputiesAbstain: count,
    returnComments: z.string().trim().max(5000, "protocol:errors.tooLong").optional(),
    /** tariff hearings: the day the tariffs enter into force (yyyy-mm-dd, Asia/Bishkek) */
    effectiveFrom: z.string().trim().max(20, "protocol:errors.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "approve") {
      if (!v.resolutionNumber)
        ctx.addIssue({
          code: "custom",
          path: ["resolutionNumber"],
          message: "protocol:errors.required",
        });
      const shaped =
        !!v.resolutionDate &&
        /^(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})$/.test(v.resolutionDate);
      if (!shaped || !parseCalendarDate(v.resolutionDate!))
        ctx.addIssue({
          code: "custom",
          path: ["resolutionDate"],
          // a well-shaped date that is not in the calendar (30.02, year 9999) says so
          message: shaped ? "protocol:errors.resolutionDateInvalid" : "protocol:errors.badDate",
        });
      if (v.effectiveFrom) {
        if (!isCalendarDate(v.effectiveFrom))
          ctx.addIssue({
            code: "custom",
            path: ["effectiveFrom"],
            message: "tariffs:errors.badDate",
          });
        else if (v.resolutionDate && v.effectiveFrom < v.resolutionDate)
          ctx.addIssue({
            code: "custom",
            path: ["effectiveFrom"],
            message: "tariffs:errors.beforeResolution",
          });
      }
    } else if (!v.returnComments) {
      ctx.addIssue({
        code: "custom",
        path: ["returnComments"],
        message: "protocol:errors.required",
      });
    }
  });
