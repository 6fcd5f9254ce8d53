/**
 * Reading an uploaded resident list into rows of text cells, whatever Excel or a text editor made
 * of it: an Excel workbook (.xlsx, first sheet, read by read-excel-file) or a CSV/text file (parsed
 * by papaparse: quoted fields with the delimiter or line breaks inside, `;` `,` or tab guessed, a
 * BOM ignored). Text is UTF-8 when it is valid UTF-8, else Windows-1251 (what Excel for Windows
 * writes in a Russian or Kyrgyz locale for "CSV (разделители — запятые)"); anything that reads as
 * neither is refused with a message about the encoding, never as "no such village".
 *
 * Windows-1251 has no Ң Ө Ү: Excel writes "?" for them; `villageNameMatches` lets such a "?"
 * stand for one of them.
 */
import Papa from "papaparse";
import { readSheet } from "read-excel-file/node";

export interface RegistryTableRow {
  /** the row's number in the file: the line of a CSV record, the row of the sheet (from 1) */
  line: number;
  /** the row's cells as text (dates from Excel as yyyy-mm-dd, numbers as written) */
  cells: string[];
}

export type RegistryFileProblem = "encoding" | "xls" | "unreadable";

export type RegistryFile =
  | { ok: true; rows: RegistryTableRow[]; format: "xlsx" | "csv-utf-8" | "csv-windows-1251" }
  | { ok: false; problem: RegistryFileProblem };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls (Excel 97–2003)
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * Decode the bytes of a text file: UTF-8 (BOM dropped) when they are valid UTF-8, else
 * Windows-1251 when most non-ASCII letters come out Cyrillic, else null (an encoding we refuse).
 */
export function decodeText(
  bytes: Uint8Array,
): { text: string; encoding: "utf-8" | "windows-1251" } | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    const text = new TextDecoder("windows-1251").decode(bytes);
    const nonAscii = [...text].filter((c) => c.charCodeAt(0) > 0x7f);
    const cyrillic = nonAscii.filter((c) => /[\u0400-\u04FF]/.test(c));
    if (nonAscii.length > 0 && cyrillic.length * 2 < nonAscii.length) return null;
    return { text, encoding: "windows-1251" };
  }
}

/**
 * Read an uploaded resident list (`name` is only a hint: the bytes decide).
 * @returns the rows with their line numbers, or the problem: "xls" (an Excel 97–2003 file: save as
 * .xlsx or CSV), "encoding" (text neither UTF-8 nor Windows-1251), "unreadable" (a broken workbook)
 */
export async function readRegistryFile(_name: string, bytes: Uint8Array): Promise<RegistryFile> {
  if (startsWith(bytes, OLE)) return { ok: false, problem: "xls" };
  if (startsWith(bytes, ZIP)) {
    try {
      // PINs are 14 digits: keep every number exactly as written
      const data = await readSheet(Buffer.from(bytes), { parseNumber: (s: string) => s });
      return {
        ok: true,
        format: "xlsx",
        rows: data.map((cells, i) => ({ line: i + 1, cells: cells.map(cellText) })),
      };
    } catch {
      return { ok: false, problem: "unreadable" };
    }
  }
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, problem: "encoding" };
  return {
    ok: true,
    format: decoded.encoding === "utf-8" ? "csv-utf-8" : "csv-windows-1251",
    rows: csvRows(decoded.text),
  };
}

/**
 * The records of CSV text (papaparse: quotes, `;` `,` or tab guessed, BOM dropped), each with the
 * file line it starts on (a quoted line break makes a record span several lines).
 */
export function csvRows(text: string): RegistryTableRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {
    delimitersToGuess: [";", ",", "\t"],
    skipEmptyLines: false,
  });
  const rows: RegistryTableRow[] = [];
  let line = 1;
  for (const record of parsed.data) {
    rows.push({ line, cells: record.map(cellText) });
    line += 1 + record.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  return rows;
}

/**
 * Whether a village name typed in a list matches a known name, both already folded by
 * `normalizeSearch`; a "?" (what Windows-1251 makes of ң, ө, ү) stands for one of н, о, у.
 */
export function villageNameMatches(typedFolded: string, knownFolded: string): boolean {
  if (!typedFolded.includes("?")) return typedFolded === knownFolded;
  if (typedFolded.length !== knownFolded.length) return false;
  for (let i = 0; i < typedFolded.length; i++) {
    const c = typedFolded[i];
    if (c === "?" ? !"ноу".includes(knownFolded[i]) : c !== knownFolded[i]) return false;
  }
  return true;
}
