/**
 * A refusal no form shows reaches the person in the browser (ADR 0081): a resident opens the edit
 * form of their fresh comment, an official answers it meanwhile, the resident saves — the edit
 * form is gone after the reply (answered means fixed) and the page's own alert says why, and takes
 * focus. The test inserts its own open hearing and comment with e2eDb().
 */
import { expect, test } from "@playwright/test";
import { e2eDb, signInAs } from "./helpers";

let hearingId = 0;
let commentId = 0;

test.beforeAll(() => {
  const db = e2eDb();
  try {
    const m = db.prepare("select id from municipalities where slug = 'issyk-kul-tyup'").get() as {
      id: number;
    };
    const official = db
      .prepare("select id from users where email = 'official@jyiyn.demo'")
      .get() as { id: number };
    const aigul = db.prepare("select id from users where email = 'aigul@jyiyn.demo'").get() as {
      id: number;
    };
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    hearingId = Number(
      db
        .prepare(
          `insert into hearings (municipality_id, type, state, short_code, title_ky, title_ru,
            initiator_kind, comment_start_at, comment_end_at, created_by, created_at, updated_at)
           values (?, 'tariff', 'open', ?, ?, ?, 'enterprise', ?, ?, ?, ?, ?)`,
        )
        .run(
          m.id,
          `E2E-R-${now}`,
          "Суу тарифи (e2e баш тартуу)",
          "Тариф на воду (e2e отказ)",
          iso(now - 2 * 864e5),
          iso(now + 10 * 864e5),
          official.id,
          iso(now),
          iso(now),
        ).lastInsertRowid,
    );
    commentId = Number(
      db
        .prepare(
          `insert into comments (hearing_id, parent_id, source, author_user_id, anonymous,
            author_verified, stance, body, created_at)
           values (?, null, 'online', ?, 0, 1, 'against', 'Тариф слишком высокий (e2e).', ?)`,
        )
        .run(hearingId, aigul.id, iso(now)).lastInsertRowid,
    );
  } finally {
    db.close();
  }
});

test("ru: an edit refused because the comment was answered meanwhile shows the page's alert", async ({
  browser,
}) => {
  const context = await browser.newContext();
  await signInAs(context, "aigul@jyiyn.demo");
  const page = await context.newPage();
  await page.goto(`/ru/hearings/${hearingId}`);
  const card = page.locator(`#comment-${commentId}`);
  await card.getByText("Изменить (15 минут после отправки)").click();
  await card.getByLabel("Текст замечания").fill("Тариф слишком высокий, льгота всем (e2e).");

  // meanwhile the official answers it
  const db = e2eDb();
  try {
    db.prepare(
      "update comments set answer_status = 'accepted', answer_text = 'Принято.', answered_at = ? where id = ?",
    ).run(new Date().toISOString(), commentId);
  } finally {
    db.close();
  }

  await card.getByRole("button", { name: "Сохранить" }).click();
  const alert = page.getByTestId("page-refusal");
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute("role", "alert");
  await expect(alert).toContainText("Запрос не выполнен");
  await expect(alert).toContainText("На это замечание уже ответили");
  await expect(alert).toBeFocused();
  // shown once, above the page's content
  await expect(page.getByText("На это замечание уже ответили")).toHaveCount(1);
  const [a, h] = await Promise.all([
    alert.boundingBox(),
    page.getByRole("heading", { level: 1 }).first().boundingBox(),
  ]);
  expect(a!.y).toBeLessThan(h!.y);
  await context.close();
});
