/**
 * The words for a tariff line's codes (service, consumer category, unit) in one language, for
 * server-side text: the participation forms, the protocol, the notice poster, the API. A code not
 * in the catalogue (free text from older data) is shown as it is.
 */
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";

export interface LineCodes {
  service: string;
  category: string;
  unit?: string;
}

export function lineWords(l: LineCodes, lang: Lang) {
  const t = getFixedT(lang, "hearings");
  return {
    service: t(`service.${l.service}`, { defaultValue: l.service }) as string,
    category: t(`category.${l.category}`, { defaultValue: l.category }) as string,
    unit: l.unit ? (t(`unit.${l.unit}`, { defaultValue: l.unit }) as string) : "",
  };
}

/** "Таштанды чыгаруу — Калк" */
export function lineLabel(l: LineCodes, lang: Lang): string {
  const w = lineWords(l, lang);
  return `${w.service} — ${w.category}`;
}

export function lineLabelBoth(l: LineCodes): { ky: string; ru: string } {
  return { ky: lineLabel(l, "ky"), ru: lineLabel(l, "ru") };
}

/**
 * The vote question of a tariff line, made from the line in one language: "Поддерживаете ли вы
 * тариф «Вывоз ТБО — Бюджетные организации, на 1 человека в месяц»?". A relabelled line's own
 * questions get it in ky and ru (ADR 0050), so no question names what the line no longer is.
 */
export function lineQuestionTitle(l: Required<LineCodes>, lang: Lang): string {
  const w = lineWords(l, lang);
  return getFixedT(lang, "hearings")("questionForLine", {
    line: `${w.service} — ${w.category}, ${w.unit}`,
    interpolation: { escapeValue: false },
  }) as string;
}
