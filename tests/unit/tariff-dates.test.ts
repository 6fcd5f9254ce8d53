/** The tariff register's date check goes through the one calendar parser (issue 11, must-have 6). */
import { describe, expect, it } from "vitest";
import { isCalendarDate } from "~/modules/tariffs/register";

describe("isCalendarDate (tariff register)", () => {
  it.each([
    ["2026-12-01", true],
    ["2024-02-29", true],
    ["1991-01-01", true],
    ["2025-02-30", false],
    ["2025-02-29", false],
    ["1990-12-31", false],
    ["2101-01-01", false],
    ["9999-12-31", false],
    ["01.12.2026", false],
    ["2026-1-01", false],
    ["", false],
  ])("%s → %s", (v, ok) => expect(isCalendarDate(v)).toBe(ok));
});
