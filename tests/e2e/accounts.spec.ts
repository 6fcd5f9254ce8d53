import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, e2eDb, signInAs, signInWithForm } from "./helpers";

const T = {
  ky: {
    account: "Жеке кабинет",
    register: "Катталуу",
    verifyTitle: "Жашаган жерди ырастоо",
    verifyLink: "Жашаган жерди ырастоо",
    verified: "Жашаган жериңиз ырасталды",
    verifyBtn: "Ырастоо",
    inviteCreate: "Чакыруу түзүү",
    accept: "Чакырууну кабыл алуу",
    resetSend: "Шилтеме жөнөтүү",
    resetSent: "Почтаңызды текшериңиз",
    resetSave: "Сырсөздү сактоо",
    badCredentials: "Логин же сырсөз туура эмес.",
    signOut: "Чыгуу",
    signIn: "Кирүү",
    registered: "Катталуу кабыл алынды",
  },
  ru: {
    account: "Личный кабинет",
    register: "Зарегистрироваться",
    verifyTitle: "Подтверждение проживания",
    verifyLink: "Подтвердить проживание",
    verified: "Проживание подтверждено",
    verifyBtn: "Подтвердить",
    inviteCreate: "Создать приглашение",
    accept: "Принять приглашение",
    resetSend: "Отправить ссылку",
    signIn: "Войти",
    registered: "Регистрация принята",
    resetSent: "Проверьте почту",
    resetSave: "Сохранить пароль",
    badCredentials: "Неверный логин или пароль.",
    signOut: "Выйти",
  },
} as const;

// free entries of the demo resident list (app/modules/demo/accounts.ts)
const FREE = {
  ky: { pin: "20905199501112", birth: "09.05.1995" },
  ru: { pin: "11812200001314", birth: "18.12.2000" },
} as const;

function villageId(name: string): string {
  const db = e2eDb();
  try {
    const r = db.prepare("select id from villages where name_ky = ?").get(name) as { id: number };
    return String(r.id);
  } finally {
    db.close();
  }
}

async function register(page: Page, lang: "ky" | "ru", login: string, name: string) {
  await page.goto(`/${lang}/register`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("e2e-tuura-syrsoz-2026");
  await page.locator('input[name="displayName"]').fill(name);
  await page.locator('select[name="villageId"]').selectOption(villageId("Ак-Булуң"));
  await page.getByRole("button", { name: T[lang].register, exact: true }).click();
  await signInAfterRegistering(page, lang, login);
  await expect(page).toHaveURL(new RegExp(`/${lang}/account$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T[lang].account);
}

/** Registration answers alike for new and taken logins: it asks to sign in with the new password. */
async function signInAfterRegistering(page: Page, lang: "ky" | "ru", login: string) {
  await expect(page).toHaveURL(new RegExp(`/${lang}/login\\?registered=1`));
  await expect(page.getByText(T[lang].registered)).toBeVisible();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("e2e-tuura-syrsoz-2026");
  await page.getByRole("button", { name: T[lang].signIn, exact: true }).click();
}

for (const lang of ["ky", "ru"] as const) {
  test.describe(`accounts (${lang})`, () => {
    test("registration with a phone, then verification with ПИН and birth date", async ({
      page,
    }) => {
      const phone = lang === "ky" ? "+996 555 000 111" : "0555 000 222";
      await register(page, lang, phone, lang === "ky" ? "Бермет Ысакова" : "Ольга Ким");
      await page.getByRole("link", { name: T[lang].verifyLink }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T[lang].verifyTitle);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
      // a wrong birth date first: localized error, the ПИН kept
      await page.locator('input[name="pin"]').fill(FREE[lang].pin);
      await page.locator('input[name="birthDate"]').fill("01.01.1995");
      await page.getByRole("button", { name: T[lang].verifyBtn, exact: true }).click();
      await expect(page.locator(".field-error")).toBeVisible();
      await expect(page.locator('input[name="pin"]')).toHaveValue(FREE[lang].pin);
      await page.locator('input[name="birthDate"]').fill(FREE[lang].birth);
      await page.getByRole("button", { name: T[lang].verifyBtn, exact: true }).click();
      await expect(page.getByText(T[lang].verified)).toBeVisible();
      const db = e2eDb();
      try {
        const row = db
          .prepare(
            "select v.method from verifications v join users u on u.id = v.user_id where u.phone = ? and v.revoked_at is null",
          )
          .get(lang === "ky" ? "+996555000111" : "+996555000222") as { method: string };
        expect(row.method).toBe("registry");
      } finally {
        db.close();
      }
    });

    test("sign-in through the form, a wrong password refused, sign-out", async ({ page }) => {
      await signInWithForm(page, lang, "deputy@jyiyn.demo", "wrong-password-123");
      await expect(page.getByText(T[lang].badCredentials)).toBeVisible();
      await expect(page.locator('input[name="login"]')).toHaveValue("deputy@jyiyn.demo");
      await signInWithForm(page, lang, "deputy@jyiyn.demo", DEMO_PASSWORD);
      await expect(page.getByRole("link", { name: "Гүлнара Садыкова" })).toBeVisible();
      await page.getByRole("button", { name: T[lang].signOut, exact: true }).click();
      await expect(page.getByRole("link", { name: "Гүлнара Садыкова" })).toHaveCount(0);
    });

    test("invitation link created by the admin and accepted by another person", async ({
      browser,
    }) => {
      const admin = await browser.newContext();
      await signInAs(admin, "admin@jyiyn.demo");
      const ap = await admin.newPage();
      await ap.goto(`/${lang}/admin/roles`);
      const form = ap.locator("form", { has: ap.locator('input[value="invite"]') });
      await form.locator('select[name="municipalityId"]').selectOption({ index: 1 });
      await form.locator('select[name="role"]').selectOption("council_member");
      await form.getByRole("button", { name: T[lang].inviteCreate }).click();
      const link = (await ap.getByTestId("invite-link").textContent())!.trim();
      expect(link).toMatch(new RegExp(`/${lang}/invite/[a-z0-9]+$`));
      await admin.close();

      const person = await browser.newContext();
      const page = await person.newPage();
      const path = new URL(link).pathname;
      await page.goto(path);
      // not signed in: register first (a new account), come back, accept
      const email = `invited-${lang}@e2e.kg`;
      await page
        .getByRole("link", { name: lang === "ky" ? "Катталуу" : "Зарегистрироваться" })
        .last()
        .click();
      await page.locator('input[name="login"]').fill(email);
      await page.locator('input[name="password"]').fill("e2e-tuura-syrsoz-2026");
      await page
        .locator('input[name="displayName"]')
        .fill(lang === "ky" ? "Айбек Токонов" : "Анна Ли");
      await page.locator('select[name="villageId"]').selectOption(villageId("Чоң-Таш"));
      await page.getByRole("button", { name: T[lang].register, exact: true }).click();
      await signInAfterRegistering(page, lang, email);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await page.getByRole("button", { name: T[lang].accept }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account`));
      const db = e2eDb();
      try {
        const r = db
          .prepare(
            "select r.role from roles r join users u on u.id = r.user_id where u.email = ? and r.role = 'council_member'",
          )
          .all(`invited-${lang}@e2e.kg`);
        expect(r.length).toBe(1);
      } finally {
        db.close();
      }
      await person.close();
    });

    test("password reset by an emailed link (read from the outbox)", async ({ page }) => {
      const email = `reset-${lang}@e2e.kg`;
      await register(page, lang, email, lang === "ky" ? "Тынара" : "Тимур");
      await page.getByRole("button", { name: T[lang].signOut, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}$`)); // signed out, back home
      await page.goto(`/${lang}/reset`);
      await page.locator('input[name="login"]').fill(email);
      await page.getByRole("button", { name: T[lang].resetSend }).click();
      await expect(page.getByText(T[lang].resetSent)).toBeVisible();
      const db = e2eDb();
      let body: string;
      try {
        body = (
          db
            .prepare("select text_body from mail_outbox where to_address = ? order by id desc")
            .get(email) as { text_body: string }
        ).text_body;
      } finally {
        db.close();
      }
      const link = /https?:\/\/\S+\/reset\/[a-z0-9]+/.exec(body)![0];
      await page.goto(new URL(link).pathname);
      await page.locator('input[name="password"]').fill("jany-syrsoz-e2e-2026");
      await page.getByRole("button", { name: T[lang].resetSave }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account`));
      await page.getByRole("button", { name: T[lang].signOut, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}$`));
      await signInWithForm(page, lang, email, "jany-syrsoz-e2e-2026");
      await expect(page).toHaveURL(new RegExp(`/${lang}$`));
    });
  });
}

test("the login form works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInWithForm(page, "ru", "secretary@jyiyn.demo", DEMO_PASSWORD);
  await expect(page.getByRole("link", { name: "Эркин Токтогулов" })).toBeVisible();
  await context.close();
});

test("an official sees the residents page; a resident is refused", async ({ browser }) => {
  const official = await browser.newContext();
  await signInAs(official, "official@jyiyn.demo");
  const p = await official.newPage();
  await p.goto("/ky/office/residents");
  await expect(p.getByRole("heading", { level: 1 })).toContainText("Тургундар");
  const axe = await new AxeBuilder({ page: p }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await official.close();
  const resident = await browser.newContext();
  await signInAs(resident, "aigul@jyiyn.demo");
  const r = await resident.newPage();
  const res = await r.goto("/ky/office/residents");
  expect(res?.status()).toBe(403);
  await resident.close();
});

test("a POST with a foreign Origin is refused with 403", async ({ request }) => {
  const foreign = await request.post("/ky/login", {
    headers: { origin: "http://evil.example" },
    form: { login: "official@jyiyn.demo", password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  const same = await request.post("/ky/login", {
    headers: { origin: new URL(foreign.url()).origin },
    form: { login: "official@jyiyn.demo", password: "wrong-password-1" },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(400);
});

test("registration works without JavaScript, errors shown with what was typed", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/ky/register");
  await page.locator('input[name="login"]').fill("nojs@e2e.kg");
  await page.locator('input[name="password"]').fill("1234567890");
  await page.locator('input[name="displayName"]').fill("Жылдыз");
  await page.locator('select[name="villageId"]').selectOption(villageId("Чоң-Таш"));
  await page.getByRole("button", { name: "Катталуу", exact: true }).click();
  await expect(page.getByText("Бул сырсөз өтө кеңири тараган")).toBeVisible();
  await expect(page.locator('input[name="displayName"]')).toHaveValue("Жылдыз");
  await expect(page.locator('input[name="password"]')).toHaveAttribute("aria-invalid", "true");
  await page.locator('input[name="password"]').fill("bir-kyzyl-alma-2026");
  await page.getByRole("button", { name: "Катталуу", exact: true }).click();
  await expect(page).toHaveURL(/\/ky\/login\?registered=1/);
  await page.locator('input[name="login"]').fill("nojs@e2e.kg");
  await page.locator('input[name="password"]').fill("bir-kyzyl-alma-2026");
  await page.getByRole("button", { name: "Кирүү", exact: true }).click();
  await expect(page).toHaveURL(/\/ky\/account$/);
  await context.close();
});

test("an official imports the resident list, verifies in person and issues a reset code", async ({
  browser,
}) => {
  const official = await browser.newContext();
  await signInAs(official, "official@jyiyn.demo");
  const p = await official.newPage();
  await p.goto("/ru/office/residents");
  const csv = [
    "ПИН;Дата рождения;Село",
    "10101198000001;01.01.1980;Ак-Булуң",
    "10101198000002;02.01.1980;Ак-Булуң",
    "10202198100003;02.02.1981;Жок-Айыл",
  ].join("\n");
  await p
    .locator('input[name="file"]')
    .setInputFiles({ name: "tizme.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await p.getByRole("button", { name: "Загрузить" }).click();
  await expect(p).toHaveURL(/\/ru\/office\/residents\/imports\/\d+/);
  await expect(p.getByText("Принято строк: 1, отклонено: 2.")).toBeVisible();
  const rejected = p.getByRole("table");
  // the line number heads its row (a row header on wide screens, the card's heading on phones)
  await expect(rejected.getByRole("rowheader", { name: "3", exact: true })).toBeVisible();
  await expect(rejected.getByRole("rowheader", { name: "4", exact: true })).toBeVisible();

  // a phone resident registers, then comes in person
  const resident = await browser.newContext();
  const rp = await resident.newPage();
  await register(rp, "ru", "+996 777 55 44 33", "Азиз Тургунов");

  await p.goto("/ru/office/residents");
  const vf = p.locator("form", { has: p.locator('input[value="verify"]') });
  await vf.locator('input[name="login"]').fill("+996777554433");
  await vf.locator('input[name="pin"]').fill("10101198000001");
  await vf.locator('input[name="birthDate"]').fill("01.01.1980");
  await vf.getByRole("button", { name: "Подтвердить жителя" }).click();
  await expect(p.getByText("Житель подтверждён.")).toBeVisible();
  await expect(p.getByRole("rowheader", { name: /Азиз Тургунов/ })).toBeVisible();

  const cf = p.locator("form", { has: p.locator('input[value="resetCode"]') });
  await cf.locator('input[name="phone"]').fill("0777 55 44 33");
  await cf.getByRole("button", { name: "Выдать код" }).click();
  const code = (await p.getByTestId("reset-code").textContent())!.trim();
  expect(code).toMatch(/^\d{8}$/);
  await official.close();

  await rp.getByRole("button", { name: "Выйти", exact: true }).click();
  await rp.goto("/ru/reset/code");
  await rp.locator('input[name="phone"]').fill("+996777554433");
  await rp.locator('input[name="code"]').fill(code);
  await rp.locator('input[name="password"]').fill("jany-syrsoz-kod-2026");
  await rp.getByRole("button", { name: "Сохранить пароль" }).click();
  await expect(rp).toHaveURL(/\/ru\/account/);
  await expect(rp.locator(".verified-badge")).toBeVisible();
  await resident.close();
});
