import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL, e2eDb, signInAs } from "./helpers";

const SLUG = "issyk-kul-tyup";
let hearingId = 0;
const CODE = `e2e${Date.now().toString(36)}`;

function userId(email: string): number {
  const db = e2eDb();
  try {
    return (db.prepare("select id from users where email = ?").get(email) as { id: number }).id;
  } finally {
    db.close();
  }
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

test.beforeAll(() => {
  // an announced tariff hearing (the demo seed of this branch has none)
  const db = e2eDb();
  try {
    const m = db.prepare("select id from municipalities where slug = ?").get(SLUG) as {
      id: number;
    };
    const official = userId("official@jyiyn.demo");
    const day = 864e5;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const r = db
      .prepare(
        `insert into hearings (municipality_id, type, state, short_code, title_ky, title_ru, summary_ky, summary_ru,
          initiator_kind, notice_at, comment_start_at, comment_end_at, meeting_at, meeting_place_ky, meeting_place_ru,
          announced_at, created_by, created_at, updated_at)
         values (?, 'tariff', 'announced', ?, ?, ?, ?, ?, 'okmotu', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        CODE,
        "Ичүүчү суунун тарифи (e2e)",
        "Тариф на питьевую воду (e2e)",
        "Суу тарифин өзгөртүү сунушу.",
        "Предложение изменить тариф на воду.",
        iso(now),
        iso(now + 2 * day),
        iso(now + 20 * day),
        iso(now + 22 * day),
        "Айыл өкмөтүнүн жыйындар залы",
        "Зал заседаний айыл окмоту",
        iso(now),
        official,
        iso(now),
        iso(now),
      );
    hearingId = Number(r.lastInsertRowid);
    db.prepare(
      `insert into tariff_lines (hearing_id, position, service, category, unit, current_price, proposed_price)
       values (?, 1, 'Ичүүчү суу', 'Калк / население', 'м³', 1500, 1800)`,
    ).run(hearingId);
    // the demo seed may have given her notifications already: start this test from none unread
    db.prepare("update notifications set read_at = ? where user_id = ? and read_at is null").run(
      iso(now),
      userId("aigul@jyiyn.demo"),
    );
    db.prepare(
      `insert into notifications (user_id, kind, hearing_id, payload_json, created_at, emailed_at)
       values (?, 'hearing_announced', ?, ?, ?, ?)`,
    ).run(
      userId("aigul@jyiyn.demo"),
      hearingId,
      JSON.stringify({
        title: { ky: "Ичүүчү суунун тарифи (e2e)", ru: "Тариф на питьевую воду (e2e)" },
        municipality: { ky: "Ысык-Көл айыл аймагы", ru: "Иссык-Кульский айылный аймак" },
      }),
      iso(now),
      iso(now),
    );
  } finally {
    db.close();
  }
});

test.describe("reach: files, links and feeds", () => {
  test("notice poster, calendar, feed and the short link", async ({ request }) => {
    const pdf = await request.get(`/ky/hearings/${hearingId}/notice.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    const ics = await request.get(`/ru/hearings/${hearingId}/meeting.ics`);
    expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const cal = await ics.text();
    expect(cal).toContain("BEGIN:VEVENT\r\n");
    expect(cal).toMatch(/DTSTART;TZID=Asia\/Bishkek:\d{8}T\d{6}\r\n/);

    const feed = await request.get(`/ru/m/${SLUG}/feed.atom`);
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    expect(xml).toContain("Новые публичные слушания: Тариф на питьевую воду (e2e)");
    expect(xml).toContain(`href="${BASE_URL}/ru/hearings/${hearingId}"`);

    const short = await request.get(`/h/${CODE}`, {
      maxRedirects: 0,
      headers: { "accept-language": "ru-RU,ru;q=0.9" },
    });
    expect(short.status()).toBe(302);
    expect(short.headers()["location"]).toBe(`/ru/hearings/${hearingId}`);
    const missing = await request.get("/h/nope-nope", { maxRedirects: 0 });
    expect(missing.status()).toBe(404);
  });
});

test("every link in the feeds of every municipality, in ky and ru, leads to a page that exists", async ({
  request,
}) => {
  const db = e2eDb();
  let slugs: string[];
  try {
    slugs = (
      db
        .prepare(
          "select distinct m.slug from municipalities m join hearings h on h.municipality_id = m.id where h.state <> 'draft'",
        )
        .all() as { slug: string }[]
    ).map((r) => r.slug);
  } finally {
    db.close();
  }
  expect(slugs.length).toBeGreaterThan(0);
  const seen = new Set<string>();
  for (const slug of slugs)
    for (const lang of ["ky", "ru"]) {
      const feed = await request.get(`/${lang}/m/${slug}/feed.atom`);
      expect(feed.status()).toBe(200);
      const xml = await feed.text();
      for (const m of xml.matchAll(/<link [^>]*href="([^"]+)"/g))
        seen.add(m[1].replace(/&amp;/g, "&"));
    }
  // the demo has an open hearing, a closed one with results and an approved protocol
  expect([...seen].some((u) => u.includes("#results"))).toBe(true);
  expect([...seen].some((u) => u.endsWith("/protocol"))).toBe(true);
  for (const url of seen) {
    expect(url.startsWith(BASE_URL)).toBe(true);
    const [path, fragment] = url.slice(BASE_URL.length).split("#");
    const r = await request.get(path);
    expect(r.status(), url).toBe(200);
    if (fragment) expect(await r.text(), url).toContain(`id="${fragment}"`);
  }
});

test.describe("reach: subscriptions and notifications", () => {
  test("a resident subscribes from the municipality page, without JavaScript", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await signInAs(context, "guest@jyiyn.demo");
    const page = await context.newPage();
    await page.goto(`/ky/m/${SLUG}`);
    await expect(
      page.locator('link[rel="alternate"][type="application/atom+xml"]'),
    ).toHaveAttribute("href", `/ky/m/${SLUG}/feed.atom`);
    await page.getByRole("button", { name: "Жазылуу", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/ky/m/${SLUG}$`));
    await expect(page.getByRole("button", { name: "Жазылууну токтотуу" })).toBeVisible();
    const db = e2eDb();
    try {
      const row = db
        .prepare("select count(*) as n from subscriptions where user_id = ?")
        .get(userId("guest@jyiyn.demo")) as { n: number };
      expect(row.n).toBe(1);
    } finally {
      db.close();
    }
    await context.close();
  });

  test("anonymous visitors are sent to sign in before subscribing", async ({ page }) => {
    await page.goto(`/ru/m/${SLUG}`);
    await page.getByRole("button", { name: "Подписаться" }).click();
    await expect(page).toHaveURL(/\/ru\/login\?redirectTo=/);
  });

  test("the notification list shows the unread count and marks read", async ({ context, page }) => {
    await signInAs(context, "aigul@jyiyn.demo");
    await page.goto("/ru/notifications");
    await expect(page).toHaveTitle(/Уведомления · Жыйын/);
    await expect(page.getByText("1 непрочитанное")).toBeVisible();
    await expect(
      page.getByRole("link", {
        name: /объявлены новые публичные слушания — «Тариф на питьевую воду \(e2e\)»/,
      }),
    ).toHaveAttribute("href", `/ru/hearings/${hearingId}`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Отметить как прочитанное" }).click();
    await expect(page.getByText("0 непрочитанных")).toBeVisible();
  });

  test("preferences are saved (daily digest) and shown again", async ({ context, page }) => {
    await signInAs(context, "nurlan@jyiyn.demo");
    await page.goto("/ky/account/notifications");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Билдирүүлөр жана жазылуулар");
    await expectAccessible(page);
    await page.getByLabel("Угуулардын жыйынтыгы").uncheck();
    await page.getByLabel("Каттарды жөнөтпөө (порталда гана)").check();
    await page.getByRole("button", { name: "Сактоо" }).click();
    await expect(page.getByText("Сакталды.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Угуулардын жыйынтыгы")).not.toBeChecked();
    await expect(page.getByLabel("Каттарды жөнөтпөө (порталда гана)")).toBeChecked();
  });

  test("one-click unsubscribe from a mail link, without signing in", async ({ page }) => {
    const id = userId("aigul@jyiyn.demo");
    const db = e2eDb();
    let salt: string;
    try {
      salt = (
        db.prepare("select unsubscribe_salt from notification_prefs where user_id = ?").get(id) as {
          unsubscribe_salt: string;
        }
      ).unsubscribe_salt;
    } finally {
      db.close();
    }
    const secret = process.env.REGISTRY_SECRET ?? "jyiyn-development-registry-secret";
    const token = `${id}.${createHmac("sha256", `unsubscribe:${secret}`).update(`${id}:${salt}`).digest("base64url")}`;
    await page.goto(`/ky/unsubscribe/${token}`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ооба, баш тартам" }).click();
    await expect(page.getByText("Даяр: мындан ары сизге каттар жөнөтүлбөйт.")).toBeVisible();
    const after = e2eDb();
    try {
      const row = after
        .prepare("select delivery from notification_prefs where user_id = ?")
        .get(id) as { delivery: string };
      expect(row.delivery).toBe("none");
    } finally {
      after.close();
    }
    const bad = await page.goto("/ky/unsubscribe/1.notavalidtokenatall0000");
    expect(bad?.status()).toBe(404);
    await expect(page.getByText("Шилтеме жараксыз же эскирген.")).toBeVisible();
  });
});
