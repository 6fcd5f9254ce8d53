/**
 * The comment end after an amendment at Asia/Bishkek day boundaries (ADR 0050, issue 11 review):
 * at least the minimum number of whole days after the amendment's day.
 */
import { describe, expect, it } from "vitest";
import { amendedCommentEnd } from "~/modules/hearings/schedule";

const end = new Date("2026-03-15T17:59:59.999Z"); // the end of 15.03 in Bishkek (UTC+6)

describe("amendedCommentEnd (min 14 days, whole days after the amendment's day)", () => {
  it("amended 05.03 at 23:59 Bishkek: 06.03–19.03, not 13 days and a minute", () => {
    const r = amendedCommentEnd(new Date("2026-03-05T17:59:00.000Z"), end, 14);
    expect(r).toEqual({ end: new Date("2026-03-19T17:59:59.999Z"), moved: true });
  });
  it("amended 06.03 at 00:01 Bishkek: 07.03–20.03", () => {
    const r = amendedCommentEnd(new Date("2026-03-05T18:01:00.000Z"), end, 14);
    expect(r).toEqual({ end: new Date("2026-03-20T17:59:59.999Z"), moved: true });
  });
  it("amended 05.03 at 00:00 and at 23:59:59.999 Bishkek: the same day, the same end", () => {
    const a = amendedCommentEnd(new Date("2026-03-04T18:00:00.000Z"), end, 14);
    const b = amendedCommentEnd(new Date("2026-03-05T17:59:59.999Z"), end, 14);
    expect(a).toEqual(b);
    expect(a.end.toISOString()).toBe("2026-03-19T17:59:59.999Z");
  });
  it("exactly 14 whole days left (amended any time on 01.03): the end stays", () => {
    for (const at of ["2026-02-28T18:00:00.000Z", "2026-03-01T17:59:59.999Z"])
      expect(amendedCommentEnd(new Date(at), end, 14)).toEqual({ end, moved: false });
  });
  it("13 whole days left (amended 02.03 at 00:00 Bishkek): the end moves one day, to 16.03", () => {
    const r = amendedCommentEnd(new Date("2026-03-01T18:00:00.000Z"), end, 14);
    expect(r).toEqual({ end: new Date("2026-03-16T17:59:59.999Z"), moved: true });
  });
  it("an end in the middle of a day: that day is not a whole day", () => {
    const midday = new Date("2026-03-15T06:00:00.000Z"); // 15.03 12:00 Bishkek
    const r = amendedCommentEnd(new Date("2026-03-01T06:00:00.000Z"), midday, 14);
    expect(r).toEqual({ end: new Date("2026-03-15T17:59:59.999Z"), moved: true });
  });
  it("an end already passed: the minimum from the amendment's next day", () => {
    const r = amendedCommentEnd(new Date("2026-03-20T06:00:00.000Z"), end, 3);
    expect(r).toEqual({ end: new Date("2026-03-23T17:59:59.999Z"), moved: true });
  });
});
