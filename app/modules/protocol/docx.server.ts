/**
 * The protocol as DOCX (the docx package): the same blocks as the PDF, real tables whose header
 * row repeats on each page, the municipality in the header, page numbers and, on approved files,
 * the verification code, address and QR code in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import QRCode from "qrcode";
import type { Block, ProtocolDocument } from "./document.server";
import { fitColumns, printableBlock } from "./typeset.server";

const FONT = "Arial";
const border = { style: BorderStyle.SINGLE, size: 4, color: "333333" };
const borders = { top: border, bottom: border, left: border, right: border };

function lines(
  text: string,
  opts: { bold?: boolean; size?: number; right?: boolean; keepNext?: boolean } = {},
) {
  return text.split("\n").map(
    (l) =>
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        keepNext: opts.keepNext,
        children: [new TextRun({ text: l, bold: opts.bold, size: opts.size, font: FONT })],
      }),
  );
}

/** Text width of the page between the margins, in twips (A4 11906 minus 2 × 1000). */
const TEXT_WIDTH_TWIPS = 11906 - 2 * 1000;
/** Word's default cell margin, 108 twips (5.4 pt) on each side. */
const CELL_PAD_PT = 5.4;

function table(b: Extract<Block, { kind: "table" }>): Table {
  // fixed column widths wide enough for every header word (measured with DejaVu, which is wider
  // than Arial at the 9-pt size used here), so Word never cuts a header word
  const cols = fitColumns(b, TEXT_WIDTH_TWIPS / 20, { size: 9, pad: CELL_PAD_PT }).map((w) =>
    Math.floor(w * 20),
  );
  const numeric = new Set(b.numeric ?? []);
  const n = b.rows.length;
  // keep the header with the first two rows, and the last row with the one before it
  const keep = (i: number) => i < Math.min(2, n) - 1 || i === n - 2;
  const row = (cells: string[], header: boolean, i: number) =>
    new TableRow({
      tableHeader: header,
      cantSplit: false,
      children: cells.map(
        (c, k) =>
          new TableCell({
            borders,
            width: { size: cols[k], type: WidthType.DXA },
            shading: header
              ? { type: ShadingType.CLEAR, color: "auto", fill: "E8E8E8" }
              : undefined,
            children: lines(c, {
              bold: header,
              size: 18,
              right: !header && numeric.has(k),
              keepNext: header || keep(i),
            }),
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    rows: [row(b.header, true, -1), ...b.rows.map((r, i) => row(r, false, i))],
  });
}

function blockToDocx(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case "title":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.text, bold: true, size: 32, font: FONT })],
        }),
      ];
    case "subtitle":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.text, size: 24, font: FONT })],
        }),
      ];
    case "mark":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.text, bold: true, color: "AA0000", font: FONT })],
        }),
      ];
    case "heading":
      return [
        new Paragraph({
          spacing: { before: 240, after: 80 },
          keepNext: true,
          children: [new TextRun({ text: b.text, bold: true, size: 24, font: FONT })],
        }),
      ];
    case "para":
      return [
        new Paragraph({
          spacing: { after: 60 },
          children: [new TextRun({ text: b.text, size: 20, font: FONT })],
        }),
      ];
    case "signatures":
      return b.lines.map(
        (l) =>
          new Paragraph({
            spacing: { before: 360 },
            children: [
              new TextRun({ text: `${l.role} `, size: 20, font: FONT }),
              new TextRun({ text: "____________________", size: 20, font: FONT }),
              new TextRun({ text: ` / ${l.name || "________________"} /`, size: 20, font: FONT }),
            ],
          }),
      );
    case "table":
      return [table(b), new Paragraph({ children: [] })];
  }
}

/** "Стр. {page} из {pages}" with live page fields. */
function pageRuns(d: ProtocolDocument): ParagraphChild[] {
  const tpl = d.footerPage("{{PAGE}}", "{{PAGES}}");
  const parts = tpl.split(/(\{\{PAGE\}\}|\{\{PAGES\}\})/);
  return parts
    .filter((p) => p !== "")
    .map((p) =>
      p === "{{PAGE}}"
        ? new TextRun({ children: [PageNumber.CURRENT], size: 16, font: FONT })
        : p === "{{PAGES}}"
          ? new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, font: FONT })
          : new TextRun({ text: p, size: 16, font: FONT }),
    );
}

export async function renderDocx(d: ProtocolDocument): Promise<Buffer> {
  const footerChildren: Paragraph[] = [new Paragraph({ children: pageRuns(d) })];
  if (d.verification) {
    const qr = await QRCode.toBuffer(d.verification.url, { type: "png", margin: 1, width: 240 });
    footerChildren.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            text: `${d.footerCode ?? ""} · ${d.verification.url} `,
            size: 16,
            font: FONT,
          }),
          new ImageRun({ type: "png", data: qr, transformation: { width: 56, height: 56 } }),
        ],
      }),
    );
  }
  const doc = new Document({
    creator: "Jyiyn",
    title: d.meta.title,
    subject: d.meta.subject,
    keywords: d.meta.keywords,
    lastModifiedBy: d.meta.author,
    styles: {
      default: {
        document: { run: { font: FONT, language: { value: d.lang === "ky" ? "ky-KG" : "ru-RU" } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: 1134, bottom: 1134, left: 1000, right: 1000 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: d.header, size: 16, color: "444444", font: FONT })],
              }),
            ],
          }),
        },
        footers: { default: new Footer({ children: footerChildren }) },
        children: d.blocks.map(printableBlock).flatMap(blockToDocx),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
