import { describe, expect, it } from "vitest";
import { ageOn } from "~/modules/participation/context.server";
import { decodeCursor, encodeCursor } from "~/modules/participation/queries.server";
import { attendanceForm, commentForm } from "~/modules/participation/schemas";

describe("participation helpers", () => {
  it("counts full years at today's date in Bishkek", () => {
    expect(ageOn("2008-03-10", new Date("2026-03-09T17:59:59.000Z"))).toBe(17);
    expect(ageOn("2008-03-10", new Date("2026-03-09T18:00:00.000Z"))).toBe(18);
    expect(ageOn("not a date")).toBeNull();
  });

  it("round-trips cursors and refuses garbage", () => {
    const c = encodeCursor("2026-03-05T06:00:00.000Z", 42);
    expect(decodeCursor(c)).toEqual({ createdAt: "2026-03-05T06:00:00.000Z", id: 42 });
    expect(decodeCursor("%%%")).toBeNull();
    expect(decodeCursor(Buffer.from("x|y").toString("base64url"))).toBeNull();
    expect(decodeCursor(null)).toBeNull();
  });

  it("parses the comment target and the meeting date", () => {
    const ok = commentForm.parse({ stance: "for", target: "line:7", body: "абв", anonymous: "on" });
    expect(ok).toMatchObject({ target: { tariffLineId: 7, planSectionId: null }, anonymous: true });
    expect(commentForm.safeParse({ stance: "for", target: "x:1", body: "абв" }).success).toBe(
      false,
    );
    expect(
      attendanceForm.parse({ attendance: "12", heldDate: "2026-03-10", heldTime: "18:30" }),
    ).toEqual({ attendance: 12, heldAt: "2026-03-10T12:30:00.000Z", notes: null });
    expect(attendanceForm.safeParse({ attendance: "1", heldDate: "2026-02-31" }).success).toBe(
      false,
    );
  });
});
