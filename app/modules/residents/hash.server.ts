import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/**
 * The only form in which a personal number (ПИН) is kept: HMAC-SHA256 of ПИН and birth date with
 * the server secret (REGISTRY_SECRET). The ПИН itself is never stored.
 */
export function personHash(pin: string, birthDate: string, secret: string): string {
  const enc = new TextEncoder();
  return encodeHexLowerCase(
    hmac(SHA256, enc.encode(secret), enc.encode(`${pin.trim()}|${birthDate.trim()}`)),
  );
}

/** Digits 2–9 of a ПИН are the birth date DDMMYYYY; returns yyyy-mm-dd, or null if malformed. */
export function birthDateFromPin(pin: string): string | null {
  if (!/^\d{14}$/.test(pin)) return null;
  const dd = pin.slice(1, 3);
  const mm = pin.slice(3, 5);
  const yyyy = pin.slice(5, 9);
  const d = new Date(`${yyyy}-${mm}-${dd}T00:00:00Z`);
  if (
    Number.isNaN(d.getTime()) ||
    d.getUTCDate() !== Number(dd) ||
    d.getUTCMonth() + 1 !== Number(mm)
  )
    return null;
  return `${yyyy}-${mm}-${dd}`;
}
