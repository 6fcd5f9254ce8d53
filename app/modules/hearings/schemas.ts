/** Form schemas of the officials' pages (zod; messages are i18n keys). */
import { z } from "zod";
import { moneyRangeParams, readMoney } from "../format/format";
import { endOfBishkekDay, fromBishkekLocal, startOfBishkekDay } from "../format/time";
import { CATEGORIES, FUNDING_SOURCES, HEARING_TYPES, SERVICES, UNITS } from "./catalog";
import { idField } from "../forms/fields";

const req = (max = 300) =>
  z
    .string({ error: "hearings:validation.required" })
    .trim()
    .min(1, "hearings:validation.required")
    .max(max);
const opt = (max = 20000) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? "");
/** An amount of сом as typed → whole tyiyn, 0…MAX_MONEY_TYIYN (format.ts `readMoney`). */
const money = z.string({ error: "hearings:validation.money" }).transform((v, ctx) => {
  const r = readMoney(v);
  if ("error" in r) {
    ctx.addIssue(
      r.error === "range"
        ? { code: "custom", message: "common:errors.moneyRange", params: moneyRangeParams() }
        : { code: "custom", message: "hearings:validation.money" },
    );
    return z.NEVER;
  }
  return r.tyiyn;
});
const dateOpt = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || /^\d{4}-\d{2}-\d{2}$/.test(v), "hearings:validation.date");

export const createSchema = z.object({
  municipalityId: idField("hearings:validation.required"),
  type: z.enum(HEARING_TYPES, { error: "hearings:validation.required" }),
  titleKy: req(),
  titleRu: req(),
  initiatorKind: z.enum(["okmotu", "enterprise"], { error: "hearings:validation.required" }),
  initiatorNameKy: opt(200),
  initiatorNameRu: opt(200),
});

export const detailsSchema = z
  .object({
    titleKy: req(),
    titleRu: req(),
    summaryKy: opt(2000),
    summaryRu: opt(2000),
    bodyKy: opt(),
    bodyRu: opt(),
    authoritativeLang: z.enum(["ky", "ru"]),
    initiatorKind: z.enum(["okmotu", "enterprise"]),
    initiatorNameKy: opt(200),
    initiatorNameRu: opt(200),
    noticeDate: dateOpt,
    commentStartDate: dateOpt,
    commentEndDate: dateOpt,
    meetingDate: dateOpt,
    meetingTime: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^\d{1,2}:\d{2}$/.test(v), "hearings:validation.time"),
    meetingPlaceKy: opt(300),
    meetingPlaceRu: opt(300),
  })
  .transform((v) => ({
    ...v,
    noticeAt: v.noticeDate ? startOfBishkekDay(v.noticeDate) : null,
    commentStartAt: v.commentStartDate ? startOfBishkekDay(v.commentStartDate) : null,
    commentEndAt: v.commentEndDate ? endOfBishkekDay(v.commentEndDate) : null,
    meetingAt: v.meetingDate ? fromBishkekLocal(v.meetingDate, v.meetingTime || "10:00") : null,
  }));

/** "name ky; name ru; 12,50" per line → cost items (tyiyn). */
const costItems = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const out: { nameKy: string; nameRu: string; amount: number }[] = [];
    for (const line of (v ?? "").split(/\r?\n/)) {
      if (!line.trim()) continue;
      const parts = line.split(";").map((p) => p.trim());
      const amount = parts.length === 3 ? readMoney(parts[2]) : null;
      if (amount && "error" in amount && amount.error === "range") {
        ctx.addIssue({
          code: "custom",
          message: "common:errors.moneyRange",
          params: moneyRangeParams(),
        });
        return z.NEVER;
      }
      if (parts.length !== 3 || !parts[0] || !parts[1] || !amount || !("tyiyn" in amount)) {
        ctx.addIssue({ code: "custom", message: "hearings:validation.costItems" });
        return z.NEVER;
      }
      out.push({ nameKy: parts[0], nameRu: parts[1], amount: amount.tyiyn });
    }
    return out;
  });

export const lineSchema = z.object({
  service: z.enum(SERVICES, { error: "hearings:validation.required" }),
  category: z.enum(CATEGORIES, { error: "hearings:validation.required" }),
  unit: z.enum(UNITS, { error: "hearings:validation.required" }),
  currentPrice: money,
  proposedPrice: money,
  justificationKy: opt(2000),
  justificationRu: opt(2000),
  costItems,
  /** required by the command when the hearing is announced and what is voted on changes */
  amendReason: opt(1000),
});

/** The reason of an amendment on forms that only remove or add (sections, questions, lines). */
export const amendReasonSchema = z.object({ amendReason: opt(1000) });

export const sectionSchema = z.object({
  nameKy: req(200),
  nameRu: req(200),
  amendReason: opt(1000),
});

export const projectSchema = z.object({
  sectionId: idField("hearings:validation.required"),
  titleKy: req(300),
  titleRu: req(300),
  budget: money,
  yearFrom: z.coerce
    .number({ error: "hearings:validation.number" })
    .int()
    .min(2000, "hearings:validation.number")
    .max(2100, "hearings:validation.number"),
  yearTo: z.coerce
    .number({ error: "hearings:validation.number" })
    .int()
    .min(2000, "hearings:validation.number")
    .max(2100, "hearings:validation.number"),
  fundingSource: z.enum(FUNDING_SOURCES, { error: "hearings:validation.required" }),
  descriptionKy: opt(2000),
  descriptionRu: opt(2000),
  /** required by the command when the hearing is announced (projects are voted on, ADR 0050) */
  amendReason: opt(1000),
});

/** Editing a project in place: the same fields, without moving it to another section. */
export const projectEditSchema = projectSchema.omit({ sectionId: true });

export const questionSchema = z.object({
  titleKy: req(300),
  titleRu: req(300),
  tariffLineId: idField().optional(),
  amendReason: opt(1000),
});

export const cancelSchema = z.object({ reason: req(1000) });
