/**
 * What an amendment changed, as data (stored in `amendments.changes_json`), and its text in ky
 * and ru: "Калк, бир адамга айына: сунушталган 35 → 45 сом" / "Население, на 1 человека в месяц:
 * предлагаемый 35 → 45 сом". Pure: used by the public hearing page, the results and the protocol
 * (ADR 0050, docs/hearings.md "Amendments").
 */
import type { TFunction } from "i18next";
import { formatAmount } from "../format/format";

/** A tariff line as an amendment names it (catalog keys, see hearings/catalog.ts). */
export interface LineRef {
  service: string;
  category: string;
  unit: string;
}

/** Both languages of a name or title. */
export interface Bilingual {
  ky: string;
  ru: string;
}

/** One change of what is voted on. Prices and project budgets in tyiyn. */
export type AmendmentChange =
  | { kind: "price"; line: LineRef; field: "current" | "proposed"; from: number; to: number }
  | { kind: "lineRelabelled"; from: LineRef; to: LineRef }
  | { kind: "lineAdded"; line: LineRef; proposed: number }
  | { kind: "lineRemoved"; line: LineRef; proposed: number }
  | { kind: "sectionAdded"; name: Bilingual }
  | { kind: "sectionRemoved"; name: Bilingual }
  | { kind: "projectAdded"; title: Bilingual; budget: number }
  | { kind: "projectRemoved"; title: Bilingual; budget: number }
  | { kind: "projectBudget"; title: Bilingual; from: number; to: number }
  | { kind: "questionAdded"; title: Bilingual }
  | { kind: "questionRemoved"; title: Bilingual };

/** An amount as running text says it: "35", "14,43" (kopecks only when there are some). */
export function amendmentAmount(tyiyn: number): string {
  return formatAmount(tyiyn, tyiyn % 100 === 0 ? 0 : 2);
}

/** A price as council documents say it in running text: "35 сом", "14,43 сом". */
export function amendmentMoney(tyiyn: number): string {
  return `${amendmentAmount(tyiyn)}\u00A0сом`;
}

/**
 * One change as a sentence fragment in the language of `t` (any i18next `t`; keys under
 * `hearings:amend.change.*`, the line's names under `hearings:category|unit|service.*`).
 */
export function describeChange(c: AmendmentChange, t: TFunction, lang: "ky" | "ru"): string {
  const line = (l: LineRef) =>
    `${t(`hearings:category.${l.category}`)}, ${t(`hearings:unit.${l.unit}`)}`;
  const full = (l: LineRef) => `${t(`hearings:service.${l.service}`)}: ${line(l)}`;
  switch (c.kind) {
    case "price":
      // "сунушталган 35 → 45 сом": the amounts, the word once (in the text)
      return t(`hearings:amend.change.${c.field}Price`, {
        line: line(c.line),
        from: amendmentAmount(c.from),
        to: amendmentAmount(c.to),
      });
    case "lineRelabelled":
      return t("hearings:amend.change.lineRelabelled", { from: full(c.from), to: full(c.to) });
    case "lineAdded":
      return t("hearings:amend.change.lineAdded", {
        line: full(c.line),
        price: amendmentMoney(c.proposed),
      });
    case "lineRemoved":
      return t("hearings:amend.change.lineRemoved", {
        line: full(c.line),
        price: amendmentMoney(c.proposed),
      });
    case "sectionAdded":
    case "sectionRemoved":
      return t(`hearings:amend.change.${c.kind}`, { name: c.name[lang] || c.name.ky });
    case "projectAdded":
    case "projectRemoved":
      return t(`hearings:amend.change.${c.kind}`, {
        title: c.title[lang] || c.title.ky,
        budget: amendmentMoney(c.budget),
      });
    case "projectBudget":
      return t("hearings:amend.change.projectBudget", {
        title: c.title[lang] || c.title.ky,
        from: amendmentAmount(c.from),
        to: amendmentAmount(c.to),
      });
    case "questionAdded":
    case "questionRemoved":
      return t(`hearings:amend.change.${c.kind}`, { title: c.title[lang] || c.title.ky });
  }
}

/** All changes of an amendment, joined ("…; …"). */
export function describeChanges(changes: AmendmentChange[], t: TFunction, lang: "ky" | "ru") {
  return changes.map((c) => describeChange(c, t, lang)).join("; ");
}

/** Reads `changes_json` back (an unreadable value gives no changes rather than a 500). */
export function parseChanges(json: string): AmendmentChange[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as AmendmentChange[]) : [];
  } catch {
    return [];
  }
}
