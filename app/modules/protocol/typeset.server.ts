/**
 * Typesetting rules shared by the protocol's PDF and DOCX (issue 11, "the protocol a council can
 * sign"):
 * - `printable` — every character a resident can type either prints with the embedded DejaVu
 *   fonts or is replaced by a visible marker «[U+1F914]», never an empty box (.notdef);
 * - `fitColumns` — table column widths wide enough for every word of the header row (and every
 *   number), and for every hyphenation piece of every cell, so no word is ever cut inside;
 * - `hyphenateLongWords` — a word still wider than its column gets soft hyphens at its
 *   hyphenation points only, so it is broken with a visible hyphen, never cut silently;
 * - `breakPoints` — where a word may be hyphenated: the TeX hyphenation patterns for Russian
 *   (`hyphen` package, used for the Kyrgyz Cyrillic too: no Kyrgyz patterns exist), keeping at
 *   least 2 letters before and 3 after the break (the Russian dictionaries' lefthyphenmin /
 *   righthyphenmin), so «че-ловека», never «Бюджетны-е» or «организац-ии»;
 * - `planTablePages` — where a table breaks across pages: the header row with at least two rows,
 *   and never a single row alone on the next page.
 * Widths are in PDF points (1/72 inch), measured with the DejaVu fonts the PDF embeds (wider than
 * the DOCX's Arial, so the same widths are safe there too).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as fontkit from "fontkit";
// the file itself: Node's ESM loader (the production server) imports no directory
import hyphenRu from "hyphen/ru/index.js";

export type FontName = "R" | "B";

interface Font {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { advanceWidth: number };
}

let loaded: { files: Record<FontName, Buffer>; fonts: Record<FontName, Font> } | undefined;

/** The DejaVu font files (regular, bold) and their fontkit objects, read once. */
export function dejavu(): { files: Record<FontName, Buffer>; fonts: Record<FontName, Font> } {
  if (!loaded) {
    const dir = join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
    const files = {
      R: readFileSync(join(dir, "DejaVuSans.ttf")),
      B: readFileSync(join(dir, "DejaVuSans-Bold.ttf")),
    };
    const open = (b: Buffer) => fontkit.create(b) as unknown as Font;
    loaded = { files, fonts: { R: open(files.R), B: open(files.B) } };
  }
  return loaded;
}

/** Code points that only shape a neighbour (joiners, variation selectors): dropped if unprintable. */
function ignorable(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2060 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0020 && cp <= 0xe007f)
  );
}
const segmenter = new Intl.Segmenter("ru", { granularity: "grapheme" });
const glyphCache = new Map<number, boolean>();

function hasGlyph(cp: number): boolean {
  let v = glyphCache.get(cp);
  if (v === undefined) {
    const { fonts } = dejavu();
    v = fonts.R.hasGlyphForCodePoint(cp) && fonts.B.hasGlyphForCodePoint(cp);
    glyphCache.set(cp, v);
  }
  return v;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * The text with every character the embedded fonts cannot draw replaced by a visible marker: a
 * grapheme (e.g. 👍🏽, 🇰🇬) with any undrawable character becomes «[U+1F44D U+1F3FD]»; joiners and
 * variation selectors are dropped; line breaks and tabs stay, other control
 * characters are marked. Drawable text is returned unchanged.
 */
export function printable(text: string): string {
  let out = "";
  for (const { segment } of segmenter.segment(text)) {
    if (segment === "\n" || segment === "\t" || segment === "\r\n") {
      out += segment === "\r\n" ? "\n" : segment;
      continue;
    }
    // joiners and variation selectors only shape a neighbour: dropped (some fonts draw them as boxes)
    const essential = [...segment].filter((ch) => !ignorable(ch));
    if (essential.every((ch) => hasGlyph(ch.codePointAt(0)!))) {
      out += essential.join("");
      continue;
    }
    out += `[${essential.map((ch) => hex(ch.codePointAt(0)!)).join(" ")}]`;
  }
  return out;
}

/** Width in points of `text` set in `font` at `size` points. */
export function textWidth(text: string, font: FontName, size: number): number {
  const f = dejavu().fonts[font];
  return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
}

const words = (s: string) => s.split(/[\s]+/).filter(Boolean);

/** Letters kept before a hyphenation break (TeX lefthyphenmin for Russian). */
export const LEFT_MIN = 2;
/** Letters kept after a hyphenation break (TeX righthyphenmin for Russian). */
export const RIGHT_MIN = 3;
const LETTER = /\p{L}/u;
const PIECE_MARK = "\u0001";

/**
 * Where `word` (no spaces) may be broken with a hyphen: offsets into the word's UTF-16 string,
 * ascending, each with at least LEFT_MIN letters before it and RIGHT_MIN after it (letters of the
 * whole word, so «Бюджет-ные», not «Бюджетны-е»). From the Russian TeX patterns; a word that
 * already has a hyphen or dash breaks after it by itself (not listed here).
 */
export function breakPoints(word: string): number[] {
  const marked = hyphenRu.hyphenateSync(word, { hyphenChar: PIECE_MARK, minWordLength: 4 });
  const out: number[] = [];
  let at = 0;
  for (const ch of marked) {
    if (ch === PIECE_MARK) out.push(at);
    else at += ch.length;
  }
  const letters = (s: string) => [...s].filter((c) => LETTER.test(c)).length;
  return out.filter(
    (i) => letters(word.slice(0, i)) >= LEFT_MIN && letters(word.slice(i)) >= RIGHT_MIN,
  );
}

/** `word` cut at its break points (see `breakPoints`). */
function pieces(word: string): string[] {
  const at = [0, ...breakPoints(word), word.length];
  return at.slice(1).map((end, k) => word.slice(at[k], end));
}

/**
 * The widest part of `text` (points) that can never be broken by `hyphenateLongWords`: a
 * hyphenation piece with its hyphen (the last piece of a word with the space after it).
 */
function widestPiece(text: string, font: FontName, size: number): number {
  let w = 0;
  for (const word of words(text))
    for (const [k, p, all] of pieces(word).map((p, k, a) => [k, p, a] as const))
      w = Math.max(w, textWidth(k < all.length - 1 ? `${p}-` : `${p} `, font, size));
  return w;
}

export interface TableMetrics {
  /** font size of the table text, points */
  size: number;
  /** padding inside a cell on each side, points */
  pad: number;
}

/**
 * Column widths (points, summing to `total`) for a table: each column at least as wide as the
 * longest word of its header cell (bold), for numeric columns its longest value, and for every
 * cell its widest hyphenation piece (so a word is only ever broken at a hyphenation point, with a
 * hyphen; a piece wider than a third of the table, e.g. a long web address, does not widen its
 * column and is broken letter-wise, still with hyphens); the rest of the width shared in
 * proportion to the relative `widths`. If even the minimums do not fit, they are scaled down.
 */
export function fitColumns(
  b: { header: string[]; rows: string[][]; widths: number[]; numeric?: number[] },
  total: number,
  m: TableMetrics,
): number[] {
  const numeric = new Set(b.numeric ?? []);
  const slack = 2 * m.pad + 1;
  const cap = total / 3 - slack;
  const min = b.widths.map((_, i) => {
    // a word with the space after it: pdfkit measures a word so and cuts it if that is too wide
    let w = Math.max(0, ...words(b.header[i] ?? "").map((x) => textWidth(`${x} `, "B", m.size)));
    const hw = widestPiece(b.header[i] ?? "", "B", m.size);
    if (hw <= cap) w = Math.max(w, hw);
    for (const r of b.rows) {
      if (numeric.has(i))
        for (const line of (r[i] ?? "").split("\n"))
          w = Math.max(w, textWidth(line.trim(), "R", m.size));
      const pw = widestPiece(r[i] ?? "", "R", m.size);
      if (pw <= cap) w = Math.max(w, pw);
    }
    return w + slack;
  });
  const minSum = min.reduce((a, x) => a + x, 0);
  if (minSum >= total) return min.map((x) => (x / minSum) * total);
  // share the width by the relative weights, then lift the columns below their minimum
  const weights = [...b.widths];
  let fixed = new Set<number>();
  for (;;) {
    const free = total - [...fixed].reduce((a, i) => a + min[i], 0);
    const wsum = weights.reduce((a, w, i) => (fixed.has(i) ? a : a + w), 0);
    const out = weights.map((w, i) => (fixed.has(i) ? min[i] : (w / wsum) * free));
    const under = out.findIndex((w, i) => !fixed.has(i) && w < min[i]);
    if (under < 0) return out;
    fixed = new Set([...fixed, ...out.flatMap((w, i) => (!fixed.has(i) && w < min[i] ? [i] : []))]);
  }
}

const SHY = "\u00AD";

/**
 * Soft hyphens at the hyphenation points (`breakPoints`) of every word of `text` that is wider
 * than `width` points with the space after it (pdfkit measures a word with its trailing space), so
 * the PDF breaks it with a visible hyphen, never cuts it silently. A piece still wider than the
 * column (only one `fitColumns` did not widen for, e.g. a long web address) is broken letter-wise,
 * keeping LEFT_MIN and RIGHT_MIN letters. Words that fit are left unchanged.
 */
export function hyphenateLongWords(
  text: string,
  width: number,
  font: FontName,
  size: number,
): string {
  return text.replace(/[^\s]+/g, (word) => {
    if (textWidth(`${word} `, font, size) <= width) return word;
    return pieces(word)
      .flatMap((p) => (textWidth(`${p}-`, font, size) <= width ? [p] : letterPieces(p, width)))
      .join(SHY);
  });

  function letterPieces(p: string, w: number): string[] {
    const chars = [...p];
    const parts: string[] = [];
    let cur = "";
    chars.forEach((ch, k) => {
      const left = chars.length - k;
      if (
        cur.length >= LEFT_MIN &&
        left >= RIGHT_MIN &&
        textWidth(`${cur}${ch}-`, font, size) > w
      ) {
        parts.push(cur);
        cur = "";
      }
      cur += ch;
    });
    if (cur) parts.push(cur);
    return parts;
  }
}

/**
 * Where a table's rows break across pages. `rowHeights` in points, `header` the header row's
 * height (repeated on each page), `firstSpace` the room left on the current page, `pageSpace` the
 * room of a whole page (all below the page's top margin). Returns `newPageFirst` (the table starts
 * on a new page) and `breaks`, the indexes of the rows that start a new page. Rules: the header
 * never stands without at least two rows (or all, if fewer), and no single row is left alone on
 * the table's last page when the page before can give it one and still keep two.
 */
export function planTablePages(
  rowHeights: number[],
  header: number,
  firstSpace: number,
  pageSpace: number,
): { newPageFirst: boolean; breaks: number[] } {
  const n = rowHeights.length;
  const lead = Math.min(2, n);
  const leadH = rowHeights.slice(0, lead).reduce((a, x) => a + x, 0);
  const newPageFirst = header + leadH > firstSpace && firstSpace < pageSpace;
  const breaks: number[] = []; // indexes of rows that start a new page
  let space = (newPageFirst ? pageSpace : firstSpace) - header;
  let onPage = 0;
  for (let i = 0; i < n; i++) {
    if (rowHeights[i] > space && onPage > 0) {
      breaks.push(i);
      space = pageSpace - header;
      onPage = 0;
    }
    space -= rowHeights[i];
    onPage++;
  }
  // widow: one row alone on the last page → take one more from the page before, if it keeps two
  const last = breaks[breaks.length - 1];
  if (last !== undefined && last === n - 1) {
    const prevStart = breaks.length > 1 ? breaks[breaks.length - 2] : 0;
    const fits = rowHeights[n - 2] + rowHeights[n - 1] <= pageSpace - header;
    if (last - 1 - prevStart >= 2 && fits) breaks[breaks.length - 1] = last - 1;
  }
  return { newPageFirst, breaks };
}

/** A block with `printable` applied to every text it draws. */
export function printableBlock<
  B extends
    | { kind: "table"; header: string[]; rows: string[][] }
    | { kind: "signatures"; lines: { role: string; name: string }[] }
    | { kind: string; text: string },
>(b: B): B {
  if ("rows" in b)
    return { ...b, header: b.header.map(printable), rows: b.rows.map((r) => r.map(printable)) };
  if ("lines" in b)
    return {
      ...b,
      lines: b.lines.map((l) => ({ role: printable(l.role), name: printable(l.name) })),
    };
  return { ...b, text: printable(b.text) };
}
