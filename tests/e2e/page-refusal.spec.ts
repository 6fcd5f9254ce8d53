/**
 * A refused post keeps its form, its message and the typed text at its comment, with and without
 * JavaScript, also when the form would no longer be offered: a resident saves an edit of a comment
 * an official answered meanwhile (answered means fixed); a resident without JavaScript replies to
 * a comment the moderator hid meanwhile. The page's own alert (ADR 0081) stays for refusals no
 * form can show. The test inserts its own open hearing and comments with e2eDb().
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

test("ru: an edit refused because the comment was answered meanwhile keeps its form, message and text", async ({
  browser,
}) => {
  const context = await browser.newContext();
  await signInAs(context, "aigul@jyiyn.demo");
  const page = await context.newPage();
  await page.goto(`/ru/hearings/${hearingId}`);
  const card = page.locator(`#comment-${commentId}`);
  await card.getByText("Изменить (15 минут после отправки)").click();
  const typed = "Тариф слишком высокий, льгота всем (e2e).";
  await card.getByLabel("Текст замечания").fill(typed);

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
  // the edit form stays at its comment, open, with the reason and what was typed
  await expect(card.getByText("На это замечание уже ответили")).toBeVisible();
  await expect(card.getByLabel("Текст замечания")).toHaveValue(typed);
  // shown once: the page's own alert does not repeat it
  await expect(page.getByText("На это замечание уже ответили")).toHaveCount(1);
  await expect(page.getByTestId("page-refusal")).toHaveCount(0);
  await context.close();
});

test("ru, no JavaScript: a reply to a comment hidden meanwhile comes back open with the reason and the text", async ({
  browser,
}) => {
  const db = e2eDb();
  let target: number;
  try {
    const aigul = db.prepare("select id from users where email = 'aigul@jyiyn.demo'").get() as {
      id: number;
    };
    target = Number(
      db
        .prepare(
          `insert into comments (hearing_id, parent_id, source, author_user_id, anonymous,
            author_verified, stance, body, created_at)
           values (?, null, 'online', ?, 0, 1, 'for', 'Комментарий, который скроют (e2e).', ?)`,
        )
        .run(hearingId, aigul.id, new Date().toISOString()).lastInsertRowid,
    );
  } finally {
    db.close();
  }
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, "aigul@jyiyn.demo");
  const page = await context.newPage();
  await page.goto(`/ru/hearings/${hearingId}`);
  const card = page.locator(`#comment-${target}`);
  await card.locator("summary", { hasText: "Ответить" }).click();
  const typed = "Не согласна, и вот почему (e2e).";
  await card.getByLabel("Ваш ответ").fill(typed);

  // meanwhile the moderator hides it
  const db2 = e2eDb();
  try {
    db2
      .prepare("update comments set hidden_at = ?, hidden_reason = 'e2e' where id = ?")
      .run(new Date().toISOString(), target);
  } finally {
    db2.close();
  }

  await card.getByRole("button", { name: "Отправить ответ" }).click();
  await expect(page).toHaveURL(new RegExp(`#comment-${target}$`));
  const after = page.locator(`#comment-${target}`);
  await expect(after.getByText("Отвечать на замечание, скрытое модератором, нельзя")).toBeVisible();
  await expect(after.getByLabel("Ваш ответ")).toHaveValue(typed);
  await context.close();
});
