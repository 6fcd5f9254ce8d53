/**
 * The protocol as PDF (pdfkit): A4, DejaVu fonts embedded (every Kyrgyz letter), the municipality
 * in every page header, bordered tables whose header row repeats on each new page, page numbers,
 * and on approved files the verification code and a QR code to the verify page in every footer.
 */
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Block, ProtocolDocument } from "./document.server";
import {
  dejavu,
  fitColumns,
  hyphenateLongWords,
  planTablePages,
  printableBlock,
} from "./typeset.server";

const MARGIN = { top: 60, bottom: 70, left: 50, right: 50 };
const CELL_PAD = 4;
const SIZE = { body: 10, table: 8.5, heading: 12, title: 16, small: 7.5 };

export async function renderPdf(
  docModel: ProtocolDocument,
  opts: { createdAt?: Date } = {},
): Promise<Buffer> {
  const f = dejavu().files;
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: docModel.meta.title,
      Subject: docModel.meta.subject,
      Author: docModel.meta.author,
      Keywords: docModel.meta.keywords,
      Creator: "Jyiyn",
      CreationDate: opts.createdAt ?? new Date(),
    },
    lang: docModel.lang,
  });
  doc.registerFont("R", f.R);
  doc.registerFont("B", f.B);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.on("pageAdded", () => {
    const w = doc.page.width - MARGIN.left - MARGIN.right;
    doc.font("R").fontSize(SIZE.small).fillColor("#444");
    doc.text(docModel.header, MARGIN.left, 30, { width: w, align: "center", lineBreak: false });
    doc
      .moveTo(MARGIN.left, 44)
      .lineTo(MARGIN.left + w, 44)
      .lineWidth(0.5)
      .strokeColor("#999")
      .stroke();
    doc.fillColor("black").strokeColor("black");
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
  });
  doc.addPage();

  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  for (const b of docModel.blocks) drawBlock(printableBlock(b));

  function drawBlock(b: Block) {
    switch (b.kind) {
      case "title":
        doc.font("B").fontSize(SIZE.title);
        doc.text(b.text, MARGIN.left, doc.y, { width, align: "center" });
        doc.moveDown(0.3);
        break;
      case "subtitle":
        doc.font("R").fontSize(SIZE.heading);
        doc.text(b.text, MARGIN.left, doc.y, { width, align: "center" });
        doc.moveDown(0.2);
        break;
      case "mark":
        doc.font("B").fontSize(SIZE.body).fillColor("#a00");
        doc.text(b.text, MARGIN.left, doc.y, { width, align: "center" });
        doc.fillColor("black");
        doc.moveDown(0.3);
        break;
      case "heading":
        doc.font("B").fontSize(SIZE.heading);
        ensure(doc.heightOfString(b.text, { width }) + 40);
        doc.moveDown(0.6);
        doc.text(b.text, MARGIN.left, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case "para":
        doc.font("R").fontSize(SIZE.body);
        ensure(Math.min(doc.heightOfString(b.text, { width }), 40));
        doc.text(b.text, MARGIN.left, doc.y, { width });
        doc.moveDown(0.2);
        break;
      case "signatures":
        doc.font("R").fontSize(SIZE.body);
        for (const l of b.lines) {
          ensure(40);
          doc.moveDown(1.2);
          const y = doc.y;
          doc.text(l.role, MARGIN.left, y, { width: width * 0.35 });
          doc
            .moveTo(MARGIN.left + width * 0.38, y + 11)
            .lineTo(MARGIN.left + width * 0.65, y + 11)
            .lineWidth(0.5)
            .stroke();
          doc.text(`/ ${l.name || "________________"} /`, MARGIN.left + width * 0.67, y, {
            width: width * 0.33,
          });
          doc.y = Math.max(doc.y, y + 14);
        }
        break;
      case "table":
        drawTable(b);
        break;
    }
  }

  function drawTable(b: Extract<Block, { kind: "table" }>) {
    const cols = fitColumns(b, width, { size: SIZE.table, pad: CELL_PAD });
    const numeric = new Set(b.numeric ?? []);
    // a word wider than its column gets soft hyphens: broken with a visible hyphen, never cut
    const fit = (cells: string[], font: "R" | "B") =>
      cells.map((c, i) => hyphenateLongWords(c, cols[i] - 2 * CELL_PAD, font, SIZE.table));
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(SIZE.table);
      return (
        Math.max(
          ...cells.map((c, i) => doc.heightOfString(c || " ", { width: cols[i] - 2 * CELL_PAD })),
        ) +
        2 * CELL_PAD
      );
    };
    const drawRow = (cells: string[], font: string, shade: boolean, h: number) => {
      const y = doc.y;
      let x = MARGIN.left;
      if (shade) doc.rect(x, y, width, h).fillColor("#e8e8e8").fill().fillColor("black");
      doc.font(font).fontSize(SIZE.table);
      cells.forEach((c, i) => {
        doc.rect(x, y, cols[i], h).lineWidth(0.5).strokeColor("#333").stroke();
        doc.text(c, x + CELL_PAD, y + CELL_PAD, {
          width: cols[i] - 2 * CELL_PAD,
          align: numeric.has(i) && !shade ? "right" : "left",
        });
        x += cols[i];
      });
      doc.x = MARGIN.left;
      doc.y = y + h;
    };
    doc.moveDown(0.3);
    const header = fit(b.header, "B");
    const headerH = rowHeight(header, "B");
    // a row taller than a page (a very long comment) is split into rows that each fit
    const pageSpace = doc.page.height - MARGIN.top - MARGIN.bottom;
    const maxH = pageSpace - headerH - 20;
    const rows: string[][] = [];
    for (const raw of b.rows) {
      const r = fit(raw, "R");
      const h = rowHeight(r, "R");
      if (h <= maxH) {
        rows.push(r);
        continue;
      }
      const li = r.reduce((best, c, i) => (c.length > r[best].length ? i : best), 0);
      const chunks = splitText(r[li], Math.max(200, Math.floor((r[li].length * maxH * 0.8) / h)));
      chunks.forEach((chunk, k) => {
        rows.push(
          r.map((c, i) =>
            i === li ? chunk : i < li ? (k === 0 ? c : "") : k === chunks.length - 1 ? c : "",
          ),
        );
      });
    }
    const heights = rows.map((r) => rowHeight(r, "R"));
    const plan = planTablePages(heights, headerH, bottom() - doc.y, pageSpace);
    if (plan.newPageFirst) doc.addPage();
    const breaks = new Set(plan.breaks);
    drawRow(header, "B", true, headerH);
    rows.forEach((r, i) => {
      if (breaks.has(i)) {
        doc.addPage();
        drawRow(header, "B", true, headerH); // the header row repeats on every page of the table
      }
      drawRow(r, "R", false, heights[i]);
    });
    doc.moveDown(0.5);
  }

  // footers: page numbers, and on approved files the code and a QR code to the verify page
  const qr = docModel.verification
    ? await QRCode.toBuffer(docModel.verification.url, {
        type: "png",
        margin: 1,
        width: 240,
        errorCorrectionLevel: "M",
      })
    : null;
  // decoded once, drawn on every page (pdfkit embeds it once)
  // (openImage is in pdfkit 0.20, missing from @types/pdfkit)
  const opener = doc as unknown as { openImage(src: Buffer): Buffer };
  const qrImage = qr ? opener.openImage(qr) : null;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 50;
    doc.font("R").fontSize(SIZE.small).fillColor("#333");
    doc.text(docModel.footerPage(i + 1, range.count), MARGIN.left, y, {
      width: 200,
      lineBreak: false,
    });
    if (docModel.verification && qrImage) {
      const qrSize = 46;
      const qx = doc.page.width - MARGIN.right - qrSize;
      doc.image(qrImage, qx, doc.page.height - 58, { width: qrSize, height: qrSize });
      doc.text(docModel.footerCode ?? "", qx - 260, y, {
        width: 250,
        align: "right",
        lineBreak: false,
      });
      doc.text(docModel.verification.url, qx - 260, y + 10, {
        width: 250,
        align: "right",
        lineBreak: false,
      });
    }
    doc.page.margins.bottom = saved;
    doc.fillColor("black");
  }
  doc.end();
  return done;
}

/** Cut a long text into pieces of about `size` characters, at whitespace. */
export function splitText(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = rest.lastIndexOf(" ", size);
    if (cut < size / 2) cut = size;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
