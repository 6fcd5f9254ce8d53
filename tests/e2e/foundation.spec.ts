import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("language routing", () => {
  test("/ redirects by cookie, then Accept-Language, else ky", async ({ request }) => {
    const plain = await request.get("/", {
      maxRedirects: 0,
      headers: { "accept-language": "en-US" },
    });
    expect(plain.status()).toBe(302);
    expect(plain.headers()["location"]).toBe("/ky");

    const ru = await request.get("/", {
      maxRedirects: 0,
      headers: { "accept-language": "ru-RU,ru;q=0.9" },
    });
    expect(ru.headers()["location"]).toBe("/ru");

    const cookie = await request.get("/", {
      maxRedirects: 0,
      headers: { "accept-language": "ru-RU", cookie: "lang=ky" },
    });
    expect(cookie.headers()["location"]).toBe("/ky");
  });

  test("<html lang> matches the page, and the title is localized", async ({ page }) => {
    await page.goto("/ru");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page).toHaveTitle(/Публичные слушания · Жыйын/);
    await page.goto("/ky");
    await expect(page.locator("html")).toHaveAttribute("lang", "ky");
    await expect(page).toHaveTitle(/Коомдук угуулар · Жыйын/);
  });

  for (const js of [true, false]) {
    test(`the language switch keeps the path (JavaScript ${js ? "on" : "off"})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      await page.goto("/ky/m/issyk-kul-tyup");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Ысык-Көл айыл аймагы");
      await page
        .getByRole("navigation", { name: "Тилди тандоо" })
        .getByRole("link", { name: "Русский" })
        .click();
      await expect(page).toHaveURL(/\/ru\/m\/issyk-kul-tyup$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(
        "Иссык-Кульский айылный аймак",
      );
      await expect(page.locator("html")).toHaveAttribute("lang", "ru");
      // the choice is remembered for "/"
      await page.goto("/");
      await expect(page).toHaveURL(/\/ru$/);
      await context.close();
    });
  }

  test("the 404 page is localized in both languages", async ({ page }) => {
    const ky = await page.goto("/ky/no-such-page");
    expect(ky?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Барак табылган жок");
    await expect(page).toHaveTitle(/Барак табылган жок/);
    const ru = await page.goto("/ru/m/no-such-municipality");
    expect(ru?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
  });
});

test.describe("pages", () => {
  test("home lists municipalities by oblast and district, and searches ӊ/ң alike", async ({
    page,
  }) => {
    await page.goto("/ky");
    await expect(page.getByRole("heading", { name: "Ысык-Көл облусу" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Түп району" })).toBeVisible();
    await page.getByRole("searchbox", { name: "Муниципалитетти издөө" }).fill("ЧҮЙ");
    await page.getByRole("button", { name: "Издөө" }).click();
    await expect(page.getByRole("link", { name: "Лебединовка айыл аймагы" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ысык-Көл айыл аймагы" })).toHaveCount(0);
  });

  test("the header picker goes straight to a single match", async ({ page }) => {
    await page.goto("/ru");
    await page.getByRole("searchbox", { name: "Найти муниципалитет" }).fill("Сары-Ой");
    await page.getByRole("button", { name: "Найти", exact: true }).click();
    await expect(page).toHaveURL(/\/ru\/m\/sary-oi$/);
    await expect(page.getByText("Чырпыкты")).toBeVisible();
  });

  for (const path of ["/ky", "/ru", "/ky/m/issyk-kul-tyup", "/ru/m/kara-suu"]) {
    test(`axe finds no serious or critical violation on ${path} (360 px)`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(path);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      const bad = result.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      // nothing wider than the phone
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test.describe("operations", () => {
  test("healthz answers 200 with the database check, and security headers are set", async ({
    request,
  }) => {
    const res = await request.get("/healthz");
    expect(res.status()).toBe(200);
    // the demo has an approved protocol: its frozen files are listed and all present
    expect(await res.json()).toEqual({
      status: "ok",
      database: "ok",
      files: { listed: expect.any(Number) },
    });
    // a page rendered per request (not from the page cache): a fresh nonce
    const page = await request.get("/ky/login");
    const h = page.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-request-id"]).toBeTruthy();
    const html = await page.text();
    const nonce = /nonce-([A-Za-z0-9+/=]+)'/.exec(h["content-security-policy"])![1];
    expect(html).toContain(`nonce="${nonce}"`);
    // an anonymous page from the page cache (ADR 0031): every inline script allowed by its hash
    const cached = await request.get("/ky");
    const ch = cached.headers();
    expect(ch["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(ch["content-security-policy"]).not.toContain("'nonce-");
    expect(ch["x-content-type-options"]).toBe("nosniff");
    const hashes = [...ch["content-security-policy"].matchAll(/'sha256-([^']+)'/g)].map(
      (m) => m[1],
    );
    const scripts = [...(await cached.text()).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      .filter((m) => !/\bsrc=/.test(m[1]) && m[2] !== "")
      .map((m) => createHash("sha256").update(m[2]).digest("base64"));
    expect(scripts.length).toBeGreaterThan(0);
    expect(hashes.sort()).toEqual([...new Set(scripts)].sort());
  });

  test("a bad environment value stops start-up with a clear message and exit code 1", () => {
    const r = spawnSync(process.execPath, ["server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DEMO: "1",
        PORT: "not-a-port",
        DATABASE_URL: "data/never.sqlite",
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Invalid environment");
    expect(r.stderr).toContain("PORT");
  });

  test("SIGTERM shuts the server down gracefully (exit code 0)", async () => {
    const { spawn } = await import("node:child_process");
    const { freePortSync } = await import("./free-port");
    const port = freePortSync();
    const child = spawn(process.execPath, ["server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DEMO: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: "data/healthz-check.sqlite",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    try {
      let ok = false;
      for (let i = 0; i < 60 && !ok; i++) {
        await new Promise((r) => setTimeout(r, 250));
        ok = await fetch(`http://127.0.0.1:${port}/healthz`)
          .then((r) => r.ok)
          .catch(() => false);
      }
      expect(ok).toBe(true);
      child.kill("SIGTERM");
      const code = await new Promise<number | null>((r) => child.on("exit", r));
      expect(code).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
