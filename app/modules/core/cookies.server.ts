/**
 * Reads one cookie from a request's Cookie header (URI-decoded), or null when absent. A platform
 * helper: sessions (auth) and the remembered language (i18n) both use it, so neither imports the
 * other.
 */
export function readCookie(request: Request, name: string): string | null {
  return cookieFromHeader(request.headers.get("cookie") ?? undefined, name);
}

/**
 * Cookie `name` from a Cookie header's value (URI-decoded), or null when absent or when its value
 * does not decode ("%E0%A4%A": no cookie; server.js also clears it). For callers below Remix that
 * hold the header, not a Fetch Request (the vote post, ADR 0072).
 */
export function cookieFromHeader(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
