/**
 * The one way an action reads its form: `readForm(request)` instead of `request.formData()`.
 *
 * - Only `application/x-www-form-urlencoded` and `multipart/form-data` are forms; JSON, text, no
 *   Content-Type → 415 (Remix's own `formData()` throws a TypeError, which was a 500).
 * - The body is counted while it streams and refused with 413 past the limit, before it is
 *   buffered: `FORM_MAX_BYTES` (default 1 MiB) for forms, `UPLOAD_MAX_BYTES` + `FORM_MAX_BYTES`
 *   for multipart forms of routes that take files (`{ files: true }`).
 * - A broken body (a multipart without its boundary, cut off, …) → 400.
 * - Every text value goes through `cleanText` (line breaks "\n", no NUL or other control
 *   characters) and every file name through `cleanFileName`, so nothing downstream sees them.
 *
 * Refusals are thrown as localized Responses (`refusalFor`, core/reply.server.ts). server.js applies the same limits
 * and media types in front of Remix, so this is the second wall and the one tests reach directly.
 */
import { env } from "../core/env.server";
import { DomainError } from "../core/errors";
import { refusalFor } from "../core/reply.server";
import { cleanFileName, cleanText } from "../http/text";

export interface ReadFormOptions {
  /** the route accepts file uploads: multipart bodies may be UPLOAD_MAX_BYTES larger */
  files?: boolean;
}

/** The media type of a Content-Type header, lower case, without parameters ("" if none). */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** The largest body (bytes) accepted for a form of this media type. */
export function formLimit(type: string, files: boolean): number {
  const e = env();
  return type === "multipart/form-data" && files
    ? e.UPLOAD_MAX_BYTES + e.FORM_MAX_BYTES
    : e.FORM_MAX_BYTES;
}

/** The body, read while counting; a localized 413 is thrown as soon as it passes `max` bytes. */
export async function readBodyLimited(
  request: Request,
  max: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared && /^\d+$/.test(declared) && Number(declared) > max)
    throw refusalFor(request, new DomainError("common:errors.tooLarge", { mb: mbOf(max) }, 413));
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw refusalFor(request, new DomainError("common:errors.badForm", {}, 400));
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw refusalFor(request, new DomainError("common:errors.tooLarge", { mb: mbOf(max) }, 413));
    }
    chunks.push(step.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function mbOf(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0);
}

/**
 * The request's form, cleaned (see the module comment). Throws a localized Response: 415 not a
 * form, 413 too large, 400 malformed.
 */
export async function readForm(request: Request, opts: ReadFormOptions = {}): Promise<FormData> {
  const contentType = request.headers.get("content-type");
  const type = mediaType(contentType);
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data")
    throw refusalFor(request, new DomainError("common:errors.notAForm", {}, 415));
  const bytes = await readBodyLimited(request, formLimit(type, opts.files ?? false));
  let raw: FormData;
  if (type === "application/x-www-form-urlencoded") {
    raw = new FormData();
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    for (const [k, v] of new URLSearchParams(text)) raw.append(k, v);
  } else {
    try {
      raw = await new Response(bytes, {
        headers: { "content-type": contentType ?? "" },
      }).formData();
    } catch {
      throw refusalFor(request, new DomainError("common:errors.badForm", {}, 400));
    }
  }
  return cleanForm(raw);
}

/** A copy of `form` with every name and text value cleaned and every file renamed safely. */
export function cleanForm(form: FormData): FormData {
  const out = new FormData();
  for (const [k, v] of form.entries()) {
    const name = cleanText(k);
    if (typeof v === "string") out.append(name, cleanText(v));
    else out.append(name, new File([v], cleanFileName(v.name), { type: v.type }));
  }
  return out;
}
