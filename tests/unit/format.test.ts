import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  parseMoney,
} from "~/modules/format/format";
import {
  bishkekDaysBetween,
  endOfBishkekDay,
  fromBishkekLocal,
  parseCalendarDate,
  toIsoBishkek,
} from "~/modules/format/time";
import { matchesSearch, normalizeSearch } from "~/modules/format/search";

describe("dates in Asia/Bishkek", () => {
  it("writes numeric dates dd.MM.yyyy in both languages (not ICU's ky year-day-month)", () => {
    const d = new Date("2025-03-15T10:00:00Z");
    expect(formatDate(d, "ky")).toBe("15.03.2025");
    expect(formatDate(d, "ru")).toBe("15.03.2025");
  });
  it("writes the long style as council documents do", () => {
    const d = new Date("2025-03-15T10:00:00Z");
    expect(formatDate(d, "ky", "long")).toBe("2025-ж., 15-март");
    expect(formatDate(d, "ru", "long")).toBe("15 марта 2025 г.");
  });
  it("shows the Bishkek calendar day, not the UTC one", () => {
    // 20:30 UTC on the 14th is 02:30 on the 15th in Bishkek
    const d = new Date("2025-03-14T20:30:00Z");
    expect(formatDateTime(d, "ru")).toBe("15.03.2025, 02:30");
  });
  it("makes 'until 15 March' end at 23:59:59 in Bishkek whatever the server zone", () => {
    expect(endOfBishkekDay("2025-03-15")!.toISOString()).toBe("2025-03-15T17:59:59.999Z");
    expect(fromBishkekLocal("2025-03-15", "14:00")!.toISOString()).toBe("2025-03-15T08:00:00.000Z");
    expect(toIsoBishkek("2025-03-15T08:00:00.000Z")).toBe("2025-03-15T14:00:00+06:00");
  });
  it("refuses impossible dates", () => {
    expect(fromBishkekLocal("2025-02-30")).toBeNull();
    expect(fromBishkekLocal("2025-13-01")).toBeNull();
    expect(fromBishkekLocal("15.03.2025")).toBeNull();
  });
  it("one parser of calendar dates: real days in 1900–2100 only (issue 11)", () => {
    expect(parseCalendarDate("2025-02-30")).toBeNull();
    expect(parseCalendarDate("9999-12-31")).toBeNull();
    expect(parseCalendarDate("1899-12-31")).toBeNull();
    expect(parseCalendarDate("2025-02-29")).toBeNull();
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29");
    expect(parseCalendarDate("29.02.2024")).toBe("2024-02-29");
    expect(parseCalendarDate("1.3.1990")).toBe("1990-03-01");
    expect(parseCalendarDate("2026-1-05")).toBeNull();
    expect(fromBishkekLocal("9999-12-31")).toBeNull();
    expect(fromBishkekLocal("2100-12-31", "23:59")?.toISOString()).toBe("2100-12-31T17:59:00.000Z");
  });
  it("counts Bishkek calendar days", () => {
    expect(bishkekDaysBetween("2025-03-14T17:00:00Z", "2025-03-14T19:00:00Z")).toBe(1);
    expect(bishkekDaysBetween("2025-03-01T00:00:00Z", "2025-03-15T00:00:00Z")).toBe(14);
  });
});

describe("money in сом", () => {
  it("uses two decimals, a no-break space between thousands and the word сом", () => {
    expect(formatMoney(123456789, "ky")).toBe("1\u00A0234\u00A0567,89\u00A0сом");
    expect(formatMoney(2000, "ru")).toBe("20,00\u00A0сом");
    expect(formatMoney(1443, "ru")).toBe("14,43\u00A0сом");
  });
  it("parses what people type", () => {
    expect(parseMoney("14,43")).toBe(1443);
    expect(parseMoney("1 234.5")).toBe(123450);
    expect(parseMoney("20")).toBe(2000);
    expect(parseMoney("-5")).toBeNull();
    expect(parseMoney("1.234")).toBeNull();
    expect(parseMoney("abc")).toBeNull();
  });
  it("formats percentages with a sign", () => {
    expect(formatPercent(0.25, { signed: true })).toBe("+25,0\u00A0%");
    expect(formatPercent(-0.125, { signed: true })).toBe("−12,5\u00A0%");
  });
});

describe("search normaliser", () => {
  it("treats ӊ and ң (and Ӊ/Ң) as the same letter", () => {
    expect(normalizeSearch("Ак-Булуӊ")).toBe(normalizeSearch("ак-булуң"));
    expect(normalizeSearch("ӉӊҢң")).toBe("нннн");
    expect(matchesSearch("Чоң-Таш", "ЧОӉ")).toBe(true);
    expect(matchesSearch("Чоң-Таш", "Бишкек")).toBe(false);
  });

  it("finds Kyrgyz words typed as people type them (о for ө, у for ү, н for ң, separators)", () => {
    // о for ө, a hyphen kept
    expect(matchesSearch("Ысык-Көл", "ысык-кол")).toBe(true);
    // у for ү, н for ң
    expect(matchesSearch("Түп району", "туп")).toBe(true);
    expect(matchesSearch("Ак-Булуң", "ак-булун")).toBe(true);
    // a space for a hyphen, and a hyphen for a dash
    expect(matchesSearch("Ак-Булуң", "ак булуң")).toBe(true);
    expect(matchesSearch("ПСЭР 2026–2028", "2026-2028")).toBe(true);
    expect(matchesSearch("Ысык — Көл", "ысык-көл")).toBe(true);
    // capitals of the Kyrgyz letters, and ё
    expect(matchesSearch("ҮСӨНОВА Алёна", "усонова алена")).toBe(true);
    // several separators are one
    expect(normalizeSearch("  Чоң -  Таш ")).toBe("чон таш");
    // and a different word is still not found
    expect(matchesSearch("Ысык-Көл", "сары-ой")).toBe(false);
  });
});
