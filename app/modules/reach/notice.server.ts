/**
 * The notice poster (кулактандыруу / объявление): one A4 sheet with Kyrgyz on the left and Russian
 * on the right, large type, and a QR code with the short link {PUBLIC_URL}/h/{code}.
 * DejaVu Sans has every Kyrgyz letter (Ң Ө Ү).
 */
import { lineWords } from "../hearings/labels.server";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { formatDate, formatMoney, formatTime, type Lang } from "../format/format";
import { getFixedT } from "../i18n/resources.server";
import type { ReachHearing } from "./queries.server";

const require = createRequire(import.meta.url);
function fontPath(file: string): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

const MAX_LINES = 5;
const MAX_SECTIONS = 5;

function columnLines(h: ReachHearing, lang: Lang) {
  const t = getFixedT(lang, "reach");
  const proposal: string[] = [];
  if (h.type === "tariff") {
    for (const l of h.tariffLines.slice(0, MAX_LINES)) {
      const w = lineWords(l, lang);
      proposal.push(
        t("notice.tariffLine", {
          service: w.service,
          category: w.category,
          current: formatMoney(l.currentPrice, lang),
          proposed: formatMoney(l.proposedPrice, lang),
          unit: w.unit,
        }),
      );
    }
    if (h.tariffLines.length > MAX_LINES)
      proposal.push(t("notice.more", { count: h.tariffLines.length - MAX_LINES }));
  } else if (h.plan) {
    proposal.push(t("notice.planTotal", { amount: formatMoney(h.plan.totalBudget, lang) }));
    for (const s of h.plan.sections.slice(0, MAX_SECTIONS))
      proposal.push(`${s.name[lang]}: ${formatMoney(s.budget, lang)}`);
    if (h.plan.sections.length > MAX_SECTIONS)
      proposal.push(t("notice.more", { count: h.plan.sections.length - MAX_SECTIONS }));
  }
  return {
    heading: t("notice.heading"),
    title: h.title[lang] || h.title.ky || h.title.ru,
    proposedLabel: t("notice.proposed"),
    proposal,
    meetingLabel: t("notice.meeting"),
    meeting: h.meetingAt
      ? t("notice.meetingWhen", {
          date: formatDate(h.meetingAt, lang, "long"),
          time: formatTime(h.meetingAt),
        })
      : t("notice.meetingTbd"),
    place: h.meetingPlace[lang] || h.meetingPlace.ky || h.meetingPlace.ru,
    deadlineLabel: t("notice.deadline"),
    deadline: h.commentEndAt
      ? t("notice.deadlineWhen", {
          date: formatDate(h.commentEndAt, lang, "long"),
          time: formatTime(h.commentEndAt),
        })
      : "",
    offline: t("notice.offline", { municipality: h.municipality.name[lang] }),
    online: t("notice.online"),
    scan: t("notice.scan"),
  };
}

interface Block {
  font: "body" | "bold";
  size: number;
  text: string;
  gapAfter: number;
  color?: string;
}

/** One language's column, top to bottom, at the base type sizes (readable from a metre away). */
function blocksFor(c: ReturnType<typeof columnLines>): Block[] {
  const out: Block[] = [
    { font: "bold", size: 16, text: c.heading, gapAfter: 0.2, color: "#1f4e79" },
    { font: "bold", size: 21, text: c.title, gapAfter: 0.5 },
  ];
  if (c.proposal.length) {
    out.push({ font: "bold", size: 15, text: c.proposedLabel, gapAfter: 0 });
    c.proposal.forEach((line, i) =>
      out.push({
        font: "body",
        size: 14,
        text: `• ${line}`,
        gapAfter: i === c.proposal.length - 1 ? 0.5 : 0,
      }),
    );
  }
  out.push({ font: "bold", size: 15, text: c.meetingLabel, gapAfter: 0 });
  out.push({ font: "body", size: 18, text: c.meeting, gapAfter: c.place ? 0 : 0.5 });
  if (c.place) out.push({ font: "body", size: 15, text: c.place, gapAfter: 0.5 });
  if (c.deadline) {
    out.push({ font: "bold", size: 15, text: c.deadlineLabel, gapAfter: 0 });
    out.push({ font: "body", size: 18, text: c.deadline, gapAfter: 0.5 });
  }
  out.push({ font: "body", size: 14, text: c.offline, gapAfter: 0 });
  return out;
}

/** The poster as PDF bytes. `shortUrl` is the absolute short link for the QR code. */
export async function renderNoticePdf(h: ReachHearing, shortUrl: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(shortUrl, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 2,
    scale: 10,
  });
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 36, bottom: 24, left: 36, right: 36 },
    info: {
      Title: `${h.title.ky} / ${h.title.ru}`,
      Subject: "Кулактандыруу / Объявление",
      Creator: "Jyiyn",
    },
  });
  doc.registerFont("body", fontPath("DejaVuSans.ttf"));
  doc.registerFont("bold", fontPath("DejaVuSans-Bold.ttf"));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const pageW = doc.page.width;
  const left = doc.page.margins.left;
  const usable = pageW - left - doc.page.margins.right;

  // the banner, both languages
  doc.rect(0, 0, pageW, 96).fill("#1f4e79");
  doc
    .fillColor("#ffffff")
    .font("bold")
    .fontSize(25)
    .text("КУЛАКТАНДЫРУУ · ОБЪЯВЛЕНИЕ", left, 20, { width: usable, align: "center" });
  doc
    .font("body")
    .fontSize(14)
    .text(`${h.municipality.name.ky} · ${h.municipality.name.ru}`, left, 62, {
      width: usable,
      align: "center",
    });
  doc.fillColor("#000000");

  const gap = 20;
  const colW = (usable - gap) / 2;
  const top = 116;
  const qrSize = 160;
  const qrTop = doc.page.height - doc.page.margins.bottom - qrSize - 8;
  const columns = (["ky", "ru"] as const).map((lang) => blocksFor(columnLines(h, lang)));
  // the largest type (at most 1.0 × the base sizes) that fits both columns above the QR band
  const heightAt = (scale: number) =>
    Math.max(
      ...columns.map((blocks) =>
        blocks.reduce((sum, b) => {
          doc.font(b.font).fontSize(b.size * scale);
          return (
            sum +
            doc.heightOfString(b.text, { width: colW }) +
            b.gapAfter * doc.currentLineHeight(true)
          );
        }, 0),
      ),
    );
  let scale = 1;
  while (scale > 0.55 && top + heightAt(scale) > qrTop - 16) scale -= 0.05;
  columns.forEach((blocks, i) => {
    const x = left + i * (colW + gap);
    doc.y = top;
    for (const b of blocks) {
      doc
        .font(b.font)
        .fontSize(b.size * scale)
        .fillColor(b.color ?? "#000000")
        .text(b.text, x, doc.y, { width: colW });
      if (b.gapAfter) doc.moveDown(b.gapAfter);
    }
  });
  doc.fillColor("#000000");

  // the QR band: scan to open the hearing, in both languages
  const y0 = qrTop;
  doc
    .moveTo(left, y0 - 8)
    .lineTo(left + usable, y0 - 8)
    .lineWidth(1)
    .strokeColor("#1f4e79")
    .stroke();
  doc.image(qr, left, y0, { width: qrSize, height: qrSize });
  const tx = left + qrSize + 16;
  const tw = usable - qrSize - 16;
  const ky = columnLines(h, "ky");
  const ru = columnLines(h, "ru");
  doc
    .font("bold")
    .fontSize(14)
    .text(ky.scan, tx, y0 + 4, { width: tw });
  doc.font("body").fontSize(12).text(ky.online, tx, doc.y, { width: tw });
  doc.moveDown(0.3);
  doc.font("bold").fontSize(14).text(ru.scan, tx, doc.y, { width: tw });
  doc.font("body").fontSize(12).text(ru.online, tx, doc.y, { width: tw });
  doc.moveDown(0.4);
  doc
    .font("bold")
    .fontSize(20)
    .fillColor("#1f4e79")
    .text(shortUrl.replace(/^https?:\/\//, ""), tx, doc.y, { width: tw });
  doc.end();
  return done;
}
