/**
 * The signed-in pages on a 360-px phone, in Kyrgyz and Russian: no serious or critical axe
 * violation (WCAG 2.1 A and AA) and nothing wider than the screen.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb, signInAs } from "./helpers";

interface DemoIds {
  waste: number;
  plan: number;
  protocol: number | null;
}

function demoIds(): DemoIds {
  const db = e2eDb();
  try {
    const waste = db
      .prepare(
        "select h.id from hearings h where h.state = 'open' and exists (select 1 from tariff_lines t where t.hearing_id = h.id and t.service = 'waste_collection') order by h.id limit 1",
      )
      .get() as { id: number };
    const plan = db
      .prepare(
        "select id from hearings where type = 'plan' and state = 'closed' order by id limit 1",
      )
      .get() as { id: number };
    const protocol = db.prepare("select id from protocols where hearing_id = ?").get(plan.id) as
      { id: number } | undefined;
    return { waste: waste.id, plan: plan.id, protocol: protocol?.id ?? null };
  } finally {
    db.close();
  }
}

async function checkPage(page: Page, path: string) {
  const response = await page.goto(path, { waitUntil: "networkidle" });
  expect(response?.status(), path).toBe(200);
  // a fixed 360, not innerWidth: a mobile browser may zoom out to fit a too-wide page
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${path} overflows horizontally`).toBeLessThanOrEqual(PHONE.width);
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, path).toEqual([]);
}

const PHONE = { width: 360, height: 800 };
test.use({ viewport: PHONE });

for (const lang of ["ky", "ru"] as const) {
  test(`official's pages fit a 360-px phone (${lang})`, async ({ browser }) => {
    // six pages, each with a full axe run: close to the 60 s default on a busy 2-core machine
    test.slow();
    const ids = demoIds();
    const context = await browser.newContext({ viewport: PHONE });
    await signInAs(context, "official@jyiyn.demo");
    const page = await context.newPage();
    for (const path of [
      `/${lang}/office`,
      `/${lang}/office/hearings/${ids.waste}`,
      `/${lang}/office/hearings/${ids.waste}/comments`,
      `/${lang}/office/hearings/${ids.waste}/meeting`,
      `/${lang}/office/hearings/${ids.plan}/protocol`,
      `/${lang}/office/residents`,
    ]) {
      await checkPage(page, path);
    }
    await context.close();
  });

  test(`an official's hearing edit pages fit a 360-px phone (${lang})`, async ({ browser }) => {
    const ids = demoIds();
    const context = await browser.newContext({ viewport: PHONE });
    await signInAs(context, "official@jyiyn.demo");
    const page = await context.newPage();
    for (const path of [
      `/${lang}/office/hearings/${ids.waste}/details`,
      `/${lang}/office/hearings/${ids.waste}/lines`,
      `/${lang}/office/hearings/${ids.waste}/questions`,
      `/${lang}/office/hearings/${ids.waste}/documents`,
      `/${lang}/office/hearings/${ids.plan}/plan`,
    ]) {
      await checkPage(page, path);
    }
    await context.close();
  });

  test(`council and admin pages fit a 360-px phone (${lang})`, async ({ browser }) => {
    const ids = demoIds();
    const council = await browser.newContext({ viewport: PHONE });
    await signInAs(council, "secretary@jyiyn.demo");
    const cp = await council.newPage();
    await checkPage(cp, `/${lang}/council`);
    if (ids.protocol !== null) await checkPage(cp, `/${lang}/council/protocols/${ids.protocol}`);
    await council.close();

    const admin = await browser.newContext({ viewport: PHONE });
    await signInAs(admin, "admin@jyiyn.demo");
    const ap = await admin.newPage();
    for (const path of [`/${lang}/admin`, `/${lang}/admin/roles`, `/${lang}/admin/audit`]) {
      await checkPage(ap, path);
    }
    await admin.close();
  });
}
