/**
 * Kept page parts (ADR 0069) as residents meet them: on a signed-in hearing page the proposal
 * and the comment list are rendered once and reused for the next reader, so what is personal
 * must still be each person's own — the name in the header, the edit control on one's own
 * comment, nobody else's. Two residents, one after the other, on the same page.
 */
import { expect, test, type Page } from "@playwright/test";
import { openHearingId, signInAs } from "./helpers";

const card = (page: Page, text: string) =>
  page.locator("article.comment").filter({ hasText: text });

test("a kept comment list stays personal: the author's edit control, the reader's own name", async ({
  browser,
}) => {
  const id = openHearingId();
  const url = `/ky/hearings/${id}`;
  const text = `Суу боюнча сунуш ${Date.now()}`;
  const a = await browser.newContext({ javaScriptEnabled: false });
  const b = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(a, "aigul@jyiyn.demo");
  await signInAs(b, "nurlan@jyiyn.demo");
  const pa = await a.newPage();
  const pb = await b.newPage();

  // the author comments; her page shows the comment with her edit control
  await pa.goto(url);
  await pa.locator("#comment-form").getByLabel("Жактайм", { exact: true }).check();
  await pa.locator("#comment-form").getByLabel("Сын-пикирдин тексти").fill(text);
  await pa.getByRole("button", { name: "Сын-пикирди жөнөтүү" }).click();
  await expect(card(pa, text)).toBeVisible();
  await expect(
    card(pa, text).getByText("Өзгөртүү (жөнөткөндөн кийин 15 мүнөт)", { exact: true }),
  ).toHaveCount(1);

  // the next reader gets the same list (kept), without her edit control, with his own name
  for (let i = 0; i < 2; i++) {
    await pb.goto(url);
    await expect(card(pb, text)).toBeVisible();
    await expect(
      card(pb, text).getByText("Өзгөртүү (жөнөткөндөн кийин 15 мүнөт)", { exact: true }),
    ).toHaveCount(0);
    await expect(pb.locator("header.site-header")).toContainText("Нурлан");
    await expect(pb.locator("header.site-header")).not.toContainText("Айгүл");
  }
  // and she still has hers after he read the list
  await pa.goto(url);
  await expect(
    card(pa, text).getByText("Өзгөртүү (жөнөткөндөн кийин 15 мүнөт)", { exact: true }),
  ).toHaveCount(1);
  await expect(pa.locator("header.site-header")).toContainText("Айгүл");
  // the kept markers never reach the page
  expect(await pa.content()).not.toMatch(/data-kept/);
  await a.close();
  await b.close();
});
