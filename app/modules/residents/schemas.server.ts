import { z } from "zod";
import { parseBirthDate } from "./csv.server";
import { birthDateFromPin } from "./hash.server";
import { idField } from "../forms/fields";

const pin = z
  .string()
  .transform((s) => s.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{14}$/, "residents:errors.pinFormat"));
const birthDate = z
  .string()
  .trim()
  .transform((s) => parseBirthDate(s) ?? "")
  .pipe(z.string().min(1, "residents:errors.birthDateFormat"));

const agree = (v: { pin: string; birthDate: string }) => birthDateFromPin(v.pin) === v.birthDate;

export const verifySchema = z
  .object({ pin, birthDate })
  .refine(agree, { message: "residents:errors.birthDateMismatch", path: ["birthDate"] });

export const inPersonSchema = z
  .object({ login: z.string().trim().min(1, "residents:errors.required"), pin, birthDate })
  .refine(agree, { message: "residents:errors.birthDateMismatch", path: ["birthDate"] });

export const revokeSchema = z.object({
  verificationId: idField(),
  reason: z.string().trim().min(3, "residents:errors.reasonRequired").max(300),
});

export const resetCodeSchema = z.object({
  phone: z.string().trim().min(1, "residents:errors.required"),
});
