import { chromium } from "@playwright/test";
const [base, user, path] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
const page = await ctx.newPage();
if (user !== "-") { await page.goto(base + "/ru/login"); await page.fill('input[name="login"]', user); await page.fill('input[name="password"]', "demo-parol-2026"); await page.locator('form[method="post"] button[type="submit"]').first().click(); await page.waitForLoadState("networkidle"); }
await page.goto(base + path);
const r = await page.evaluate(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent ?? "";
    for (const m of text.matchAll(/[\p{L}]{8,}/gu)) {
      range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
      const rects=[...range.getClientRects()];
      const tops = new Set(rects.map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push([m[0], el.tagName, el.className, el.parentElement?.className, rects.map(r=>[Math.round(r.left),Math.round(r.top),Math.round(r.width)])]);
    }
  }
  return out;
});
console.log(JSON.stringify(r, null, 0));
await browser.close();
