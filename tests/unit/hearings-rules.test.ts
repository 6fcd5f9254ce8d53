import { describe, expect, it } from "vitest";
import { endOfBishkekDay, fromBishkekLocal, startOfBishkekDay } from "~/modules/format/time";
import { checkSchedule, commentDays, earliestClose } from "~/modules/hearings/schedule";
import { checkUpload, sniffKind } from "~/modules/hearings/uploads.server";

const settings = { minNoticeDays: 10, minCommentDays: 14 };
const s = (notice: string, start: string, end: string, meeting: string) => ({
  noticeAt: startOfBishkekDay(notice),
  commentStartAt: startOfBishkekDay(start),
  commentEndAt: endOfBishkekDay(end),
  meetingAt: fromBishkekLocal(meeting, "10:00"),
});

describe("schedule checks against the municipality's settings", () => {
  it("accepts a schedule that keeps both rules exactly", () => {
    const x = s("2026-03-01", "2026-03-02", "2026-03-15", "2026-03-11");
    expect(commentDays(x.commentStartAt!, x.commentEndAt!)).toBe(14);
    expect(checkSchedule(x, settings)).toEqual([]);
  });

  it("names the minimum comment days and the actual number", () => {
    const p = checkSchedule(s("2026-03-01", "2026-03-02", "2026-03-14", "2026-03-20"), settings);
    expect(p).toEqual([
      {
        field: "commentEndDate",
        key: "hearings:schedule.minCommentDays",
        params: { min: 14, days: 13 },
      },
    ]);
  });

  it("names the minimum notice days before the meeting", () => {
    const p = checkSchedule(s("2026-03-01", "2026-03-01", "2026-03-20", "2026-03-10"), settings);
    expect(p).toEqual([
      {
        field: "meetingDate",
        key: "hearings:schedule.minNoticeDays",
        params: { min: 10, days: 9 },
      },
    ]);
  });

  it("refuses a comment period before the notice, an end before the start, and missing dates", () => {
    expect(
      checkSchedule(s("2026-03-05", "2026-03-01", "2026-03-30", "2026-03-31"), settings).map(
        (p) => p.key,
      ),
    ).toContain("hearings:schedule.startBeforeNotice");
    expect(
      checkSchedule(s("2026-03-01", "2026-03-20", "2026-03-10", "2026-03-31"), settings).map(
        (p) => p.key,
      ),
    ).toContain("hearings:schedule.endBeforeStart");
    expect(
      checkSchedule(
        { noticeAt: null, commentStartAt: null, commentEndAt: null, meetingAt: null },
        settings,
      ),
    ).toHaveLength(4);
  });

  it("allows closing early only after the minimum period", () => {
    const start = startOfBishkekDay("2026-03-02")!;
    expect(earliestClose(start, 14).toISOString()).toBe(
      startOfBishkekDay("2026-03-16")!.toISOString(),
    );
  });
});

const PDF = new TextEncoder().encode("%PDF-1.4\n%test\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const zip = (entry: string) =>
  new Uint8Array([
    0x50,
    0x4b,
    0x03,
    0x04,
    ...new TextEncoder().encode(`....[Content_Types].xml....${entry}`),
  ]);

describe("uploads are recognised by their content", () => {
  it("knows PDF, PNG, JPEG, DOCX and XLSX", () => {
    expect(sniffKind(PDF)).toBe("pdf");
    expect(sniffKind(PNG)).toBe("png");
    expect(sniffKind(JPEG)).toBe("jpeg");
    expect(sniffKind(zip("word/document.xml"))).toBe("docx");
    expect(sniffKind(zip("xl/workbook.xml"))).toBe("xlsx");
    expect(sniffKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull(); // a plain zip
  });

  it("refuses a wrong type, a spoofed extension and an oversize file", () => {
    expect(checkUpload("a.pdf", PDF, 1000)).toMatchObject({
      ok: true,
      contentType: "application/pdf",
    });
    expect(checkUpload("photo.JPG", JPEG, 1000)).toMatchObject({ ok: true, kind: "jpeg" });
    expect(checkUpload("run.exe", new TextEncoder().encode("MZ\x90\x00"), 1000)).toEqual({
      ok: false,
      error: "wrongType",
    });
    expect(checkUpload("notes.txt", PDF, 1000)).toEqual({ ok: false, error: "wrongType" });
    expect(checkUpload("report.pdf", PNG, 1000)).toEqual({ ok: false, error: "spoofed" });
    expect(checkUpload("big.pdf", PDF, 5)).toEqual({ ok: false, error: "tooLarge" });
    expect(checkUpload("empty.pdf", new Uint8Array(), 5)).toEqual({ ok: false, error: "empty" });
  });
});
