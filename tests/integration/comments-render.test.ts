/**
 * Renders the real hearing participation route (loader data from the real loader) to HTML and
 * checks that comment text with script payloads comes out inert. Remix's hooks are replaced by
 * the loader's data; everything else (components, i18n, escaping) is the real thing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";

const state: { data: unknown } = { data: null };
vi.mock("@remix-run/react", () => ({
  useLoaderData: () => state.data,
  useActionData: () => undefined,
  Form: ({ children, ...p }: { children?: ReactNode }) => createElement("form", p, children),
  Link: ({ to, children, ...p }: { to: string; children?: ReactNode }) =>
    createElement("a", { href: to, ...p }, children),
}));

import { setClock } from "~/modules/core/clock.server";
import { loadSessionUser } from "~/modules/auth/session.server";
import { createI18n } from "~/modules/i18n/instance";
import { bundleFor } from "~/modules/i18n/resources.server";
import { createComment, answerComment } from "~/modules/participation/commands.server";
import Page, { loader } from "~/routes/$lang.hearings.$id._index";
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
let h: FixtureHearing;
const payloads = [
  `<script>alert("x")</script>`,
  `<img src=x onerror=alert(1)>`,
  `"><svg onload=alert(1)>`,
  `javascript:alert(1)`,
  `{{constructor.constructor('alert(1)')()}}`,
];

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  h = await insertHearing(t.db, w.m, w.official);
  setClock("2026-03-05T06:00:00.000Z");
  const resident = (await loadSessionUser(t.db, w.resident))!;
  const official = (await loadSessionUser(t.db, w.official))!;
  for (const p of payloads) {
    const id = await createComment(t.db, resident, {
      hearingId: h.id,
      stance: "against",
      body: `Пикир ${p}\nэкинчи сап`,
      anonymous: false,
    });
    await answerComment(t.db, official, id, "not_relevant", `Жооп ${p}`);
  }
  await t.db
    .updateTable("users")
    .set({ display_name: `<b onmouseover=alert(1)>Айгүл</b>` })
    .where("id", "=", w.resident)
    .execute();
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

async function render(lang: "ky" | "ru") {
  state.data = await loader({
    request: makeRequest(`/${lang}/hearings/${h.id}`, { cookie: w.cookies.unverified }),
    params: { lang, id: String(h.id) },
    context: {},
  });
  const i18n = createI18n(lang, bundleFor(lang));
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(Page)));
}

describe("comments render inert", () => {
  it("escapes every payload in text, answers and author names (ky and ru)", async () => {
    for (const lang of ["ky", "ru"] as const) {
      const html = await render(lang);
      expect(html).toContain("<h2");
      expect(html).not.toMatch(/<script>alert/);
      expect(html).not.toMatch(/<img src=x/);
      expect(html).not.toMatch(/<svg onload/);
      expect(html).not.toMatch(/<b onmouseover/);
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(html).toContain("&lt;b onmouseover=alert(1)&gt;Айгүл&lt;/b&gt;");
      expect(html).not.toMatch(/href="javascript:/);
      // the plain-text body keeps its line break for CSS pre-line
      expect(html).toMatch(/class="comment-body pre-line"[^>]*>Пикир [^<]*\nэкинчи сап</);
    }
  });
});
