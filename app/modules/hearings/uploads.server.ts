/**
 * Uploaded documents are recognised by their content (magic bytes), not their name: PDF, PNG,
 * JPEG, and the ZIP-based DOCX / XLSX (told apart by their word/ or xl/ entries). The file name's
 * extension must agree with the content.
 */
import { DomainError } from "../core/errors";
import { readForm } from "../forms/read.server";

export type DocKind = "pdf" | "png" | "jpeg" | "docx" | "xlsx";

export const CONTENT_TYPES: Record<DocKind, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const EXTENSIONS: Record<string, DocKind> = {
  pdf: "pdf",
  png: "png",
  jpg: "jpeg",
  jpeg: "jpeg",
  docx: "docx",
  xlsx: "xlsx",
};

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

function zipHas(data: Uint8Array, needle: string): boolean {
  // entry names are stored in clear in the local file headers and the central directory
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(needle, 0, "latin1");
}

export function sniffKind(data: Uint8Array): DocKind | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && zipHas(data, "[Content_Types].xml")) {
    if (zipHas(data, "word/")) return "docx";
    if (zipHas(data, "xl/")) return "xlsx";
  }
  return null;
}

export function extensionKind(fileName: string): DocKind | null {
  const m = /\.([a-z0-9]+)$/i.exec(fileName);
  return m ? (EXTENSIONS[m[1].toLowerCase()] ?? null) : null;
}

export type UploadCheck =
  | { ok: true; kind: DocKind; contentType: string }
  | { ok: false; error: "wrongType" | "spoofed" | "tooLarge" | "empty" };

export function checkUpload(fileName: string, data: Uint8Array, maxBytes: number): UploadCheck {
  if (data.byteLength === 0) return { ok: false, error: "empty" };
  if (data.byteLength > maxBytes) return { ok: false, error: "tooLarge" };
  const byContent = sniffKind(data);
  const byName = extensionKind(fileName);
  if (!byContent) return { ok: false, error: "wrongType" };
  if (byName !== byContent) return { ok: false, error: byName ? "spoofed" : "wrongType" };
  return { ok: true, kind: byContent, contentType: CONTENT_TYPES[byContent] };
}

/** A name safe for Content-Disposition's plain filename= (ASCII), keeping the extension. */
export function asciiFileName(name: string): string {
  const cleaned = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return cleaned.trim() || "document";
}

/**
 * Reads a multipart form holding one document, keeping every part in memory up to `maxBytes`
 * (UPLOAD_MAX_BYTES). Throws DomainError("hearings:upload.tooLarge", { max: MiB }, 400, field
 * "file") when the declared body or the file is larger; a body that is no form or is broken is
 * refused by `readForm` (a thrown localized 415/413/400 Response).
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<FormData> {
  const tooLarge = () =>
    new DomainError(
      "hearings:upload.tooLarge",
      { max: Math.round(maxBytes / 1024 / 1024) },
      400,
      "file",
    );
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw tooLarge();
  // the one form reader (415/413/400 as localized Responses; names and file names cleaned)
  const form = await readForm(request, { files: true });
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > maxBytes) throw tooLarge();
  return form;
}
