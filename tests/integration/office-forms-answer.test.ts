/**
 * The officials' forms answer where they are without JavaScript (issue 14): the real route action
 * runs on the real database, its reply is rendered with the real page component (Remix's hooks
 * replaced by the loader's data and the action's reply), and the HTML is read as a browser without
 * scripts gets it — each form posts to its own anchor, a refusal's summary sits at the top of the
 * form that was sent and links to its fields (typed values kept), and a success notice sits in the
 * form that was saved (at the page's top only when that form is gone).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";

const state: { data: unknown; reply: unknown; path: string } = {
  data: null,
  reply: undefined,
  path: "/",
};
vi.mock("@remix-run/react", () => ({
  useLoaderData: () => state.data,
  useActionData: () => state.reply,
  useFormAction: () => state.path,
  Form: ({ children, ...p }: { children?: ReactNode }) => createElement("form", p, children),
  Link: ({ to, children, preventScrollReset: _, ...p }: Record<string, unknown>) =>
    createElement("a", { href: to, ...p }, children as ReactNode),
}));

import { setClock } from "~/modules/core/clock.server";
import { StateActions } from "~/modules/hearings/edit/StateActions";
import { createI18n } from "~/modules/i18n/instance";
import { bundleFor } from "~/modules/i18n/resources.server";
import * as linesRoute from "~/routes/$lang.office.hearings.$id.lines";
import * as meetingRoute from "~/routes/$lang.office.hearings.$id.meeting";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import {
  insertHearing,
  makeWorld,
  type FixtureHearing,
  type World,
} from "../helpers/participation-fixtures";

let t: TestDb;
let w: World;
/** the hearing of the language being tested (each language removes its own lines) */
let h: FixtureHearing;
const hs = {} as Record<Lang, FixtureHearing>;

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  hs.ky = await insertHearing(t.db, w.m, w.official);
  hs.ru = await insertHearing(t.db, w.m, w.official);
  setClock("2026-03-05T06:00:00.000Z");
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

type Lang = "ky" | "ru";
const args = (request: Request, lang: Lang) =>
  ({ request, params: { lang, id: String(h.id) }, context: {} }) as never;

/** A loader's or action's value as the page gets it (`data()` unwrapped; a redirect as such). */
async function value(p: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const r = (await p) as { type?: string; data?: unknown; init?: { status?: number } };
  if (r instanceof Response) return { status: r.status, body: null };
  if (r && r.type === "DataWithResponseInit")
    return { status: r.init?.status ?? 200, body: r.data };
  return { status: 200, body: r };
}

/** Posts `form` to the office page `page` and renders that page's reply as HTML. */
async function postAndRender(
  route: { loader: (a: never) => Promise<unknown>; action: (a: never) => Promise<unknown> },
  Page: () => ReactNode,
  page: string,
  lang: Lang,
  form: Record<string, string>,
) {
  const path = `/${lang}/office/hearings/${h.id}/${page}`;
  const reply = await value(
    route.action(args(makeRequest(path, { cookie: w.cookies.official, form }), lang)),
  );
  state.reply = reply.body;
  state.path = path;
  state.data = (
    await value(route.loader(args(makeRequest(path, { cookie: w.cookies.official }), lang)))
  ).body;
  const i18n = createI18n(lang, bundleFor(lang));
  const html = renderToString(createElement(I18nextProvider, { i18n }, createElement(Page)));
  return { status: reply.status, html, path };
}

/** The HTML of the form with id `id` (forms do not nest: up to the next `</form>`). */
function formHtml(html: string, id: string): string {
  const start = html.search(new RegExp(`<form[^>]*\\bid="${id}"`));
  expect(start, `form #${id} on the page`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</form>", start) + "</form>".length);
}

const texts = {
  ky: { summary: "Төмөнкүлөрдү оңдоңуз:", saved: "Сакталды." },
  ru: { summary: "Исправьте, пожалуйста:", saved: "Сохранено." },
} as const;

describe.each(["ky", "ru"] as const)("office forms without JavaScript (%s)", (lang) => {
  beforeAll(() => {
    h = hs[lang];
  });

  it("a refused removal opens at its own form: summary linking to the reason, reason kept", async () => {
    const lineId = h.lineIds[0];
    const anchor = `removeLine-${lineId}`;
    const long = "ы".repeat(1001);
    const { status, html, path } = await postAndRender(
      linesRoute,
      linesRoute.default,
      "lines",
      lang,
      { intent: "removeLine", _anchor: anchor, lineId: String(lineId), amendReason: long },
    );
    expect(status).toBe(400);
    const form = formHtml(html, anchor);
    expect(form).toContain(`action="${path}#${anchor}"`);
    expect(form).toContain(texts[lang].summary);
    expect(form).toMatch(new RegExp(`class="error-summary"[^]*href="#${anchor}-amendReason"`));
    expect(form).toMatch(new RegExp(`<input[^>]*id="${anchor}-amendReason"[^>]*value="${long}"`));
    // the other line's form is untouched, and nothing at the page's top
    expect(formHtml(html, `removeLine-${h.lineIds[1]}`)).not.toContain("error-summary");
    expect(html.slice(0, html.indexOf("<form"))).not.toContain('role="alert"');
  });

  it("a saved edit shows its notice in the form that was saved, not at the top", async () => {
    const lineId = h.lineIds[1];
    const anchor = `updateLine-${lineId}`;
    const { status, html } = await postAndRender(linesRoute, linesRoute.default, "lines", lang, {
      intent: "updateLine",
      _anchor: anchor,
      lineId: String(lineId),
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: "25",
      proposedPrice: "35",
      amendReason: "Кымбаттады / Подорожало",
    });
    expect(status).toBe(200);
    const form = formHtml(html, anchor);
    expect(form).toMatch(new RegExp(`role="status"[^>]*>${texts[lang].saved}<`));
    // its row is unfolded so the notice is seen, and the top has no second notice
    expect(html).toMatch(new RegExp(`<details open=""><summary>[^]*?id="${anchor}"`));
    expect(html.split(texts[lang].saved)).toHaveLength(2);
  });

  it("a removed row's notice is at the page's top (its form is gone)", async () => {
    const lineId = h.lineIds[0];
    const anchor = `removeLine-${lineId}`;
    const { status, html } = await postAndRender(linesRoute, linesRoute.default, "lines", lang, {
      intent: "removeLine",
      _anchor: anchor,
      _notice: "page",
      lineId: String(lineId),
      amendReason: "Кызмат жок / Услуги нет",
    });
    expect(status).toBe(200);
    expect(html).not.toContain(`id="${anchor}"`);
    const top = html.slice(0, html.indexOf("<form"));
    expect(top).toMatch(new RegExp(`role="status"[^>]*>${texts[lang].saved}<`));
  });

  it("a refused meeting record opens at its form with the summary linking to the fields", async () => {
    const { status, html, path } = await postAndRender(
      meetingRoute,
      meetingRoute.default,
      "meeting",
      lang,
      { intent: "attendance", attendance: "көп", heldDate: "", heldTime: "", notes: "жазуу" },
    );
    expect(status).toBe(400);
    const form = formHtml(html, "attendance-form");
    expect(form).toContain(`action="${path}#attendance-form"`);
    expect(form).toContain(texts[lang].summary);
    expect(form).toMatch(/class="error-summary"[^]*href="#attendance-form-attendance"/);
    expect(form).toMatch(/<input[^>]*id="attendance-form-attendance"[^>]*value="көп"/);
    expect(form).toContain("жазуу");
    // the speaker's and the tallies' forms answer at their own anchors, with no summary
    expect(formHtml(html, "speaker-form")).toContain(`action="${path}#speaker-form"`);
    expect(formHtml(html, "speaker-form")).not.toContain("error-summary");
    const tally = `tally-${h.questionIds[0]}`;
    expect(formHtml(html, tally)).toContain(`action="${path}#${tally}"`);
  });

  it("a refused speaker and tally show their summaries at their own forms", async () => {
    const sp = await postAndRender(meetingRoute, meetingRoute.default, "meeting", lang, {
      intent: "speaker",
      speakerName: "Бакыт",
      stance: "for",
      body: "",
    });
    expect(sp.status).toBe(400);
    const form = formHtml(sp.html, "speaker-form");
    expect(form).toMatch(/class="error-summary"[^]*href="#speaker-form-body"/);
    expect(form).toMatch(/<input[^>]*id="speaker-form-speakerName"[^>]*value="Бакыт"/);
    expect(formHtml(sp.html, "attendance-form")).not.toContain("error-summary");
    const q = h.questionIds[0];
    const ta = await postAndRender(meetingRoute, meetingRoute.default, "meeting", lang, {
      intent: "tally",
      questionId: String(q),
      for: "-3",
      against: "0",
      abstain: "0",
    });
    expect(ta.status).toBe(400);
    expect(formHtml(ta.html, `tally-${q}`)).toMatch(
      new RegExp(`class="error-summary"[^]*href="#tally-${q}-for"`),
    );
  });
});

describe("the office's danger section names what it offers", () => {
  const render = (lang: Lang, st: "open" | "announced") => {
    state.reply = undefined;
    state.path = `/${lang}/office/hearings/1`;
    const i18n = createI18n(lang, bundleFor(lang));
    return renderToString(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(StateActions, {
          id: 1,
          state: st,
          // the policy's answers: closing early applies only while open, cancelling until closed
          actions: {
            announce: { offered: false, refusal: null },
            close: { offered: st === "open", refusal: null },
            cancel: { offered: true, refusal: null },
          },
          missing: [],
          due: null,
          confirm: null,
        }),
      ),
    );
  };
  const heading = (html: string) => /id="danger-heading"[^>]*>([^<]*)</.exec(html)?.[1];

  it.each([
    ["ru", "open", "Досрочное закрытие или отмена"],
    ["ru", "announced", "Отмена слушаний"],
    ["ky", "open", "Мөөнөтүнөн мурун жабуу же жокко чыгаруу"],
    ["ky", "announced", "Угууларды жокко чыгаруу"],
  ] as const)("%s, %s: %s", (lang, st, text) => {
    const html = render(lang, st);
    expect(heading(html)).toBe(text);
    expect(html.includes("?confirm=close")).toBe(st === "open");
  });
});
