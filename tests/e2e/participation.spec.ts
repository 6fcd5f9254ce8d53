/**
 * Participation in the browser, in Kyrgyz and Russian: comment, reply, vote, change the vote,
 * report; an official answers, hides, records the meeting; the hearing closes and shows results.
 * The test inserts its own hearing with e2eDb(); its comment period began 16 days ago, past the
 * municipality's 14-day minimum, so the official can close it early with the close button.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb, signInAs } from "./helpers";

let hearingId = 0;
let questionId = 0;

test.beforeAll(() => {
  const db = e2eDb();
  try {
    const m = db.prepare("select id from municipalities where slug = 'issyk-kul-tyup'").get() as {
      id: number;
    };
    const official = db
      .prepare("select id from users where email = 'official@jyiyn.demo'")
      .get() as { id: number };
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const r = db
      .prepare(
        `insert into hearings (municipality_id, type, state, short_code, title_ky, title_ru,
          initiator_kind, comment_start_at, comment_end_at, created_by, created_at, updated_at)
         values (?, 'tariff', 'open', ?, ?, ?, 'enterprise', ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        `E2E-P-${now}`,
        "Таштанды чыгаруунун тарифи (e2e)",
        "Тариф на вывоз ТБО (e2e)",
        iso(now - 16 * 864e5),
        iso(now + 10 * 864e5),
        official.id,
        iso(now),
        iso(now),
      );
    hearingId = Number(r.lastInsertRowid);
    db.prepare(
      `insert into tariff_lines (hearing_id, position, service, category, unit, current_price, proposed_price)
       values (?, 1, 'Вывоз ТБО', 'население', 'чел./мес.', 2000, 2500)`,
    ).run(hearingId);
    const q = db
      .prepare(
        `insert into questions (hearing_id, position, title_ky, title_ru, tariff_line_id)
         values (?, 1, 'Сунушту колдойсузбу?', 'Поддерживаете ли вы предложение?', null)`,
      )
      .run(hearingId);
    questionId = Number(q.lastInsertRowid);
  } finally {
    db.close();
  }
});

function votesOf(email: string) {
  const db = e2eDb();
  try {
    return db
      .prepare(
        "select v.choice from votes v join users u on u.id = v.user_id where v.question_id = ? and (u.email = ? or u.phone = ?)",
      )
      .all(questionId, email, email) as { choice: string }[];
  } finally {
    db.close();
  }
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
}

function commentCard(page: Page, text: string) {
  return page.locator("article.comment", { hasText: text }).first();
}

test.describe.serial("participation", () => {
  test("office forms answer where they are at 360 px without JavaScript: a refused removal, the meeting record", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    await signInAs(context, "official@jyiyn.demo");
    const page = await context.newPage();
    const lineId = (() => {
      const db = e2eDb();
      try {
        return (
          db.prepare("select id from tariff_lines where hearing_id = ?").get(hearingId) as {
            id: number;
          }
        ).id;
      } finally {
        db.close();
      }
    })();
    // removing a line of an announced hearing without the reason: refused at that row's form
    await page.goto(`/ky/office/hearings/${hearingId}/lines`);
    const anchor = `removeLine-${lineId}`;
    await page.locator(`#${anchor} button[type=submit]`).click();
    await expect(page).toHaveURL(new RegExp(`#${anchor}$`));
    const summary = page.locator(`#${anchor} .error-summary`);
    await expect(summary).toBeInViewport();
    await expect(summary).toContainText("Төмөнкүлөрдү оңдоңуз:");
    await expect(summary.locator(`a[href='#${anchor}-amendReason']`)).toBeVisible();
    await expect(page.locator(`#${anchor}-amendReason`)).toHaveAttribute("aria-invalid", "true");
    // the meeting's attendance refused at its form, what was typed kept; a saved one lands there
    await page.goto(`/ru/office/hearings/${hearingId}/meeting`);
    await page.locator("#attendance-form-attendance").fill("много");
    await page.getByRole("button", { name: "Сохранить явку" }).click();
    await expect(page).toHaveURL(/#attendance-form$/);
    const att = page.locator("#attendance-form .error-summary");
    await expect(att).toBeInViewport();
    await expect(att.locator("a[href='#attendance-form-attendance']")).toBeVisible();
    await expect(page.locator("#attendance-form-attendance")).toHaveValue("много");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, "nothing wider than the phone").toBeLessThanOrEqual(360);
    await context.close();
  });

  test("ky: a resident comments, votes and changes the vote", async ({ browser }) => {
    const context = await browser.newContext();
    await signInAs(context, "aigul@jyiyn.demo");
    const page = await context.newPage();
    await page.goto(`/ky/hearings/${hearingId}`);
    await expect(page.getByRole("heading", { level: 2, name: "Катышуу" })).toBeVisible();

    // an empty comment: localized errors, nothing lost
    await page.getByRole("button", { name: "Сын-пикирди жөнөтүү" }).click();
    // the message at the field (the error summary above the form repeats it as a link)
    await expect(page.locator("#stance-error")).toContainText("Позицияны тандаңыз");

    await page.locator("#comment-form").getByLabel("Каршымын", { exact: true }).check();
    await page
      .locator("#comment-form")
      .getByLabel("Сын-пикир эмнеге тиешелүү")
      .selectOption({ label: "Вывоз ТБО — население" });
    await page
      .locator("#comment-form")
      .getByLabel("Сын-пикирдин тексти")
      .fill("Тариф өтө кымбат.\nПенсионерлерге жеңилдик керек.");
    await page.getByRole("button", { name: "Сын-пикирди жөнөтүү" }).click();
    const card = commentCard(page, "Тариф өтө кымбат.");
    await expect(card).toBeVisible();
    await expect(card).toContainText("Айгүл Мамытова");
    await expect(card).toContainText("тургун ырасталган");
    await expect(page).toHaveURL(/#comment-\d+$/);

    const vote = page.locator("#vote");
    await vote.getByLabel("Жактайм", { exact: true }).check();
    await vote.getByRole("button", { name: "Добуш берүү" }).click();
    await expect(page.locator("#vote")).toContainText("Сиздин добушуңуз: Жактайм");
    await page.locator("#vote").getByLabel("Каршымын", { exact: true }).check();
    await page.locator("#vote").getByRole("button", { name: "Добушту өзгөртүү" }).click();
    await expect(page.locator("#vote")).toContainText("Сиздин добушуңуз: Каршымын");
    expect(votesOf("aigul@jyiyn.demo")).toEqual([{ choice: "against" }]);
    await expect(page.locator(".participation-counts")).toContainText("1 адам добуш берди");
    await context.close();
  });

  test("ru: another resident comments unnamed, replies, reports, votes and changes it (no JavaScript)", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await signInAs(context, "nurlan@jyiyn.demo");
    const page = await context.newPage();
    await page.goto(`/ru/hearings/${hearingId}`);
    await expect(page.getByRole("heading", { level: 2, name: "Участие" })).toBeVisible();

    await page.locator("#comment-form").getByLabel("Нейтрально").check();
    await page
      .locator("#comment-form")
      .getByLabel("Текст замечания")
      .fill("Сколько раз в неделю будут вывозить мусор?");
    await page.locator("#comment-form").getByLabel("Не показывать моё имя").check();
    await page.getByRole("button", { name: "Отправить замечание" }).click();
    const mine = commentCard(page, "Сколько раз в неделю");
    await expect(mine).toContainText("Житель(ница) села Сары-Булак");
    await expect(mine).not.toContainText("Нурлан");

    const first = commentCard(page, "Тариф өтө кымбат.");
    await first.locator("summary", { hasText: "Ответить" }).click();
    await first.getByLabel("Ваш ответ").fill("Согласен, льгота нужна.");
    await first.getByRole("button", { name: "Отправить ответ" }).click();
    await expect(
      page.locator(".comment-replies article.comment", { hasText: "Согласен, льгота нужна." }),
    ).toBeVisible();

    const again = commentCard(page, "Тариф өтө кымбат.");
    await again.locator("summary", { hasText: "Пожаловаться" }).click();
    await again.getByLabel("Причина жалобы").fill("Проверьте, пожалуйста");
    await again.getByRole("button", { name: "Отправить жалобу" }).click();
    await expect(page).toHaveURL(/reported=\d+/);
    await expect(page.getByText("Жалоба отправлена модератору.")).toBeVisible();

    await page.locator("#vote").getByLabel("Воздержался", { exact: true }).check();
    await page.locator("#vote").getByRole("button", { name: "Проголосовать" }).click();
    await expect(page.locator("#vote")).toContainText("Ваш голос: Воздержался");
    await page.locator("#vote").getByLabel("За", { exact: true }).check();
    await page.locator("#vote").getByRole("button", { name: "Изменить голос" }).click();
    await expect(page.locator("#vote")).toContainText("Ваш голос: За");
    expect(votesOf("nurlan@jyiyn.demo")).toEqual([{ choice: "for" }]);
    await context.close();
  });

  test("an unverified resident may comment but not vote; anonymous sees no totals", async ({
    browser,
  }) => {
    const context = await browser.newContext();
    await signInAs(context, "guest@jyiyn.demo");
    const page = await context.newPage();
    await page.goto(`/ky/hearings/${hearingId}`);
    await expect(page.locator("#vote")).toContainText("ырасталган тургундары гана добуш бере алат");
    await expect(page.locator("#results")).toHaveCount(0);
    // the open page with its forms, at 360 px
    await page.setViewportSize({ width: 360, height: 740 });
    await expectAccessible(page);
    const r = await page.request.get(`/api/v1/hearings/${hearingId}/results?lang=ru`);
    expect(r.status()).toBe(403);
    expect((await r.json()).error.message).toContain("только после закрытия");
    await context.close();
  });

  test("another municipality's official and a resident are refused the officials' pages", async ({
    browser,
  }) => {
    for (const who of ["official.saryoi@jyiyn.demo", "aigul@jyiyn.demo"]) {
      const context = await browser.newContext();
      await signInAs(context, who);
      const page = await context.newPage();
      for (const path of ["comments", "meeting"]) {
        const r = await page.goto(`/ru/office/hearings/${hearingId}/${path}`);
        expect(r?.status()).toBe(403);
      }
      await context.close();
    }
  });

  test("an official answers, hides, records the meeting; after close the results show", async ({
    browser,
  }) => {
    const context = await browser.newContext();
    await signInAs(context, "official@jyiyn.demo");
    const page = await context.newPage();
    await page.goto(`/ky/office/hearings/${hearingId}/comments`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Сын-пикирлер");
    await expect(page.getByTestId("unanswered-count")).toContainText("Жооп берилбеген: 3");
    await expect(page.getByRole("region", { name: "Даттануулар" })).toContainText("Проверьте");

    const first = commentCard(page, "Тариф өтө кымбат.");
    await first.getByLabel("Жооптун статусу").selectOption("partly_accepted");
    await first.getByLabel("Жооптун тексти").fill("Пенсионерлерге 20 % жеңилдик каралат.");
    await first.getByRole("button", { name: "Жоопту сактоо" }).click();
    await expect(page.getByTestId("unanswered-count")).toContainText("Жооп берилбеген: 2");

    const reply = commentCard(page, "Согласен, льгота нужна.");
    await reply.locator("summary", { hasText: "Жашыруу" }).click();
    await reply.getByLabel("Жашыруунун себеби").fill("Тема боюнча эмес");
    await reply.locator("form button", { hasText: "Жашыруу" }).click();
    await expect(commentCard(page, "Согласен, льгота нужна.")).toContainText(
      "Модератор жашырды: Тема боюнча эмес",
    );

    // the public page: answer under the comment, the hidden reply replaced by the reason
    await page.goto(`/ru/hearings/${hearingId}`);
    const pub = commentCard(page, "Тариф өтө кымбат.");
    await expect(pub).toContainText("Принято частично");
    await expect(pub).toContainText("Пенсионерлерге 20 % жеңилдик каралат.");
    await expect(page.getByText("Скрыто модератором: Тема боюнча эмес")).toBeVisible();
    await expect(page.getByText("Согласен, льгота нужна.")).toHaveCount(0);

    // the meeting
    await page.goto(`/ru/office/hearings/${hearingId}/meeting`);
    await page.getByLabel("Число присутствующих").fill("37");
    await page.getByRole("button", { name: "Сохранить явку" }).click();
    await expect(page.getByText("Внесено: Жылдыз Асанова")).toBeVisible();
    await page.getByLabel("Имя выступающего").fill("Токтосун Абдыкадыров");
    await page.getByLabel("Село").selectOption({ label: "Чон-Таш" });
    await page.getByLabel("Позиция выступающего").selectOption("against");
    await page.getByLabel("Что сказал(а)").fill("Сначала новая машина, потом тариф.");
    await page.getByRole("button", { name: "Добавить выступление" }).click();
    await expect(page.locator("#speakers")).toContainText("Токтосун Абдыкадыров");
    const tally = page.locator(`#tally-${questionId}`);
    await tally.getByLabel("За", { exact: true }).fill("20");
    await tally.getByLabel("Против", { exact: true }).fill("12");
    await tally.getByLabel("Воздержался", { exact: true }).fill("5");
    await tally.getByRole("button", { name: "Сохранить подсчёт" }).click();
    await expect(
      page.locator(`#tally-${questionId}`).getByLabel("Против", { exact: true }),
    ).toHaveValue("12");

    // before close: no totals, for the official too
    await page.goto(`/ru/hearings/${hearingId}`);
    await expect(page.locator("#results")).toHaveCount(0);

    // the official closes the hearing early: the link at the end of the page, then the confirmation
    await page.goto(`/ru/office/hearings/${hearingId}`);
    await page.getByRole("link", { name: "Закрыть обсуждение досрочно" }).click();
    await page.getByRole("button", { name: "Да, закрыть обсуждение" }).click();
    await expect(page.getByRole("status").first()).toContainText("Обсуждение закрыто.");
    await page.goto(`/ru/hearings/${hearingId}`);
    const results = page.locator("#results");
    await expect(results.getByRole("heading", { name: "Итоги" })).toBeVisible();
    await expect(results.locator("svg[role=img]")).toHaveCount(1);
    const rows = results.locator("table tbody tr");
    await expect(rows.nth(0)).toContainText("Онлайн");
    await expect(rows.nth(0)).toContainText("1"); // one for (Nurlan), one against (Aigul)
    await expect(rows.nth(1)).toContainText("20");
    await expect(rows.nth(2)).toContainText("21");
    await expect(results).toContainText("37 присутствовавших на собрании");
    // a closed hearing invites nobody: the form gives way to the notice that commenting is over
    await expect(page.locator("#comment-form")).toContainText("Приём замечаний завершён.");
    const api = await page.request.get(`/api/v1/hearings/${hearingId}/results`);
    expect(api.status()).toBe(200);
    const body = await api.json();
    expect(body.questions[0].total).toEqual({ for: 21, against: 13, abstain: 5 });

    // the CSV, as Excel would open it
    const csv = await page.request.get(`/api/v1/hearings/${hearingId}/comments.csv?lang=ru`);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Житель(ница) села Сары-Булак");
    await context.close();
  });

  test("after close, the results part (charts, tables) has no serious accessibility problems at 360 px", async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await signInAs(context, "+996700123456");
    const page = await context.newPage();
    for (const lang of ["ky", "ru"]) {
      await page.goto(`/${lang}/hearings/${hearingId}`);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      const bad = result.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
