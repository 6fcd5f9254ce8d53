/**
 * Tariff lines are stored as codes (waste_collection, population, person_month); every text made
 * on the server — the protocol, the notice poster, the comments API — shows them as words in the
 * reader's language, never as codes. Checked on the demo data, with pdftotext for the PDFs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/modules/demo";
import { lineLabel } from "~/modules/hearings/labels.server";
import { buildProtocolContent } from "~/modules/protocol/content.server";
import { buildDocument } from "~/modules/protocol/document.server";
import { renderPdf } from "~/modules/protocol/pdf.server";
import { renderNoticePdf } from "~/modules/reach/notice.server";
import { getReachHearing } from "~/modules/reach/queries.server";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let dir: string;
let wasteId: number;

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), "jyiyn-labels-"));
  process.env.UPLOAD_DIR = dir;
  await seedDemo(t.db, new Date(), "test-secret-0123456789");
  const h = await t.db
    .selectFrom("tariff_lines")
    .select("hearing_id")
    .where("service", "=", "waste_collection")
    .executeTakeFirstOrThrow();
  wasteId = h.hearing_id;
}, 120_000);
afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function pdfText(buf: Buffer): string {
  const file = join(dir, `x-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, buf);
  return execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
}

describe("tariff line words", () => {
  it("names the codes in each language", () => {
    const line = { service: "waste_collection", category: "population", unit: "person_month" };
    expect(lineLabel(line, "ky")).toBe("Таштанды чыгаруу — Калк");
    expect(lineLabel(line, "ru")).toBe("Вывоз ТБО — Население");
    expect(lineLabel({ service: "Свой текст", category: "x" }, "ru")).toBe("Свой текст — x");
  });

  it("the notice poster shows words, not codes", async () => {
    const h = (await getReachHearing(t.db, wasteId))!;
    const text = pdfText(await renderNoticePdf(h, "http://localhost/h/x"));
    expect(text).toContain("Вывоз ТБО");
    expect(text).toContain("Таштанды чыгаруу");
    expect(text).not.toMatch(/waste_collection|person_month|population/);
  });

  it("the protocol's tariff table shows words, not codes", async () => {
    const content = await buildProtocolContent(
      t.db,
      wasteId,
      {
        number: "1",
        chairName: "А",
        secretaryName: "Б",
        conclusionsKy: "",
        conclusionsRu: "",
      } as never,
      new Date().toISOString(),
    );
    for (const lang of ["ky", "ru"] as const) {
      const text = pdfText(await renderPdf(buildDocument(content, lang, null, null)));
      expect(text).toContain(lang === "ky" ? "Таштанды чыгаруу" : "Вывоз ТБО");
      expect(text).not.toMatch(/waste_collection|person_month/);
    }
  });
});
