/**
 * The approved protocol's files: pdftotext of both languages shows the title, the Kyrgyz letters,
 * the vote totals of getResults and every comment; the DOCX holds the same text; the QR code in
 * the footer links to the verify page; verification passes for the issued file and fails when one
 * byte changes.
 */
import { toBishkekDateInput } from "~/modules/format/time";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { getResults } from "~/modules/participation/results.server";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import {
  findVerification,
  getHearingProtocol,
  matchUpload,
  readStoredFile,
} from "~/modules/protocol/queries.server";
import type { ProtocolContent } from "~/modules/protocol/content.server";
import { buildDocument } from "~/modules/protocol/document.server";
import { renderDocx } from "~/modules/protocol/docx.server";
import { renderPdf } from "~/modules/protocol/pdf.server";
import { versionDocument } from "~/modules/protocol/render.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

/** The council resolution date: today in Bishkek (between the close, a day ago, and today). */
const RESOLUTION_DATE = toBishkekDateInput(new Date());

const PUBLIC = "https://jyiyn.test";
let t: TestDb;
let w: ProtocolWorld;
let dir: string;
let code: string;

const norm = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, " ").trim();
/** without any whitespace: narrow table cells may wrap inside a word or after a hyphen */
const squash = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, "");

function pdfText(buf: Buffer, name: string): string {
  const f = join(dir, name);
  writeFileSync(f, buf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", f, "-"]).toString("utf8");
}

function docxText(buf: Buffer, name: string): string {
  const f = join(dir, name);
  writeFileSync(f, buf);
  const xml = execFileSync("unzip", ["-p", f, "word/document.xml"]).toString("utf8");
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<w:tab\/>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

beforeAll(async () => {
  setEnvForTests({ PUBLIC_URL: PUBLIC });
  dir = mkdtempSync(join(tmpdir(), "jyiyn-protocol-"));
  setStorageForTests(new DiskStorage(join(dir, "store")));
  t = await createTestDb();
  w = await createProtocolWorld(t.db);
  const official = (await loadSessionUser(t.db, w.official))!;
  const secretary = (await loadSessionUser(t.db, w.secretary))!;
  await saveDraft(t.db, official, w.tariffHearing, {
    chairName: "Бакыт Өмүрбеков",
    secretaryName: "Айнура Үсөнова",
    conclusionsKy: "Тарифти калк үчүн 25 сом деңгээлинде бекитүү сунушталат.",
    conclusionsRu: "Рекомендуется утвердить тариф для населения в размере 25 сом.",
  });
  const { protocolId } = await submitProtocol(t.db, official, w.tariffHearing);
  const r = await decideProtocol(t.db, secretary, protocolId, {
    decision: "approve",
    resolutionNumber: "14/3",
    resolutionDate: RESOLUTION_DATE,
    deputies: { for: 11, against: 2, abstain: 1 },
  });
  code = r.code!;
}, 60_000);

afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function frozen() {
  const hp = (await getHearingProtocol(t.db, w.tariffHearing))!;
  const v = hp.versions[0];
  const get = async (lang: "ky" | "ru", format: "pdf" | "docx") => {
    const f = hp.files.find((x) => x.lang === lang && x.format === format)!;
    return { file: f, data: (await readStoredFile(f))! };
  };
  return { hp, v, get };
}

describe("protocol documents", () => {
  it("freezes four files with their hashes and marks the hearing approved", async () => {
    const { hp, v } = await frozen();
    expect(hp.protocol?.state).toBe("approved");
    expect(hp.hearing.protocolState).toBe("approved");
    expect(v.decision).toBe("approved");
    expect(v.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(hp.files.map((f) => `${f.lang}.${f.format}`).sort()).toEqual([
      "ky.docx",
      "ky.pdf",
      "ru.docx",
      "ru.pdf",
    ]);
  });

  for (const lang of ["ky", "ru"] as const) {
    it(`PDF and DOCX in ${lang}: title, letters, vote totals, every comment and answer, the same text`, async () => {
      const { v, get } = await frozen();
      const pdf = await get(lang, "pdf");
      const docx = await get(lang, "docx");
      expect(pdf.data.subarray(0, 5).toString()).toBe("%PDF-");
      const pt = norm(pdfText(pdf.data, `p-${lang}.pdf`));
      const dt = norm(docxText(docx.data, `p-${lang}.docx`));
      const title = lang === "ky" ? "Коомдук угуулардын протоколу" : "Протокол публичных слушаний";
      expect(pt).toContain(title);
      expect(dt).toContain(title);
      if (lang === "ky") {
        for (const word of [
          "Ак-Булуң айылындагы маданият үйү",
          "Өмүрбеков",
          "Чоң-Таш айылынын тургуну",
        ]) {
          expect(squash(pt)).toContain(squash(word));
          expect(dt).toContain(word);
        }
        for (const ch of ["ң", "ө", "ү", "Ө", "Ү"]) expect(pt).toContain(ch);
      } else {
        expect(squash(pt)).toContain(squash("житель села Чон-Таш"));
        expect(squash(pt)).toContain(squash("житель села Сары-Булак"));
      }
      // votes equal getResults (what the results API returns)
      const results = await getResults(t.db, w.tariffHearing);
      const label =
        lang === "ky"
          ? ["Жактагандар", "Каршы болгондор", "Калыс калгандар"]
          : ["За", "Против", "Воздержались"];
      for (const q of results) {
        (["for", "against", "abstain"] as const).forEach((ch, i) => {
          const row = `${label[i]} ${q.online[ch]} ${q.inPerson[ch]} ${q.total[ch]}`;
          expect(pt).toContain(row);
          expect(dt).toContain(row);
        });
      }
      // every comment, and every answer
      for (const body of w.tariffComments) {
        expect(pt).toContain(norm(body));
        expect(dt).toContain(norm(body));
      }
      expect(pt).toContain("Пенсионерлер үчүн 20 пайыз жеңилдик сунушталат.");
      expect(pt).not.toContain("HIDDEN-SPAM-COMMENT");
      // the resolution and the code
      expect(pt).toContain("14/3");
      expect(pt).toContain(code);
      expect(dt).toContain(code);
      // the DOCX holds the same text: every line of every block is in both
      const model = versionDocument(v, lang);
      for (const b of model.blocks) {
        const texts =
          b.kind === "table"
            ? [...b.header, ...b.rows.flat()].flatMap((c) => c.split("\n"))
            : b.kind === "signatures"
              ? b.lines.map((l) => l.role)
              : [b.text];
        for (const x of texts.map(norm).filter(Boolean)) {
          expect(dt, `docx: ${x}`).toContain(x);
          expect(squash(pt), `pdf: ${x}`).toContain(squash(x));
        }
      }
    });
  }

  it("every page has the municipality header, a page number and the verification code", async () => {
    const { get } = await frozen();
    const { data } = await get("ru", "pdf");
    const raw = pdfText(data, "pages.pdf");
    const pages = raw.split("\f").filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => {
      expect(p).toContain("Иссык-Кульский айылный аймак");
      expect(norm(p)).toContain(`Стр. ${i + 1} из ${pages.length}`);
      expect(p).toContain(`Код проверки: ${code}`);
    });
  });

  it("the DOCX footer has live page numbers and the verification code", async () => {
    const { get } = await frozen();
    const { data } = await get("ru", "docx");
    const f = join(dir, "footer.docx");
    writeFileSync(f, data);
    const footer = execFileSync("unzip", ["-p", f, "word/footer*.xml"]).toString("utf8");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(footer).toContain(`Код проверки: ${code}`);
    expect(footer).toContain("Стр. ");
    const header = execFileSync("unzip", ["-p", f, "word/header*.xml"]).toString("utf8");
    expect(header).toContain("Иссык-Кульский айылный аймак");
  });

  it("a comment longer than a page is kept whole, in both formats", async () => {
    const { v } = await frozen();
    const content = JSON.parse(v.content_json) as ProtocolContent;
    const words = Array.from({ length: 1200 }, (_, i) => `сөз${i}`).join(" ");
    content.comments[0] = { ...content.comments[0], body: words };
    const d = buildDocument(content, "ky", null, null);
    // pages break the text with their header, footer and the repeated table header row
    const pages = pdfText(await renderPdf(d), "long.pdf")
      .split(d.header)
      .join("")
      .split("№ Автору Сын-пикир Расмий жооп")
      .join("")
      .replace(/\d+-бет, бардыгы \d+/g, "");
    expect(pages.split("\f").length).toBeGreaterThan(3);
    expect(squash(pages)).toContain(squash(words));
    const dt = squash(docxText(await renderDocx(d), "long.docx"));
    expect(dt).toContain(squash(words));
  });

  it("the QR code in the footer links to the verify page", async () => {
    const { get } = await frozen();
    const { data } = await get("ky", "pdf");
    const f = join(dir, "qr.pdf");
    writeFileSync(f, data);
    execFileSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", f, join(dir, "qr")]);
    const png = readFileSync(join(dir, "qr-1.png"));
    writeFileSync(join(dir, "page.png"), png);
    const out = execFileSync("zbarimg", ["--raw", "-q", join(dir, "page.png")])
      .toString()
      .trim();
    expect(out).toBe(`${PUBLIC}/ky/verify/${code}`);
  });

  it("verification passes for the issued file and fails when one byte changes", async () => {
    const view = (await findVerification(t.db, code))!;
    expect(view.resolutionNumber).toBe("14/3");
    expect(view.files).toHaveLength(4);
    const { get } = await frozen();
    for (const lang of ["ky", "ru"] as const)
      for (const format of ["pdf", "docx"] as const) {
        const { data } = await get(lang, format);
        const ok = matchUpload(view, data);
        expect(ok.match).toMatchObject({ lang, format });
        const bad = Buffer.from(data);
        bad[Math.floor(bad.length / 2)] ^= 0x01;
        expect(matchUpload(view, bad).match).toBeNull();
      }
    expect(await findVerification(t.db, "NOPE0-NOPE0")).toBeNull();
    expect(await findVerification(t.db, code.toLowerCase())).not.toBeNull();
  });
});
