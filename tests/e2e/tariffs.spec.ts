/**
 * The tariff register in the browser, in ky and ru (issue 15): from the approved demo waste
 * hearing's protocol to the municipality's register (the price in force, its resolution, the
 * step chart), then to the comparison on the new, open waste hearing. At 360 px nothing spills
 * sideways. An official's hand entry without JavaScript keeps what was typed on a refusal.
 */
import { expect, test } from "@playwright/test";
import { e2eDb, signInWithForm } from "./helpers";

function hearingId(code: string): number {
  const db = e2eDb();
  try {
    return (db.prepare("select id from hearings where short_code = ?").get(code) as { id: number })
      .id;
  } finally {
    db.close();
  }
}

const WORDS = {
  ky: {
    register: "Тарифтердин реестри",
    title: "Ысык-Көл айыл аймагы: тарифтер",
    compare: "Учурдагы тариф жана башка муниципалитеттер",
    current: "Учурдагы тариф: 25,00 сом",
    oblast: "Облус боюнча: сунушталган 35,00 сом",
    country: "Өлкө боюнча: сунушталган 35,00 сом",
  },
  ru: {
    register: "Реестр тарифов",
    title: "Иссык-Кульский айылный аймак: тарифы",
    compare: "Действующий тариф и другие муниципалитеты",
    current: "Действующий тариф: 25,00 сом",
    oblast: "По области: предлагаемые 35,00 сом",
    country: "По стране: предлагаемые 35,00 сом",
  },
} as const;

for (const lang of ["ky", "ru"] as const) {
  test(`${lang}: approved protocol → register → comparison on a new hearing`, async ({ page }) => {
    const w = WORDS[lang];
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`/${lang}/hearings/${hearingId("IKW2025")}/protocol`);
    await page.getByRole("link", { name: w.register }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/m/issyk-kul-tyup/tariffs$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.title);
    const inForce = page.locator("#in-force").locator("..");
    await expect(inForce).toContainText("25,00");
    await expect(inForce).toContainText("31/2");
    await expect(
      inForce.getByRole("link", { name: /^[0-9A-Z]{5}-[0-9A-Z]{5}$/ }).first(),
    ).toBeVisible();
    await expect(page.locator("svg.step-chart").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );

    await page.goto(`/${lang}/hearings/${hearingId("taza26")}`);
    const cmp = page.locator("section.tariff-compare");
    await expect(cmp.getByRole("heading", { name: w.compare })).toBeVisible();
    await expect(cmp).toContainText(w.current);
    await expect(cmp).toContainText(w.oblast);
    await expect(cmp).toContainText(w.country);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("ru: an official's hand entry keeps the typed values on a refusal", async ({ page }) => {
    await signInWithForm(page, "ru", "official@jyiyn.demo");
    await expect(page.getByRole("link", { name: "Войти" })).toHaveCount(0);
    await page.goto("/ru/m/issyk-kul-tyup/tariffs");
    const form = page.locator("form[enctype='multipart/form-data']");
    await form.getByLabel("Цена, сом (например 25,50)").fill("abc");
    await form.getByLabel("Номер постановления").fill("9/9");
    await form.getByRole("button", { name: "Внести в реестр" }).click();
    await expect(page.getByText("Укажите цену в сомах, например 25 или 25,50.")).toBeVisible();
    await expect(page.getByLabel("Номер постановления")).toHaveValue("9/9");
    await expect(page.getByLabel("Цена, сом (например 25,50)")).toHaveValue("abc");
  });
});
