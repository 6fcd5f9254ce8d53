import { generateSessionToken, sessionIdFromToken } from "./session.server";

/** A random one-time token (for links) and the SHA-256 that is stored instead of it. */
export function newToken(): { token: string; hash: string } {
  const token = generateSessionToken();
  return { token, hash: sessionIdFromToken(token) };
}
export const hashToken = sessionIdFromToken;

/** An 8-digit code read out in person; stored as SHA-256 of user id and code. */
export function newCode(): string {
  const n = new Uint32Array(1);
  crypto.getRandomValues(n);
  return String(n[0] % 100_000_000).padStart(8, "0");
}
export function codeHash(userId: number, code: string): string {
  return sessionIdFromToken(`${userId}:${code.replace(/\s/g, "")}`);
}
