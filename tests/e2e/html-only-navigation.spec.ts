/**
 * ADR 0067: public pages are HTML with their enhancement script, never drawn by the client
 * router — also when a hydrated page leads there. The common path: a resident opens a shared
 * hearing link, signs in, and the sign-in form (a hydrated page) redirects back to the hearing.
 * The hearing page must then be a document load (the enhancement script ran) and its calculator
 * must answer as typed.
 */
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, openHearingId } from "./helpers";

test("after signing in from a shared link, the hearing page is a document load and its calculator answers", async ({
  page,
}) => {
  const hearing = `/ky/hearings/${openHearingId()}`;
  await page.goto(`/ky/login?redirectTo=${encodeURIComponent(hearing)}`);
  // the sign-in page hydrates: its submit goes through the client router
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.locator("input[name=login]").fill("aigul@jyiyn.demo");
  await page.locator("input[name=password]").fill(DEMO_PASSWORD);
  await page.locator("main form[method=post] button[type=submit]").first().click();
  await page.waitForURL((u) => u.pathname === hearing);
  await expect(page.locator("html[data-enhanced]")).toHaveCount(1);
  expect(await page.evaluate(() => "__remixRouter" in window)).toBe(false);

  await page.locator("#calc-hh").fill("7");
  await expect(page).toHaveURL(/hh=7/);
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await expect(page.getByTestId("calc-total-after")).toHaveText(
    (await fresh.getByTestId("calc-total-after").textContent())!,
  );
  await fresh.close();
});
