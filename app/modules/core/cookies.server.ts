/**
 * Reads one cookie from a request's Cookie header (URI-decoded), or null when absent. A platform
 * helper: sessions (auth) and the remembered language (i18n) both use it, so neither imports the
 * other.
 */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      // a value that does not decode ("%E0%A4%A") is no cookie (server.js also clears it)
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
