/**
 * The first screen (360 × 740, no JavaScript: what a phone on slow 3G shows before the scripts
 * arrive) of the main pages of each role, in Kyrgyz and Russian, into docs/screenshots/
 * `<page>-<lang>.png`. Run with `npm run screenshots`; docs/phone.md shows them. Each shot also
 * checks what it is meant to show, so a page that stopped showing it fails here too.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eDb, signInAs } from "../e2e/helpers";

const PHONE = { width: 360, height: 740 };
test.describe.configure({ timeout: 120_000 });

function ids() {
  const db = e2eDb();
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { id: number }).id;
    return {
      open: one("select id from hearings where state = 'open' order by id limit 1"),
      closed: one(
        "select h.id from hearings h join protocols p on p.hearing_id = h.id where h.state = 'closed' order by h.id limit 1",
      ),
    };
  } finally {
    db.close();
  }
}

async function open(browser: Browser, login: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  if (login) await signInAs(context, login);
  return context.newPage();
}

async function shot(page: Page, name: string, lang: string) {
  // the header at most 15 % of the screen, nothing wider than the phone
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height, `${name}: header`).toBeLessThanOrEqual(111);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: `docs/screenshots/${name}-${lang}.png` });
}

for (const lang of ["ky", "ru"] as const) {
  test(`main pages at 360 px (${lang})`, async ({ browser }) => {
    const d = ids();
    const anon = await open(browser, null);

    await anon.goto(`/${lang}`);
    await shot(anon, "home", lang);

    await anon.goto(`/${lang}/m/issyk-kul-tyup`);
    await shot(anon, "municipality", lang);

    // the first screen of an open hearing: the deadline, vote and comment links, the bill
    await anon.goto(`/${lang}/hearings/${d.open}`);
    await expect(anon.locator('a[href="#vote"]').first()).toBeInViewport();
    await expect(anon.locator('a[href="#comment-form"]').first()).toBeInViewport();
    await expect(anon.locator(".glance-deadline")).toBeInViewport();
    await shot(anon, "hearing-open", lang);

    // the calculator's answer (a GET form: the answer page opens at #calculator)
    await anon.goto(`/${lang}/hearings/${d.open}?hh=3#calculator`);
    await expect(anon.getByTestId("calc-total-after")).toBeInViewport();
    await shot(anon, "hearing-calculator", lang);

    await anon.goto(`/${lang}/hearings/${d.closed}/protocol`);
    await shot(anon, "protocol", lang);
    await anon.context().close();

    // a refused comment: the reply page opens at the form, its error summary first
    const resident = await open(browser, "aigul@jyiyn.demo");
    await resident.goto(`/${lang}/hearings/${d.open}`);
    await resident.locator("#comment-body").fill("ok");
    await resident.locator("#comment-form button[type=submit]").click();
    await expect(resident.locator("#comment-form .error-summary")).toBeInViewport();
    await shot(resident, "comment-error", lang);
    await resident.context().close();

    const official = await open(browser, "official@jyiyn.demo");
    await official.goto(`/${lang}/office`);
    await shot(official, "office-dashboard", lang);
    await official.goto(`/${lang}/office/hearings/${d.open}`);
    await shot(official, "office-hearing", lang);
    // cancelling asks first, at the end of the page, and says what it does
    await official.goto(`/${lang}/office/hearings/${d.open}?confirm=cancel#confirm`);
    await expect(official.locator("#confirm")).toBeInViewport();
    await shot(official, "office-cancel-confirm", lang);
    await official.context().close();

    const secretary = await open(browser, "secretary@jyiyn.demo");
    await secretary.goto(`/${lang}/council`);
    await shot(secretary, "council", lang);
    await secretary.context().close();
  });
}
