/**
 * Text as it crosses the boundary (form fields, query strings, file names): the characters both
 * databases store and every screen shows the same way.
 *
 * - `cleanText`: line breaks normalized to "\n" (a browser sends CRLF), NUL and every other C0/C1
 *   control character removed except "\n" and "\t". PostgreSQL refuses NUL in text; the others are
 *   invisible and only hide differences.
 * - `cleanFileName`: additionally no line breaks, no bidirectional controls (U+202E turns
 *   "gpj.exe" into "exe.jpg" on screen), no path separators, quotes or "=", at most 200 characters.
 */

// C0 except \t (09) and \n (0A); DEL and C1
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidirectional embedding, override and isolate controls, and the invisible marks. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text from a form or URL: "\r\n" and "\r" → "\n", control characters except "\n" "\t" removed. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(CONTROLS, "");
}

/** True when the text has a character `cleanText` would remove or change. */
export function hasControlCharacters(value: string): boolean {
  CONTROLS.lastIndex = 0;
  return /\r/.test(value) || new RegExp(CONTROLS.source).test(value);
}

/**
 * A file name safe to store, show and send in a Content-Disposition header: only its last path
 * segment, without control or bidi characters, quotes, backslashes or "=", trimmed to 200
 * characters (the extension kept); `fallback` when nothing is left.
 */
export function cleanFileName(name: string, fallback = "file"): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  let out = cleanText(base)
    .replace(/[\n\t]/g, " ")
    .replace(BIDI_CONTROLS, "")
    .replace(/["=;:*?<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (out.length > 200) {
    const dot = out.lastIndexOf(".");
    const ext = dot > 0 && out.length - dot <= 10 ? out.slice(dot) : "";
    out = out.slice(0, 200 - ext.length) + ext;
  }
  return out || fallback;
}
