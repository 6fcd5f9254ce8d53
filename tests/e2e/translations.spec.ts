/**
 * Every page a person can reach carries the strings it needs: the root loader sends only the
 * namespaces of the page's section (app/modules/i18n/namespaces.ts), and a key missing in the
 * browser is reported in the console ("missing i18n key"). This walks the main pages as each kind
 * of person, by direct loads and by client-side navigation, in both languages.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eDb, signInAs } from "./helpers";

function watch(page: Page): string[] {
  const missing: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("missing i18n key")) missing.push(`${page.url()}: ${m.text()}`);
  });
  return missing;
}

function ids() {
  const db = e2eDb();
  try {
    const open = db.prepare("select id from hearings where state != 'draft' order by id").all() as {
      id: number;
    }[];
    const approved = db
      .prepare("select hearing_id as id from protocols where state = 'approved'")
      .get() as { id: number } | undefined;
    return { hearings: open.map((h) => h.id), approved: approved?.id };
  } finally {
    db.close();
  }
}

const people: [string, string | null, string[]][] = [
  [
    "anonymous",
    null,
    ["", "/m/issyk-kul-tyup", "/about", "/login", "/register", "/reset", "/verify"],
  ],
  [
    "resident",
    "aigul@jyiyn.demo",
    ["", "/account", "/account/verify", "/account/notifications", "/notifications"],
  ],
  ["official", "official@jyiyn.demo", ["/office", "/office/residents"]],
  ["secretary", "secretary@jyiyn.demo", ["/council"]],
  ["admin", "admin@jyiyn.demo", ["/admin", "/admin/roles", "/admin/audit", "/admin/mail"]],
];

for (const lang of ["ky", "ru"] as const) {
  for (const [who, login, paths] of people) {
    test(`no missing strings for the ${who} (${lang})`, async ({ browser }) => {
      const context = await browser.newContext();
      if (login) await signInAs(context, login);
      const page = await context.newPage();
      const missing = watch(page);
      const { hearings, approved } = ids();
      const all = [...paths, ...hearings.slice(0, 3).map((id) => `/hearings/${id}`)];
      if (approved) all.push(`/hearings/${approved}/protocol`);
      if (who === "official")
        for (const id of hearings.slice(0, 3)) all.push(`/office/hearings/${id}`);
      for (const p of all) {
        const res = await page.goto(`/${lang}${p}`);
        expect(res?.status(), `${lang}${p}`).toBeLessThan(400);
        await page.waitForLoadState("networkidle");
      }
      // client-side navigation across sections: home → a hearing → the municipality → home
      await page.goto(`/${lang}`);
      await page.waitForLoadState("networkidle");
      const link = page.locator(`main a[href^="/${lang}/hearings/"]`).first();
      if (await link.count()) {
        await link.click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/hearings/\\d+`));
        await page.waitForLoadState("networkidle");
      }
      await page
        .getByRole("link", { name: lang === "ky" ? "Башкы бет" : "Главная" })
        .first()
        .click();
      await page.waitForLoadState("networkidle");
      expect(missing).toEqual([]);
      await context.close();
    });
  }
}
