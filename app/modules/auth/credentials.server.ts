/**
 * What counts as a login (an email address or a Kyrgyz phone number) and as an acceptable password
 * (at least 10 characters and not in the shipped list of common passwords).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const MIN_PASSWORD_LENGTH = 10;

/** "+996 700 12 34 56", "0700123456", "996700123456" → "+996700123456"; null if not a KG number. */
export function normalizePhone(input: string): string | null {
  const s = input.replace(/[\s()-]/g, "");
  let m = /^\+?996(\d{9})$/.exec(s);
  if (m) return `+996${m[1]}`;
  m = /^0(\d{9})$/.exec(s);
  if (m) return `+996${m[1]}`;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function normalizeEmail(input: string): string | null {
  const s = input.trim().toLowerCase();
  return EMAIL.test(s) && s.length <= 254 ? s : null;
}

export type Login = { kind: "email"; email: string } | { kind: "phone"; phone: string };

export function parseLogin(input: string): Login | null {
  const trimmed = input.trim();
  if (trimmed.includes("@")) {
    const email = normalizeEmail(trimmed);
    return email ? { kind: "email", email } : null;
  }
  const phone = normalizePhone(trimmed);
  return phone ? { kind: "phone", phone } : null;
}

export function loginKey(l: Login): string {
  return l.kind === "email" ? l.email : l.phone;
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const file = join(process.cwd(), "app/modules/auth/common-passwords.txt");
    common = new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith("#")),
    );
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** An i18n key for what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "auth:errors.passwordTooShort";
  if (password.length > 200) return "auth:errors.passwordTooLong";
  if (isCommonPassword(password)) return "auth:errors.passwordCommon";
  return null;
}
