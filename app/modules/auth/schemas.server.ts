import { z } from "zod";
import { passwordProblem } from "./credentials.server";
import { idField } from "../forms/fields";

const newPassword = z.string().superRefine((v, ctx) => {
  const p = passwordProblem(v);
  if (p) ctx.addIssue({ code: "custom", message: p });
});

export const registerSchema = z.object({
  login: z.string().trim().min(1, "auth:errors.required").max(254),
  password: newPassword,
  displayName: z
    .string()
    .trim()
    .min(2, "auth:errors.nameTooShort")
    .max(80, "auth:errors.nameTooLong"),
  villageId: idField("auth:errors.required"),
});

export const loginSchema = z.object({
  login: z.string().trim().min(1, "auth:errors.required").max(254),
  password: z.string().min(1, "auth:errors.required").max(500),
});

export const resetRequestSchema = z.object({
  login: z.string().trim().min(1, "auth:errors.required").max(254),
});

export const resetCodeSchema = z.object({
  phone: z.string().trim().min(1, "auth:errors.required").max(40),
  code: z
    .string()
    .trim()
    .regex(/^\d{4}\s?\d{4}$/, "auth:errors.codeFormat"),
  password: newPassword,
});

export const newPasswordSchema = z.object({ password: newPassword });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "auth:errors.required"),
  newPassword,
});

export const profileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(2, "auth:errors.nameTooShort")
    .max(80, "auth:errors.nameTooLong"),
  locale: z.enum(["ky", "ru"]),
  villageId: idField().optional(),
});
