/**
 * Browser-test helpers. The e2e server runs on data/e2e.sqlite with the demo data
 * (scripts/e2e-server.js); demo accounts all use DEMO_PASSWORD.
 */
import type { BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

export const DEMO_PASSWORD = "demo-parol-2026";
export const E2E_DB = process.env.E2E_DB ?? "data/e2e.sqlite";
// playwright.config.ts sets E2E_PORT (a free port when the caller gave none) before any worker starts
export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT}`;

/** Direct access to the e2e database (WAL lets the test read while the server runs). */
export function e2eDb() {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * Sign a demo account in without the form (for tests whose subject is not sign-in): a session row
 * made exactly as the server makes one, and its cookie in the browser context.
 */
export async function signInAs(context: BrowserContext, emailOrPhone: string): Promise<void> {
  const db = e2eDb();
  try {
    const user = db
      .prepare("select id from users where email = ? or phone = ?")
      .get(emailOrPhone, emailOrPhone) as { id: number } | undefined;
    if (!user) throw new Error(`no demo user ${emailOrPhone}`);
    // the shape the server makes and accepts: 20 random bytes in lower-case base32
    const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
    const id = createHash("sha256").update(token).digest("hex");
    const now = new Date();
    db.prepare(
      "insert into sessions (id, user_id, expires_at, created_at, last_seen_at, ip, user_agent) values (?, ?, ?, ?, ?, ?, ?)",
    ).run(
      id,
      user.id,
      new Date(now.getTime() + 30 * 864e5).toISOString(),
      now.toISOString(),
      now.toISOString(),
      "127.0.0.1",
      "playwright",
    );
    await context.addCookies([
      { name: "jyiyn_session", value: token, url: BASE_URL, httpOnly: true, sameSite: "Lax" },
    ]);
  } finally {
    db.close();
  }
}

/** Sign in through the real form. */
export async function signInWithForm(
  page: Page,
  lang: "ky" | "ru",
  login: string,
  password = DEMO_PASSWORD,
) {
  await page.goto(`/${lang}/login`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[method="post"] button[type="submit"]').first().click();
}

/** The id of the demo data's first open hearing. */
export function openHearingId(): number {
  const db = e2eDb();
  try {
    return (
      db.prepare("select id from hearings where state = 'open' order by id limit 1").get() as {
        id: number;
      }
    ).id;
  } finally {
    db.close();
  }
}
