// usage: node /tmp/shot.mjs base user|- path out [fullPage] [nojs]
import { chromium } from "@playwright/test";
const [base, user, path, out, full, nojs] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking"] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: nojs !== "nojs" });
const page = await ctx.newPage();
if (user !== "-") {
  await page.goto(base + "/ru/login");
  await page.fill('input[name="login"]', user);
  await page.fill('input[name="password"]', "demo-parol-2026");
  await page.locator('form[method="post"] button[type="submit"]').first().click();
  await page.waitForLoadState("networkidle");
}
await page.goto(base + path, { waitUntil: "networkidle" });
const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
console.log(path, "scrollWidth,height", sw);
await page.screenshot({ path: out, fullPage: full === "full" });
await browser.close();
