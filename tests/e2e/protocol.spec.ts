/**
 * From a closed hearing to an approved protocol downloaded by a council member, in ky and ru:
 * the official drafts and submits, the council secretary approves with a resolution number, the
 * deputy downloads the PDF, whose text shows the resolution number. It starts from an open
 * hearing past its minimum comment period, which the official closes early with the close button.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { e2eDb, signInAs } from "./helpers";

function makeOpenHearing(lang: "ky" | "ru"): number {
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
    const code = `E2E-${lang}-${now}`;
    const h = db
      .prepare(
        `insert into hearings (municipality_id, type, state, short_code, title_ky, title_ru,
          initiator_kind, initiator_name_ky, initiator_name_ru, notice_at, comment_start_at,
          comment_end_at, meeting_at, meeting_place_ky, meeting_place_ru, created_by, created_at,
          updated_at)
         values (?, 'tariff', 'open', ?, ?, ?, 'enterprise', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        code,
        `Таштанды чыгаруу тарифи ${lang} (демо)`,
        `Тариф на вывоз ТБО ${lang} (демо)`,
        "«Таза-Мурас» муниципалдык ишканасы",
        "МП «Таза-Мурас»",
        iso(-20 * day),
        iso(-15 * day),
        iso(3 * day), // still open: ends in three days, but the 14-day minimum has passed
        iso(-2 * day),
        "Ак-Булуң айылындагы маданият үйү",
        "Дом культуры села Ак-Булун",
        official.id,
        iso(-21 * day),
        iso(-21 * day),
      );
    const hearingId = Number(h.lastInsertRowid);
    const line = db
      .prepare(
        `insert into tariff_lines (hearing_id, position, service, category, unit, current_price, proposed_price)
         values (?, 1, 'Таштанды чыгаруу', 'Калк', 'бир адамга айына', 2000, 2500)`,
      )
      .run(hearingId);
    const q = db
      .prepare(
        `insert into questions (hearing_id, position, title_ky, title_ru, tariff_line_id)
         values (?, 1, 'Калк үчүн тарифти бекитүү', 'Утвердить тариф для населения', ?)`,
      )
      .run(hearingId, Number(line.lastInsertRowid));
    db.prepare(
      `insert into comments (hearing_id, source, speaker_name, entered_by, anonymous, author_verified,
        stance, body, created_at, answer_status, answer_text, answered_by, answered_at)
       values (?, 'in_person', 'Асан Мамбетов', ?, 0, 1, 'against', ?, ?, 'partly_accepted', ?, ?, ?)`,
    ).run(
      hearingId,
      official.id,
      "Пенсионерлерге жеңилдик керек.",
      iso(-10 * day),
      "Жеңилдик каралат.",
      official.id,
      iso(-day),
    );
    db.prepare(
      `insert into meeting_records (hearing_id, attendance, held_at, entered_by, updated_at)
       values (?, 41, ?, ?, ?)`,
    ).run(hearingId, iso(-2 * day), official.id, iso(-2 * day));
    db.prepare(
      `insert into meeting_tallies (question_id, hearing_id, for_count, against_count, abstain_count, entered_by, updated_at)
       values (?, ?, 30, 8, 3, ?, ?)`,
    ).run(Number(q.lastInsertRowid), hearingId, official.id, iso(-2 * day));
    return hearingId;
  } finally {
    db.close();
  }
}

for (const lang of ["ky", "ru"] as const) {
  test(`protocol from closing a hearing to approval and download (${lang})`, async ({
    browser,
  }) => {
    // the whole workflow in one test: close, draft, approve, decide, render and read the PDF, two
    // axe runs, two uploads to the verify page. Every step progresses (measured under a load of
    // ~14 on 2 cores: the verify upload answers, the test just ran out of its 60 s at that step),
    // so it gets the time it needs, not a sleep.
    test.slow();
    const hearingId = makeOpenHearing(lang);
    const resolution = `${lang === "ky" ? 17 : 18}/5`;

    // the official closes the hearing early (its minimum comment period is over)
    const off = await browser.newContext();
    await signInAs(off, "official@jyiyn.demo");
    const page = await off.newPage();
    await page.goto(`/${lang}/office/hearings/${hearingId}`);
    await page
      .getByRole("link", {
        name: lang === "ky" ? "Талкуулоону мөөнөтүнөн мурун жабуу" : "Закрыть обсуждение досрочно",
      })
      .click();
    await page
      .getByRole("button", {
        name: lang === "ky" ? "Ооба, талкуулоону жабуу" : "Да, закрыть обсуждение",
      })
      .click();
    await expect(page.getByRole("status").first()).toContainText(
      lang === "ky" ? "Талкуулоо жабылды." : "Обсуждение закрыто.",
    );

    // the official drafts and submits
    await page.goto(`/${lang}/office/hearings/${hearingId}/protocol`);
    await expect(page.locator("h1")).toHaveText(
      lang === "ky" ? "Угуулардын протоколу" : "Протокол слушаний",
    );
    // a bad submit keeps what was typed
    await page.locator('input[name="secretaryName"]').fill("Айнура Үсөнова");
    await page.locator('button[value="save"]').click();
    await expect(
      page.locator(
        "#" + (await page.locator('input[name="chairName"]').getAttribute("id")) + "-error",
      ),
    ).toBeVisible();
    await expect(page.locator('input[name="secretaryName"]')).toHaveValue("Айнура Үсөнова");
    await page.locator('input[name="chairName"]').fill("Бакыт Өмүрбеков");
    await page.locator('textarea[name="conclusionsKy"]').fill("Тарифти бекитүү сунушталат.");
    await page.locator('textarea[name="conclusionsRu"]').fill("Рекомендуется утвердить тариф.");
    await page.locator('button[value="save"]').click();
    await expect(page.getByRole("status").first()).toContainText(
      lang === "ky" ? "Долбоор сакталды." : "Проект сохранён.",
    );
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.locator('button[value="submit"]').click();
    await expect(page.getByRole("status").first()).toContainText(
      lang === "ky" ? "Протокол кеңешке жөнөтүлдү." : "Протокол направлен в кенеш.",
    );
    await off.close();

    // the council secretary approves
    const sec = await browser.newContext();
    await signInAs(sec, "secretary@jyiyn.demo");
    const sp = await sec.newPage();
    await sp.goto(`/${lang}/council`);
    await sp
      // the list names a protocol by its own number and the hearing's title
      .locator(`a[href^="/${lang}/council/protocols/"]`, {
        hasText:
          lang === "ky" ? "Таштанды чыгаруу тарифи ky (демо)" : "Тариф на вывоз ТБО ru (демо)",
      })
      .first()
      .click();
    await expect(sp).toHaveURL(new RegExp(`/${lang}/council/protocols/\\d+$`));
    const protocolUrl = sp.url();
    const axeCouncil = await new AxeBuilder({ page: sp }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axeCouncil.violations.map((v) => v.id)).toEqual([]);
    await sp.locator('input[name="resolutionNumber"]').fill(resolution);
    // the resolution is dated today in Bishkek (UTC+6): not before the hearing closed, not later
    const today = new Date(Date.now() + 6 * 3600_000).toISOString().slice(0, 10);
    await sp.locator('input[name="resolutionDate"]').fill(today);
    await sp.locator('input[name="deputiesFor"]').fill("12");
    await sp.locator('main form[method="post"] button.btn-primary').click();
    await expect(sp.getByRole("status").first()).toContainText(
      lang === "ky" ? "Чечим жазылды." : "Решение записано.",
    );
    await sec.close();

    // a council member downloads the PDF; its text shows the resolution number
    const dep = await browser.newContext({ acceptDownloads: true });
    await signInAs(dep, "deputy@jyiyn.demo");
    const dp = await dep.newPage();
    await dp.goto(protocolUrl);
    await expect(dp.locator("h1")).toBeVisible();
    const [download] = await Promise.all([
      dp.waitForEvent("download"),
      dp.locator(`a[href="/${lang}/hearings/${hearingId}/protocol.pdf"]`).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /Иссык-Кульский айылный аймак|Ысык-Көл айыл аймагы/,
    );
    const dir = mkdtempSync(join(tmpdir(), "jyiyn-e2e-protocol-"));
    const file = join(dir, "p.pdf");
    await download.saveAs(file);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
    expect(text).toContain(resolution);
    expect(text).toContain(
      lang === "ky" ? "Коомдук угуулардын протоколу" : "Протокол публичных слушаний",
    );
    // a changed copy, for the verify page below
    const changed = readFileSync(file);
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    writeFileSync(join(dir, "changed.pdf"), changed);

    // the public page shows it now, with the verify link
    await dp.goto(`/${lang}/hearings/${hearingId}/protocol`);
    await expect(dp.locator("h2").first()).toBeVisible();
    const verifyHref = await dp.locator(`a[href^="/${lang}/verify/"]`).getAttribute("href");
    await dp.locator(`a[href^="/${lang}/verify/"]`).click();
    await expect(dp.locator("h1")).toHaveText(
      lang === "ky" ? "Протоколду текшерүү" : "Проверка протокола",
    );
    await expect(dp.locator("main")).toContainText(resolution);
    const axeVerify = await new AxeBuilder({ page: dp }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axeVerify.violations.map((v) => v.id)).toEqual([]);

    // anyone checks a file there, without JavaScript: the issued file matches, a changed one not
    const anon = await browser.newContext({ javaScriptEnabled: false });
    const vp = await anon.newPage();
    await vp.goto(verifyHref!);
    await vp.locator('input[type="file"]').setInputFiles(file);
    await vp.locator('main form[method="post"] button').click();
    await expect(vp.locator("main .alert-success").last()).toContainText(
      lang === "ky" ? "Дал келди" : "Совпадает",
    );
    await vp.locator('input[type="file"]').setInputFiles(join(dir, "changed.pdf"));
    await vp.locator('main form[method="post"] button').click();
    await expect(vp.locator("main .alert-error")).toContainText(
      lang === "ky" ? "Дал келген жок" : "Не совпадает",
    );
    await anon.close();
    // and the municipality page lists it
    await dp.goto(`/${lang}/m/issyk-kul-tyup`);
    await expect(dp.locator(`a[href="/${lang}/hearings/${hearingId}/protocol"]`)).toBeVisible();
    await dep.close();
  });
}
