/**
 * The protocol a council can sign (issue 11, must-have 9), read back with pdftotext:
 * no table-header word cut without a hyphen (ky and ru), the deputies' vote in the third person in
 * both languages, a one-year project as "2026" (not "2026–2026"), a protocol number of its own per
 * municipality and Asia/Bishkek year kept in every version and on the verify page, no table row
 * alone on a page, the PDF's Title/Subject/Lang from the protocol, and every character a resident
 * can type either printed or visibly marked (never an empty box) in the PDF and the DOCX.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import {
  decideProtocol,
  nextProtocolNumber,
  reviseProtocol,
  saveDraft,
  submitProtocol,
} from "~/modules/protocol/commands.server";
import { findVerification, getHearingProtocol } from "~/modules/protocol/queries.server";
import type { ProtocolDocument } from "~/modules/protocol/document.server";
import { renderDocx } from "~/modules/protocol/docx.server";
import { renderPdf } from "~/modules/protocol/pdf.server";
import { versionDocument } from "~/modules/protocol/render.server";
import {
  breakPoints,
  fitColumns,
  hyphenateLongWords,
  planTablePages,
  printable,
  textWidth,
} from "~/modules/protocol/typeset.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

let t: TestDb;
let w: ProtocolWorld;
let dir: string;
let n = 0;

function pdfText(buf: Buffer, args: string[] = []): string {
  const f = join(dir, `p${++n}.pdf`);
  writeFileSync(f, buf);
  return execFileSync("pdftotext", [...args, "-enc", "UTF-8", f, "-"]).toString("utf8");
}
function docxXml(buf: Buffer): string {
  const f = join(dir, `d${++n}.docx`);
  writeFileSync(f, buf);
  return execFileSync("unzip", ["-p", f, "word/document.xml"]).toString("utf8");
}
const textOfXml = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&");

const CREATED = "2026-12-31T19:00:00Z";
const EMOJI_COMMENT = "Суу 👍🏽 болсун 🤔 ❤️ 中 тест ⃀ сом";

beforeAll(async () => {
  setEnvForTests({ PUBLIC_URL: "https://jyiyn.test" });
  dir = mkdtempSync(join(tmpdir(), "jyiyn-print-"));
  setStorageForTests(new DiskStorage(join(dir, "store")));
  t = await createTestDb();
  // created late on 31 December 2026 UTC: already 1 January 2027 in Bishkek
  const created = new Date(CREATED);
  w = await createProtocolWorld(t.db, { now: created });
  setClock(created);
  // a resident types what phones offer: emoji with skin tone, a heart with a variation selector,
  // a Chinese character, the som sign (missing from DejaVu)
  await t.db
    .insertInto("comments")
    .values({
      hearing_id: w.tariffHearing,
      source: "online",
      author_user_id: w.resident,
      anonymous: 0,
      author_verified: 1,
      stance: "for",
      body: EMOJI_COMMENT,
      created_at: new Date(created.getTime() - 5 * 864e5).toISOString(),
    })
    .execute();
  // one project over a single year
  const sec = await t.db
    .selectFrom("plan_sections")
    .select("id")
    .where("hearing_id", "=", w.planHearing)
    .orderBy("position")
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable("plan_projects")
    .set({ year_from: 2026, year_to: 2026 })
    .where("section_id", "=", sec.id)
    .execute();
}, 60_000);

afterAll(async () => {
  setClock(null);
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const draft = {
  chairName: "Бакыт Өмүрбеков",
  secretaryName: "Айнура Үсөнова",
  conclusionsKy: "Бекитүү сунушталат.",
  conclusionsRu: "Рекомендуется утвердить.",
};

describe("protocol numbers", () => {
  it("numbers protocols per municipality and Bishkek year, in every version and on the verify page", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    const secretary = (await loadSessionUser(t.db, w.secretary))!;
    await saveDraft(t.db, official, w.tariffHearing, draft);
    await saveDraft(t.db, official, w.planHearing, draft);
    const tariff = (await getHearingProtocol(t.db, w.tariffHearing))!;
    const plan = (await getHearingProtocol(t.db, w.planHearing))!;
    expect(tariff.protocol?.number).toBe("1/2027");
    expect(plan.protocol?.number).toBe("2/2027");
    // another municipality starts at 1
    expect((await nextProtocolNumber(t.db, w.places.saryOi.id, new Date(CREATED))).number).toBe(
      "1/2027",
    );

    // returned, revised, approved: the number stays in every version
    const { protocolId } = await submitProtocol(t.db, official, w.tariffHearing);
    await decideProtocol(t.db, secretary, protocolId, { decision: "return", comments: "Толуктоо" });
    await reviseProtocol(t.db, official, w.tariffHearing);
    await submitProtocol(t.db, official, w.tariffHearing);
    const { code } = await decideProtocol(t.db, secretary, protocolId, {
      decision: "approve",
      resolutionNumber: "7/2",
      resolutionDate: "2027-01-01",
      deputies: { for: 13, against: 1, abstain: 1 },
    });
    const hp = (await getHearingProtocol(t.db, w.tariffHearing))!;
    expect(hp.versions).toHaveLength(2);
    for (const v of hp.versions) {
      const content = JSON.parse(v.content_json) as { protocol: { number: string } };
      expect(content.protocol.number).toBe("1/2027");
    }
    const view = (await findVerification(t.db, code!))!;
    expect(view.number).toBe("1/2027");
    for (const lang of ["ky", "ru"] as const) {
      const approved = hp.versions.find((v) => v.decision === "approved")!;
      const pdf = await renderPdf(versionDocument(approved, lang));
      expect(pdfText(pdf, ["-raw"])).toContain("№ 1/2027");
    }
  });
});

async function approvedDocs(lang: "ky" | "ru"): Promise<ProtocolDocument> {
  const hp = (await getHearingProtocol(t.db, w.tariffHearing))!;
  return versionDocument(
    hp.versions.find((v) => v.decision === "approved")!,
    lang,
  );
}
async function planDoc(lang: "ky" | "ru"): Promise<ProtocolDocument> {
  const hp = (await getHearingProtocol(t.db, w.planHearing))!;
  return versionDocument(hp.versions[hp.versions.length - 1], lang);
}

describe("the printed protocol", () => {
  for (const lang of ["ky", "ru"] as const) {
    it(`${lang}: every table-header word whole, third-person vote, one-year span, metadata`, async () => {
      for (const model of [await approvedDocs(lang), await planDoc(lang)]) {
        const pdf = await renderPdf(model);
        const text = pdfText(pdf, ["-raw"]);
        const headers = model.blocks.flatMap((b) => (b.kind === "table" ? b.header : []));
        expect(headers.length).toBeGreaterThan(0);
        for (const word of headers.flatMap((h) => h.split(/\s+/)).filter(Boolean))
          expect(text, `header word «${word}»`).toContain(word);
        // the exact words of the issue
        for (const word of lang === "ky"
          ? ["Сунушталган,", "булагы"]
          : ["Действующий,", "финансирования"])
          if (headers.some((h) => h.includes(word))) expect(text).toContain(word);
        // the metadata
        const info = execFileSync("pdfinfo", ["-enc", "UTF-8", join(dir, `p${n}.pdf`)]).toString(
          "utf8",
        );
        expect(info).toMatch(
          new RegExp(
            `Title:\\s+${lang === "ky" ? "Коомдук угуулардын протоколу" : "Протокол публичных слушаний"} № \\d+/2027`,
          ),
        );
        expect(info).toContain(`Subject:`);
        expect(pdf.includes(Buffer.from(`/Lang (${lang})`))).toBe(true);
      }
      const tariffText = pdfText(await renderPdf(await approvedDocs(lang)), ["-raw"]);
      if (lang === "ky") {
        expect(tariffText).toContain("жактагандар — 13, каршы болгондор — 1, калыс калгандар — 1");
        expect(tariffText).not.toMatch(/жактайм|каршымын|калыс калам/i);
      } else expect(tariffText).toContain("за — 13, против — 1, воздержались — 1");
      const planText = pdfText(await renderPdf(await planDoc(lang)), ["-raw"]);
      expect(planText).toMatch(/(^|\s)2026(\s|$)/m);
      expect(planText).not.toContain("2026–2026");
      expect(planText).toContain("2027–2028");
    });

    it(`${lang}: a resident's emoji and foreign letters print or are marked, in PDF and DOCX`, async () => {
      const model = await approvedDocs(lang);
      const pdf = pdfText(await renderPdf(model), ["-raw"]).replace(/\s+/g, " ");
      const docx = textOfXml(docxXml(await renderDocx(model))).replace(/\s+/g, " ");
      for (const text of [pdf, docx]) {
        expect(text).toContain(
          "Суу [U+1F44D U+1F3FD] болсун [U+1F914] ❤ [U+4E2D] тест [U+20C0] сом",
        );
      }
    });
  }

  it("printable keeps what the fonts draw and marks the rest", () => {
    expect(printable("Ысык-Көл, ң ө ү № «» — €")).toBe("Ысык-Көл, ң ө ү № «» — €");
    expect(printable("a\r\nb\tc")).toBe("a\nb\tc");
    expect(printable("🇰🇬")).toBe("[U+1F1F0 U+1F1EC]");
    expect(printable("x\u0007y")).toBe("x[U+0007]y");
  });
});

/** Letters in a string (what hyphenation minimums count). */
const letters = (s: string) => [...s].filter((c) => /\p{L}/u.test(c)).length;

/**
 * Every place in pdftotext's raw text where a word of `words` runs over a line end: a silent cut
 * («чело|века») or a hyphen break with fewer than 2 letters before or 3 after («Бюджетны-|е»).
 */
function badBreaks(text: string, words: Set<string>, good: string[] = []): string[] {
  const lines = text.split("\n");
  const bad: string[] = [];
  for (let k = 0; k + 1 < lines.length; k++) {
    const x = lines[k].trim().split(/\s+/).pop() ?? "";
    const y = (lines[k + 1].trim().split(/\s+/)[0] ?? "").replace(/[.,;:)»]+$/, "");
    if (!x || !y) continue;
    if (words.has(x + y)) bad.push(`${x}|${y}`);
    else if (x.endsWith("-") && words.has(x.slice(0, -1) + y))
      if (letters(x) < 2 || letters(y) < 3) bad.push(`${x}|${y}`);
      else good.push(`${x}|${y}`);
  }
  return bad;
}

describe("hyphenation: never a break without a hyphen, at least 2 letters before and 3 after", () => {
  it("break points follow the Russian patterns and the minimums (also for Kyrgyz words)", () => {
    const split = (w: string) => {
      const at = [0, ...breakPoints(w), w.length];
      return at
        .slice(1)
        .map((e, k) => w.slice(at[k], e))
        .join("-");
    };
    expect(split("человека")).toBe("че-ло-века");
    expect(split("Бюджетные")).toBe("Бюд-жет-ные");
    expect(split("организации")).toBe("ор-га-ни-за-ции");
    expect(split("финансирования")).toBe("фи-нан-си-ро-ва-ния");
    // Kyrgyz: «булагы», «мекемелери» keep three letters after the last break
    expect(split("булагы")).toBe("бу-лагы");
    expect(split("мекемелери")).toBe("ме-ке-ме-лери");
    for (const w of ["Бюджетные", "организации", "Сунушталган", "кызматтарынын", "Өкмөттүн"])
      for (const i of breakPoints(w)) {
        expect(letters(w.slice(0, i)), `${w} at ${i}`).toBeGreaterThanOrEqual(2);
        expect(letters(w.slice(i)), `${w} at ${i}`).toBeGreaterThanOrEqual(3);
      }
  });

  it("a long word gets soft hyphens only at its break points", () => {
    const shy = hyphenateLongWords("организации", 20, "R", 8.5);
    expect(shy.split("\u00AD")).toEqual(["ор", "га", "ни", "за", "ции"]);
    // a word that fits with the space after it is left alone
    expect(hyphenateLongWords("на 1 человека", 200, "R", 8.5)).toBe("на 1 человека");
  });

  for (const lang of ["ru", "ky"] as const) {
    it(`${lang}: the tariff table's units and categories in the PDF (pdftotext)`, async () => {
      const model = await approvedDocs(lang);
      const unit = lang === "ru" ? "на 1 человека в месяц" : "айына 1 адамга";
      const categories =
        lang === "ru"
          ? ["Бюджетные организации", "Коммерческие организации", "Население"]
          : ["Бюджеттик мекемелери", "Коммерциялык уюмдар", "Калк"];
      const services =
        lang === "ru"
          ? ["Вывоз твёрдых бытовых отходов", "Водоснабжение"]
          : ["Катуу тиричилик калдыктарын чыгаруу", "Суу менен камсыздоо"];
      const i = model.blocks.findIndex((b) => b.kind === "table" && b.header.length === 6);
      expect(i).toBeGreaterThanOrEqual(0);
      const table = model.blocks[i] as Extract<(typeof model.blocks)[number], { kind: "table" }>;
      const rows = services.flatMap((s) =>
        categories.map((c) => [s, c, unit, "15 000", "18 000", "+20,0 %"]),
      );
      const blocks = [...model.blocks];
      // squeezed: the last column takes what it can, so services, categories and units break
      blocks[i] = { ...table, rows: [...table.rows, ...rows], widths: [1, 1, 1, 1, 1, 30] };
      const text = pdfText(await renderPdf({ ...model, blocks }), ["-raw"]);
      const words = new Set(
        [...categories, unit, ...services]
          .flatMap((s) => s.split(/\s+/))
          .filter((w) => w.length > 3),
      );
      const good: string[] = [];
      expect(badBreaks(text, words, good)).toEqual([]);
      // the columns are narrow enough that some of these words do break (with a hyphen), and the
      // column is never narrower than a hyphenation piece (no silent cut, checked above)
      expect(good.length, text).toBeGreaterThan(0);
      // every phrase is there, whole or broken at a hyphen with the minimums
      const joined = text.replace(/(\p{L})-\n(\p{L})/gu, "$1$2").replace(/\s+/g, " ");
      for (const phrase of [unit, ...categories, ...services]) expect(joined).toContain(phrase);
    });
  }

  it("the check itself finds a silent cut and a short tail", () => {
    const w = new Set(["человека", "Бюджетные"]);
    expect(badBreaks("на 1 чело\nвека в месяц", w)).toEqual(["чело|века"]);
    expect(badBreaks("Бюджетны-\nе", w)).toEqual(["Бюджетны-|е"]);
    expect(badBreaks("Бюд-\nжетные", w)).toEqual([]);
  });
});

describe("column widths", () => {
  it("fit the issue's header words in both formats' metrics", () => {
    for (const [header, word] of [
      [["Раздел", "Проект", "Годы", "Источник финансирования", "Бюджет, сом"], "финансирования"],
      [
        ["Услуга", "Категория", "Единица", "Действующий, сом", "Предлагаемый, сом", "Изменение"],
        "Действующий,",
      ],
      [
        ["Кызмат", "Керектөөчүлөр", "Бирдиги", "Учурдагы, сом", "Сунушталган, сом", "Өзгөрүү"],
        "Сунушталган,",
      ],
    ] as const) {
      const b = { header: [...header], rows: [], widths: header.map(() => 1) };
      const i = header.findIndex((h) => h.includes(word));
      for (const [total, size, pad] of [
        [495, 8.5, 4],
        [495, 9, 5.4],
      ]) {
        const cols = fitColumns(b, total, { size, pad });
        expect(cols.reduce((a, x) => a + x, 0)).toBeCloseTo(total, 3);
        expect(cols[i] - 2 * pad).toBeGreaterThanOrEqual(textWidth(word, "B", size));
      }
    }
  });
});

describe("tables across pages", () => {
  it("plans never leave a single row alone, nor a header without two rows", () => {
    // 10 rows of 20 pt, a page of 100 pt with a 10-pt header: 4 rows per page
    const p = planTablePages(Array(9).fill(20), 10, 100, 100);
    expect(p.breaks).toEqual([4, 7]); // not [4, 8]: row 8 would stand alone
    expect(planTablePages(Array(5).fill(20), 10, 45, 100).newPageFirst).toBe(true);
    expect(planTablePages(Array(5).fill(20), 10, 60, 100).newPageFirst).toBe(false);
  });

  it("in the PDF: every page of a long table has its header and at least two rows", async () => {
    const base: ProtocolDocument = {
      lang: "ru",
      header: "Шапка",
      meta: { title: "Т", subject: "С", author: "А", keywords: "" },
      blocks: [],
      verification: null,
      footerPage: (p, ps) => `Стр. ${p} из ${ps}`,
      footerCode: null,
    };
    for (let rows = 22; rows <= 34; rows++) {
      const model: ProtocolDocument = {
        ...base,
        blocks: [
          { kind: "title", text: "Таблица" },
          ...Array.from({ length: 3 }, () => ({
            kind: "para" as const,
            text: "Абзац. ".repeat(60),
          })),
          {
            kind: "table",
            header: ["№", "Строка"],
            rows: Array.from({ length: rows }, (_, i) => [
              String(i + 1),
              `R${String(i + 1).padStart(3, "0")}`,
            ]),
            widths: [1, 5],
          },
        ],
      };
      const pdf = await renderPdf(model);
      const pages = pdfText(pdf, ["-raw"]).split("\f").slice(0, -1);
      const seen: string[] = [];
      for (const page of pages) {
        const found = page.match(/R\d{3}/g) ?? [];
        seen.push(...found);
        if (found.length === 0) continue;
        expect(found.length, `${rows} rows: a page with ${found.join(",")}`).toBeGreaterThanOrEqual(
          2,
        );
        expect(page).toContain("Строка");
      }
      expect(seen).toHaveLength(rows);
    }
  }, 60_000);
});
