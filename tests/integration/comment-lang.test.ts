/**
 * Issue 14: a comment records the language of the page it was written on (comments.lang,
 * migration 2026-11-30_70), and the card shows it: `lang` on the text, a small marker in the meta
 * line. Real database (SQLite or PostgreSQL by TEST_DB), real route actions, real i18n.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { createI18n } from "~/modules/i18n/instance";
import { bundleFor } from "~/modules/i18n/resources.server";
import { CommentBody, CommentMeta } from "~/modules/participation/components";
import { listComments, type CommentView } from "~/modules/participation/queries.server";
import { action } from "~/routes/$lang.hearings.$id._index";
import { action as meetingAction } from "~/routes/$lang.office.hearings.$id.meeting";
import type { TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import {
  withParticipationWorld,
  type FixtureHearing,
  type World,
} from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
let h: FixtureHearing;
const OPEN = "2026-03-05T06:00:00.000Z";

withParticipationWorld((x) => ({ t, w, h } = x));

async function post(lang: "ky" | "ru", form: Record<string, string>) {
  const r = (await action({
    request: makeRequest(`/${lang}/hearings/${h.id}?index`, { cookie: w.cookies.resident, form }),
    params: { lang, id: String(h.id) },
    context: {},
  })) as Response;
  expect(r.status).toBe(302);
  return Number(r.headers.get("location")!.split("-").pop());
}
const langOf = async (id: number) =>
  (await t.db.selectFrom("comments").select("lang").where("id", "=", id).executeTakeFirstOrThrow())
    .lang;

function card(c: CommentView, lang: "ky" | "ru") {
  const i18n = createI18n(lang, bundleFor(lang));
  return renderToString(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(CommentMeta, { c, labels: { lines: {}, sections: {} } }),
      createElement(CommentBody, { c }),
    ),
  );
}

describe(`the language of a comment (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("is the language of the page it was posted on: comment, reply, meeting speaker", async () => {
    setClock(OPEN);
    const ru = await post("ru", { intent: "comment", stance: "for", body: "Согласен с тарифом." });
    const ky = await post("ky", {
      intent: "reply",
      parentId: String(ru),
      body: "Мен да макулмун.",
    });
    expect(await langOf(ru)).toBe("ru");
    expect(await langOf(ky)).toBe("ky");

    setClock("2026-03-10T13:00:00.000Z");
    const meeting = (form: Record<string, string>) =>
      meetingAction({
        request: makeRequest(`/ru/office/hearings/${h.id}/meeting`, {
          cookie: w.cookies.official,
          form,
        }),
        params: { lang: "ru", id: String(h.id) },
        context: {},
      }) as Promise<Response>;
    expect(
      (
        await meeting({
          intent: "attendance",
          attendance: "12",
          heldDate: "2026-03-10",
          heldTime: "18:00",
        })
      ).status,
    ).toBe(302);
    const sp = await meeting({
      intent: "speaker",
      speakerName: "Токтосун",
      villageId: "",
      stance: "against",
      target: "",
      body: "Дорого для пенсионеров.",
    });
    expect(sp.status).toBe(302);
    const speaker = await t.db
      .selectFrom("comments")
      .select("lang")
      .where("source", "=", "in_person")
      .executeTakeFirstOrThrow();
    expect(speaker.lang).toBe("ru");
  });

  it("is shown on the card: lang on the text, a marker in the reader's language", async () => {
    const page = await listComments(t.db, h.id, { lang: "ky", mode: "thread" });
    const c = page.items.find((x) => x.text === "Согласен с тарифом.")!;
    expect(c.textLang).toBe("ru");
    const ky = card(c, "ky");
    expect(ky).toContain('lang="ru"');
    expect(ky).toContain("орусча жазылган");
    expect(card(c, "ru")).toContain("написано по-русски");
    // unknown (comments from before the column): no marker, no lang attribute
    const unknown = card({ ...c, textLang: null }, "ru");
    expect(unknown).not.toContain("написано");
    expect(unknown).not.toContain('lang="');
  });

  it("the column takes only ky, ru or nothing", async () => {
    await expect(
      t.db
        .updateTable("comments")
        .set({ lang: "en" as "ky" })
        .where("hearing_id", "=", h.id)
        .execute(),
    ).rejects.toThrow();
  });
});
