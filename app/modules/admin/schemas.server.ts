import { z } from "zod";
import { idField } from "../forms/fields";

const role = z.enum(["official", "council_secretary", "council_member"], {
  message: "admin:errors.roleRequired",
});
const id = idField("admin:errors.required");
const int = (min: number, max: number) =>
  z.coerce
    .number({ message: "admin:errors.number" })
    .int("admin:errors.number")
    .min(min, "admin:errors.range")
    .max(max, "admin:errors.range");

export const settingsSchema = z.object({
  minNoticeDays: int(1, 90),
  minCommentDays: int(1, 90),
  minVotingAge: int(16, 25),
  inPersonQuorum: int(0, 10000),
  unverifiedMayComment: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on"),
});

export const grantSchema = z.object({
  login: z.string().trim().min(1, "admin:errors.required"),
  municipalityId: id,
  role,
});

export const inviteSchema = z.object({
  municipalityId: id,
  role,
  note: z.string().trim().max(200).optional(),
});
