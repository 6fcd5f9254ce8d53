import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { loader as noticeLoader } from "~/routes/$lang.hearings.$id.notice[.]pdf";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import { makeHearing, reachWorld, type ReachWorld } from "../helpers/reach-fixtures";

let t: TestDb;
let w: ReachWorld;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  w = await reachWorld(t.db);
  setEnvForTests({ PUBLIC_URL: "https://jyiyn.example.kg" });
  setClock("2026-12-01T10:00:00.000Z"); // announced, comments not yet open
  dir = mkdtempSync(join(tmpdir(), "jyiyn-notice-"));
});
afterAll(async () => {
  setClock(null);
  if (!process.env.KEEP_NOTICE) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
  await t.cleanup();
});

async function getPdf(lang: string, id: number): Promise<Response> {
  try {
    return (await noticeLoader({
      request: makeRequest(`/${lang}/hearings/${id}/notice.pdf`),
      params: { lang, id: String(id) },
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" })
    .replace(/[\s\u00A0\u202F]+/g, " ")
    .trim();
}

describe("notice poster PDF", () => {
  it("prints both languages, the tariff, the schedule, the offline route and a QR short link", async () => {
    const id = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      shortCode: "tyup24",
    });
    const res = await getPdf("ky", id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const file = join(dir, "notice.pdf");
    writeFileSync(file, bytes);

    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/);

    const text = pdfText(file);
    // Kyrgyz (with ң ө ү) and Russian on the same sheet
    expect(text).toContain("КУЛАКТАНДЫРУУ · ОБЪЯВЛЕНИЕ");
    expect(text).toContain("Коомдук угуулар жөнүндө кулактандыруу");
    expect(text).toContain("Объявление о публичных слушаниях");
    expect(text).toContain("Таштанды чыгаруу тарифи — Түп айылы");
    expect(text).toContain("Тариф на вывоз ТБО — село Тюп");
    // the tariff lines, current → proposed
    expect(text).toContain("20,00 сом → 25,00 сом");
    expect(text).toContain("450,00 сом → 520,50 сом");
    // meeting: 22 December 2026, 15:00 Bishkek, and the place
    expect(text).toContain("22 декабря 2026 г., в 15:00");
    expect(text).toMatch(/2026-ж\., 22-декабрь, саат 15:00/);
    expect(text).toContain("с. Тюп, Дом культуры, ул. Ленина 12");
    expect(text).toContain("Түп айылы, маданият үйү, Ленин көчөсү 12");
    // the comment deadline: 20 December 23:59 Bishkek
    expect(text).toContain("до 20 декабря 2026 г., 23:59");
    expect(text).toMatch(/2026-ж\., 20-декабрь, саат 23:59 чейин/);
    // taking part without internet
    expect(text).toContain("айыл өкмөтүнө келип, оозеки же жазуу түрүндө бериңиз");
    expect(text).toContain("устно или письменно в айыл окмоту");
    expect(text).toContain("jyiyn.example.kg/h/tyup24");

    // the QR code, decoded from the rendered page
    execFileSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", file, join(dir, "page")]);
    const png = readdirSync(dir).find((f) => f.startsWith("page") && f.endsWith(".png"))!;
    const decoded = execFileSync("zbarimg", ["--raw", "-q", join(dir, png)], {
      encoding: "utf8",
    }).trim();
    expect(decoded).toBe("https://jyiyn.example.kg/h/tyup24");
  });

  it("shows a plan's headline figures: the total budget and the sections", async () => {
    const id = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      type: "plan",
      titleKy: "Социалдык-экономикалык өнүктүрүү программасы 2026–2030",
      titleRu: "Программа социально-экономического развития 2026–2030",
    });
    const res = await getPdf("ru", id);
    expect(res.status).toBe(200);
    const file = join(dir, "plan.pdf");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = pdfText(file);
    expect(text).toContain("Общий бюджет программы: 2 050 000,00 сом");
    expect(text).toContain("Программанын жалпы бюджети: 2 050 000,00 сом");
    expect(text).toContain("Ичүүчү суу менен камсыздоо: 1 250 000,00 сом");
    expect(text).toContain("Дороги: 800 000,00 сом");
  });

  it("is not there for drafts, cancelled hearings, unknown ids or another language prefix", async () => {
    const draft = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      state: "draft",
    });
    const cancelled = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      state: "cancelled",
    });
    expect((await getPdf("ky", draft)).status).toBe(404);
    expect((await getPdf("ru", cancelled)).status).toBe(404);
    expect((await getPdf("ky", 999999)).status).toBe(404);
    expect((await getPdf("ky", Number.NaN)).status).toBe(404);
    expect((await getPdf("en", draft)).status).toBe(404);
  });
});
