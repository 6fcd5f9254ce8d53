/**
 * An amendment in the browser, in ky and ru (issue 11, ADR 0050): on an open tariff hearing with
 * one vote cast, the official raises the proposed price 35 → 45 сом. Without a reason the form
 * comes back with the message at the reason field and the typed price kept; with one, the vote is
 * set aside, the voter gets a mail in their own language (the outbox), the public page shows what
 * changed and why, and the protocol PDF (pdftotext) reports the vote set aside.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { e2eDb, signInAs } from "./helpers";

interface World {
  hearingId: number;
  lineId: number;
  questionId: number;
  voterEmail: string;
}

/** An open tariff hearing (line: waste collection, population, 30 → 35 сом), one vote cast. */
function makeWorld(lang: "ky" | "ru"): World {
  const db = e2eDb();
  try {
    const m = db.prepare("select id from municipalities where slug = ?").get("issyk-kul-tyup") as {
      id: number;
    };
    const official = db
      .prepare("select id from users where email = ?")
      .get("official@jyiyn.demo") as { id: number };
    const now = Date.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const day = 864e5;
    // the voter reads the portal in the test's language
    const voterEmail = `amend-voter-${lang}-${now}@test.kg`;
    const voter = db
      .prepare(
        `insert into users (email, display_name, password_hash, municipality_id, is_admin, locale,
          created_at, updated_at) values (?, ?, 'x', ?, 0, ?, ?, ?)`,
      )
      .run(voterEmail, `Шайлоочу ${lang}`, m.id, lang, iso(0), iso(0));
    const h = db
      .prepare(
        `insert into hearings (municipality_id, type, state, short_code, title_ky, title_ru,
          initiator_kind, notice_at, comment_start_at, comment_end_at, meeting_at,
          meeting_place_ky, meeting_place_ru, created_by, created_at, updated_at, announced_at)
         values (?, 'tariff', 'open', ?, ?, ?, 'okmotu', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        `AMEND-${lang}-${now}`,
        `Өзгөртүү ${lang} (демо)`,
        `Изменение ${lang} (демо)`,
        iso(-20 * day),
        iso(-15 * day),
        iso(3 * day),
        iso(-2 * day),
        "Маданият үйү",
        "Дом культуры",
        official.id,
        iso(-21 * day),
        iso(-21 * day),
        iso(-20 * day),
      );
    const hearingId = Number(h.lastInsertRowid);
    const line = db
      .prepare(
        `insert into tariff_lines (hearing_id, position, service, category, unit, current_price, proposed_price)
         values (?, 1, 'waste_collection', 'population', 'person_month', 3000, 3500)`,
      )
      .run(hearingId);
    const lineId = Number(line.lastInsertRowid);
    const q = db
      .prepare(
        `insert into questions (hearing_id, position, title_ky, title_ru, tariff_line_id)
         values (?, 1, 'Калк үчүн тарифти бекитүү', 'Утвердить тариф для населения', ?)`,
      )
      .run(hearingId, lineId);
    db.prepare(
      `insert into votes (hearing_id, question_id, user_id, choice, created_at, updated_at)
       values (?, ?, ?, 'for', ?, ?)`,
    ).run(
      hearingId,
      Number(q.lastInsertRowid),
      Number(voter.lastInsertRowid),
      iso(-day),
      iso(-day),
    );
    return { hearingId, lineId, questionId: Number(q.lastInsertRowid), voterEmail };
  } finally {
    db.close();
  }
}

function read<T>(sql: string, ...args: unknown[]): T {
  const db = e2eDb();
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

const T = {
  ky: {
    reasonRequired: "Өзгөртүүнүн себебин жазыңыз",
    changed: "Калк, бир адамга айына: сунушталган 35 → 45 сом",
    subject: "Кайра добуш бериңиз: Өзгөртүү ky (демо)",
    close: "Талкуулоону мөөнөтүнөн мурун жабуу",
    closeConfirm: "Ооба, талкуулоону жабуу",
    setAside: (d: string) => `Өзгөртүү №1 (${d}): 1 добуш эсепке алынган жок`,
  },
  ru: {
    reasonRequired: "Укажите причину изменения",
    changed: "Население, на 1 человека в месяц: предлагаемый 35 → 45 сом",
    subject: "Проголосуйте заново: Изменение ru (демо)",
    close: "Закрыть обсуждение досрочно",
    closeConfirm: "Да, закрыть обсуждение",
    setAside: (d: string) => `Изменение № 1 (${d}): 1 голос не учтён`,
  },
};

for (const lang of ["ky", "ru"] as const) {
  test(`an amendment sets votes aside, tells the voter, shows on the page and in the protocol (${lang})`, async ({
    browser,
  }) => {
    const w = makeWorld(lang);
    const reason = lang === "ky" ? "Күйүүчү май кымбаттады" : "Подорожало топливо";
    const ctx = await browser.newContext();
    await signInAs(ctx, "official@jyiyn.demo");
    const page = await ctx.newPage();
    await page.goto(`/${lang}/office/hearings/${w.hearingId}/lines`);
    const form = () =>
      page.locator(
        `form:has(input[name="intent"][value="updateLine"]):has(input[name="lineId"][value="${w.lineId}"])`,
      );
    await form().locator("xpath=ancestor::details/summary").click();
    await form().locator('input[name="proposedPrice"]').fill("45");

    // no reason: the message at the reason field, the typed price kept, nothing set aside
    await form().locator('button[type="submit"]').click();
    await expect(form().locator('[name="amendReason"]')).toHaveAttribute("aria-invalid", "true");
    await expect(form()).toContainText(T[lang].reasonRequired);
    await expect(form().locator('input[name="proposedPrice"]')).toHaveValue("45");
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    expect(
      read<{ n: number }>(
        "select count(*) as n from votes_set_aside where hearing_id = ?",
        w.hearingId,
      ).n,
    ).toBe(0);

    // with a reason: saved, the vote set aside (kept), the voter mailed in their language
    await form().locator('[name="amendReason"]').fill(reason);
    await form().locator('button[type="submit"]').click();
    await expect(page.getByRole("status").first()).toContainText(
      lang === "ky" ? "Сакталды." : "Сохранено.",
    );
    expect(
      read<{ n: number }>(
        "select count(*) as n from votes_set_aside where hearing_id = ?",
        w.hearingId,
      ).n,
    ).toBe(1);
    expect(
      read<{ n: number }>("select count(*) as n from votes where hearing_id = ?", w.hearingId).n,
    ).toBe(0);
    const mail = read<{ subject: string } | undefined>(
      "select subject from mail_outbox where to_address = ? and kind = 'notify_vote_set_aside'",
      w.voterEmail,
    );
    expect(mail?.subject).toBe(T[lang].subject);

    // the public page: what changed, when, why
    const pub = await browser.newContext();
    const pp = await pub.newPage();
    await pp.goto(`/${lang}/hearings/${w.hearingId}`);
    const box = pp.locator('section[aria-labelledby="amendments-heading"]');
    await expect(box).toContainText(T[lang].changed);
    await expect(box).toContainText(reason);
    await pub.close();

    // the voter, signed in, is asked to vote again on that question
    const voterCtx = await browser.newContext();
    await signInAs(voterCtx, w.voterEmail);
    const vp = await voterCtx.newPage();
    await vp.goto(`/${lang}/hearings/${w.hearingId}`);
    await expect(vp.getByTestId(`vote-again-${w.questionId}`)).toContainText(
      lang === "ky" ? "Кайра добуш бериңиз" : "Проголосуйте заново",
    );
    await voterCtx.close();

    // the protocol reports the vote set aside: close, draft, submit, read the PDF
    await page.goto(`/${lang}/office/hearings/${w.hearingId}`);
    // close early: the link at the end of the page, then the confirmation
    await page.getByRole("link", { name: T[lang].close }).click();
    await page.getByRole("button", { name: T[lang].closeConfirm }).click();
    await expect(page.getByRole("status").first()).toBeVisible();
    await page.goto(`/${lang}/office/hearings/${w.hearingId}/protocol`);
    await page.locator('input[name="chairName"]').fill("Бакыт Өмүрбеков");
    await page.locator('input[name="secretaryName"]').fill("Айнура Үсөнова");
    await page.locator('button[value="save"]').click();
    await expect(page.getByRole("status").first()).toBeVisible();
    // the results on the public page say how many votes the amendment set aside
    const today = new Date(Date.now() + 6 * 3600_000).toISOString().slice(0, 10);
    const [y, mo, d] = today.split("-");
    const results = await browser.newContext();
    const rp = await results.newPage();
    await rp.goto(`/${lang}/hearings/${w.hearingId}`);
    await expect(rp.locator("#results")).toContainText(T[lang].setAside(`${d}.${mo}.${y}`));
    await results.close();
    const res = await page.request.get(`/${lang}/hearings/${w.hearingId}/protocol.pdf`);
    expect(res.status()).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), "jyiyn-e2e-amend-"));
    const file = join(dir, "p.pdf");
    writeFileSync(file, await res.body());
    const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"])
      .toString("utf8")
      .replace(/[\s\u00A0]+/g, " ");
    expect(text).toContain(T[lang].setAside(`${d}.${mo}.${y}`));
    expect(text).toContain(T[lang].changed);
    await ctx.close();
  });
}
