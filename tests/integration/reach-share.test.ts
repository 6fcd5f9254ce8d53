import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "~/modules/i18n/instance";
import { bundleFor } from "~/modules/i18n/resources.server";
import { ShareLinks } from "~/modules/reach/ShareLinks";
import { shareMeta, telegramUrl, whatsappUrl } from "~/modules/reach/share";
import { loader as shortLoader } from "~/routes/h.$code";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import { makeHearing, reachWorld, type ReachWorld } from "../helpers/reach-fixtures";

function render(lang: "ky" | "ru", props: Parameters<typeof ShareLinks>[0]): string {
  const i18n = createI18n(lang, bundleFor(lang));
  return renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(ShareLinks, props)),
  );
}
const metaKey = (t: object) => {
  const r = t as { property?: string; name?: string };
  return r.property ?? r.name;
};
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));

describe("share links", () => {
  it("WhatsApp and Telegram links carry a localized, encoded message and the short link", () => {
    const html = render("ky", {
      title: "Таштанды чыгаруу тарифи & «Таза-Мурас»",
      shortUrl: "https://jyiyn.kg/h/tyup24",
      deadline: "20.12.2026",
    });
    const [wa, tg, short] = hrefs(html);
    expect(wa.startsWith("https://wa.me/?text=")).toBe(true);
    const waText = decodeURIComponent(wa.slice("https://wa.me/?text=".length));
    expect(waText).toBe(
      "Коомдук угуулар: «Таштанды чыгаруу тарифи & «Таза-Мурас»». Сын-пикирлер 20.12.2026 чейин кабыл алынат: https://jyiyn.kg/h/tyup24",
    );
    expect(wa).not.toMatch(/[ «»]/);
    const tgUrl = new URL(tg);
    expect(tgUrl.origin + tgUrl.pathname).toBe("https://t.me/share/url");
    expect(tgUrl.searchParams.get("url")).toBe("https://jyiyn.kg/h/tyup24");
    expect(tgUrl.searchParams.get("text")).toContain("Таштанды чыгаруу тарифи & «Таза-Мурас»");
    // the & in the title is encoded, so it cannot cut the query string
    expect(tg).toContain("%26");
    expect(short).toBe("https://jyiyn.kg/h/tyup24");
    expect(html).toContain("WhatsApp аркылуу бөлүшүү");
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("has a results message in Russian", () => {
    const html = render("ru", {
      title: "Тариф на воду",
      shortUrl: "https://jyiyn.kg/h/x1",
      kind: "results",
    });
    const tg = new URL(hrefs(html)[1]);
    expect(tg.searchParams.get("text")).toBe("Итоги публичных слушаний «Тариф на воду»:");
    expect(html).toContain("Поделиться в Telegram");
  });

  it("builders encode every reserved character", () => {
    const target = { url: "https://jyiyn.kg/h/a?b=1&c=2", text: "A & B #1 / 100%" };
    expect(whatsappUrl(target)).toBe(
      "https://wa.me/?text=A%20%26%20B%20%231%20%2F%20100%25%20https%3A%2F%2Fjyiyn.kg%2Fh%2Fa%3Fb%3D1%26c%3D2",
    );
    expect(telegramUrl(target)).toBe(
      "https://t.me/share/url?url=https%3A%2F%2Fjyiyn.kg%2Fh%2Fa%3Fb%3D1%26c%3D2&text=A%20%26%20B%20%231%20%2F%20100%25",
    );
  });
});

describe("Open Graph and Twitter card tags", () => {
  it("has title, description, url, image, locale and the card type", () => {
    const tags = shareMeta({
      lang: "ky",
      title: "Таштанды чыгаруу тарифи",
      description: "«Таза-Мурас» тарифти жогорулатууну сунуштайт.",
      url: "https://jyiyn.kg/ky/hearings/7",
      publicUrl: "https://jyiyn.kg/",
    });
    const get = (key: string) =>
      (tags.find((t) => metaKey(t) === key) as { content: string })?.content;
    expect(get("og:title")).toBe("Таштанды чыгаруу тарифи");
    expect(get("og:description")).toBe("«Таза-Мурас» тарифти жогорулатууну сунуштайт.");
    expect(get("og:url")).toBe("https://jyiyn.kg/ky/hearings/7");
    expect(get("og:image")).toBe("https://jyiyn.kg/og-default.png");
    expect(get("og:locale")).toBe("ky_KG");
    expect(get("og:locale:alternate")).toBe("ru_RU");
    expect(get("twitter:card")).toBe("summary_large_image");
    expect(get("twitter:image")).toBe("https://jyiyn.kg/og-default.png");

    const ru = shareMeta({
      lang: "ru",
      title: "x",
      description: "д".repeat(400),
      url: "https://jyiyn.kg/ru/hearings/7",
      image: "https://cdn.example/i.png",
      publicUrl: "https://jyiyn.kg",
    });
    const ruGet = (key: string) =>
      (ru.find((t) => metaKey(t) === key) as { content: string })?.content;
    expect(ruGet("og:locale")).toBe("ru_RU");
    expect(ruGet("og:image")).toBe("https://cdn.example/i.png");
    expect(ruGet("og:description")!.length).toBeLessThanOrEqual(200);
  });

  it("the default share image exists and is a 1200×630 PNG", async () => {
    const { readFileSync } = await import("node:fs");
    const png = readFileSync("public/og-default.png");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(630);
  });
});

describe("short link /h/{code}", () => {
  let t: TestDb;
  let w: ReachWorld;
  let id: number;
  beforeAll(async () => {
    t = await createTestDb();
    w = await reachWorld(t.db);
    id = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      shortCode: "ab12",
    });
    await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      shortCode: "draft1",
      state: "draft",
    });
  });
  afterAll(() => t.cleanup());

  async function go(code: string, headers: Record<string, string> = {}) {
    try {
      return (await shortLoader({
        request: makeRequest(`/h/${code}`, { headers }),
        params: { code },
        context: {},
      })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("redirects to the hearing in the visitor's language: cookie, then Accept-Language, else ky", async () => {
    const plain = await go("ab12");
    expect(plain.status).toBe(302);
    expect(plain.headers.get("location")).toBe(`/ky/hearings/${id}`);
    const ru = await go("ab12", { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" });
    expect(ru.headers.get("location")).toBe(`/ru/hearings/${id}`);
    const cookie = await go("ab12", { "accept-language": "ru-RU", cookie: "lang=ky" });
    expect(cookie.headers.get("location")).toBe(`/ky/hearings/${id}`);
    const cookieRu = await go("ab12", { cookie: "lang=ru" });
    expect(cookieRu.headers.get("location")).toBe(`/ru/hearings/${id}`);
  });

  it("is 404 for unknown codes and drafts", async () => {
    expect((await go("nope")).status).toBe(404);
    expect((await go("draft1")).status).toBe(404);
    expect((await go("../etc")).status).toBe(404);
  });
});
