import { describe, expect, it } from "vitest";
import { changedFieldLabels } from "~/modules/hearings/changed";
import { createI18n } from "~/modules/i18n/instance";
import { loadResources } from "~/modules/i18n/resources.server";

/** The notice as the hearing page writes it (components.tsx, HearingContent). */
function notice(lang: "ky" | "ru", fields: string[]) {
  const i18n = createI18n(lang, loadResources()[lang]);
  const t = i18n.getFixedT(lang, "hearings");
  const labels = changedFieldLabels(fields, (f) => t(`page.changed.${f}`, { defaultValue: f }));
  return t("page.updatedOn", { date: "01.12.2026", fields: labels.join(", ") });
}

describe("the 'updated on … what changed' notice", () => {
  it("names the meeting place once when both its languages changed (issue 14)", () => {
    expect(notice("ru", ["meeting_place_ky", "meeting_place_ru"])).toBe(
      "Обновлено 01.12.2026. Что изменилось: место собрания.",
    );
    expect(notice("ky", ["meeting_place_ky", "meeting_place_ru"])).toBe(
      "01.12.2026 жаңыртылды. Эмне өзгөрдү: жыйындын орду.",
    );
  });
  it("keeps the order, lists a shared label once, and names every other field", () => {
    expect(
      notice("ru", [
        "comment_end_at",
        "initiator_kind",
        "initiator_name_ru",
        "title_ky",
        "tariffLines",
        "title_ru",
      ]),
    ).toBe(
      "Обновлено 01.12.2026. Что изменилось: окончание обсуждения, инициатор, название, тарифы.",
    );
  });
  it("has a label in both languages for every field an edit can record", () => {
    const fields = [
      "title_ky",
      "title_ru",
      "summary_ky",
      "summary_ru",
      "body_ky",
      "body_ru",
      "authoritative_lang",
      "initiator_kind",
      "initiator_name_ky",
      "initiator_name_ru",
      "notice_at",
      "comment_start_at",
      "comment_end_at",
      "meeting_at",
      "meeting_place_ky",
      "meeting_place_ru",
      "tariffLines",
      "planSections",
      "documents",
    ];
    for (const lang of ["ky", "ru"] as const) {
      const t = createI18n(lang, loadResources()[lang]).getFixedT(lang, "hearings");
      for (const label of changedFieldLabels(fields, (f) => t(`page.changed.${f}`)))
        expect(label, lang).not.toMatch(/^page\.|_/);
    }
  });
});
