import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { foldLine } from "~/modules/reach/ical";
import { loader as icsLoader } from "~/routes/$lang.hearings.$id.meeting[.]ics";
import { loader as feedLoader } from "~/routes/$lang.m.$slug.feed[.]atom";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import { makeHearing, reachWorld, type ReachWorld } from "../helpers/reach-fixtures";

let t: TestDb;
let w: ReachWorld;
const BASE = "https://jyiyn.example.kg";
beforeAll(async () => {
  t = await createTestDb();
  w = await reachWorld(t.db);
  setEnvForTests({ PUBLIC_URL: BASE });
  setClock("2026-12-25T06:00:00.000Z");
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

async function call(
  loader: (args: never) => unknown,
  url: string,
  params: Record<string, string>,
): Promise<Response> {
  try {
    return (await loader({ request: makeRequest(url), params, context: {} } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** RFC 5545 unfolding: a CRLF followed by a space or tab continues the previous line. */
function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
}

describe("iCalendar for the meeting", () => {
  it("is a valid VCALENDAR with a VEVENT in Asia/Bishkek and its VTIMEZONE", async () => {
    const id = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      titleRu:
        "Тариф на вывоз ТБО; длинное название, чтобы строка точно была длиннее семидесяти пяти октетов",
    });
    const res = await call(icsLoader, `/ru/hearings/${id}/meeting.ics`, {
      lang: "ru",
      id: String(id),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const raw = await res.text();
    // CRLF everywhere, no bare LF, no physical line over 75 octets
    expect(raw.endsWith("\r\n")).toBe(true);
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const physical of raw.split("\r\n"))
      expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
    expect(raw).toMatch(/\r\n [^\r\n]/); // the long summary was folded

    const lines = unfold(raw);
    // BEGIN/END nest properly
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith("BEGIN:")) stack.push(l.slice(6));
      if (l.startsWith("END:")) expect(stack.pop()).toBe(l.slice(4));
    }
    expect(stack).toEqual([]);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines.some((l) => l.startsWith("PRODID:"))).toBe(true);

    const tz = lines.slice(lines.indexOf("BEGIN:VTIMEZONE"), lines.indexOf("END:VTIMEZONE") + 1);
    expect(tz).toContain("TZID:Asia/Bishkek");
    expect(tz).toContain("TZOFFSETTO:+0600");
    expect(tz).toContain("TZOFFSETFROM:+0600");

    const ev = lines.slice(lines.indexOf("BEGIN:VEVENT"), lines.indexOf("END:VEVENT") + 1);
    const prop = (name: string) => ev.find((l) => l.startsWith(name));
    // 22.12.2026 15:00 in Bishkek (09:00 UTC)
    expect(prop("DTSTART")).toBe("DTSTART;TZID=Asia/Bishkek:20261222T150000");
    expect(prop("DTEND")).toBe("DTEND;TZID=Asia/Bishkek:20261222T170000");
    expect(prop("DTSTAMP:")).toBe("DTSTAMP:20261225T060000Z");
    expect(prop("UID:")).toBe(`UID:hearing-${id}-meeting@jyiyn.example.kg`);
    expect(prop("SUMMARY:")).toBe(
      "SUMMARY:Публичные слушания: Тариф на вывоз ТБО\\; длинное название\\, чтобы строка точно была длиннее семидесяти пяти октетов",
    );
    expect(prop("LOCATION:")).toContain("с. Тюп\\, Дом культуры\\, ул. Ленина 12");
    expect(prop("URL:")).toBe(`URL:${BASE}/ru/hearings/${id}`);
  });

  it("folds on character boundaries (never inside a Kyrgyz letter)", () => {
    const line = `SUMMARY:${"Өңүү".repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      expect(part).not.toContain("\uFFFD");
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("is 404 without a meeting or for drafts", async () => {
    const draft = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      state: "draft",
    });
    const res = await call(icsLoader, `/ky/hearings/${draft}/meeting.ics`, {
      lang: "ky",
      id: String(draft),
    });
    expect(res.status).toBe(404);
  });
});

describe("Atom feed per municipality", () => {
  it("lists new hearings, results and approved protocols with absolute URLs", async () => {
    const m = w.places.saryOi.id;
    const open = await makeHearing(t.db, {
      municipalityId: m,
      createdBy: w.otherOfficialId,
      titleKy: "Ичүүчү суу тарифи <жаңы> & башкалар",
      titleRu: "Тариф на питьевую воду <новый> & прочее",
      commentEndAt: "2027-01-20T17:59:59.999Z",
      meetingAt: "2027-01-22T09:00:00.000Z",
    });
    const closed = await makeHearing(t.db, {
      municipalityId: m,
      createdBy: w.otherOfficialId,
      state: "closed",
      closedAt: "2026-12-21T00:00:00.000Z",
      protocolState: "approved",
    });
    const draft = await makeHearing(t.db, {
      municipalityId: m,
      createdBy: w.otherOfficialId,
      state: "draft",
      titleRu: "Черновик",
    });
    const found = await t.db
      .selectFrom("municipalities")
      .select("slug")
      .where("id", "=", m)
      .executeTakeFirstOrThrow();
    const res = await call(feedLoader, `/ru/m/${found.slug}/feed.atom`, {
      lang: "ru",
      slug: found.slug,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml);
    const feed = parsed.feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(`${BASE}/ru/m/${found.slug}/feed.atom`);
    expect(feed.title["#text"]).toMatch(/публичные слушания$/);
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(feed.author.name).toBeTruthy();
    const links = [feed.link].flat();
    expect(links.find((l: { "@rel": string }) => l["@rel"] === "self")["@href"]).toBe(feed.id);
    const entries = [feed.entry].flat();
    // open → 1 entry; closed with approved protocol → 3 entries; the draft is not there
    expect(entries).toHaveLength(4);
    for (const e of entries) {
      expect(e.id).toMatch(/^https:\/\/jyiyn\.example\.kg\//);
      expect(e.title["#text"]).toBeTruthy();
      expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(e.link["@href"]).toMatch(/^https:\/\/jyiyn\.example\.kg\/ru\/hearings\/\d+/);
    }
    expect(new Set(entries.map((e: { id: string }) => e.id)).size).toBe(4);
    const titles = entries.map((e: { title: { "#text": string } }) => e.title["#text"]);
    expect(titles).toContain("Новые публичные слушания: Тариф на питьевую воду <новый> & прочее");
    expect(titles.some((x: string) => x.startsWith("Итоги:"))).toBe(true);
    expect(titles.some((x: string) => x.startsWith("Протокол утверждён:"))).toBe(true);
    expect(xml).not.toContain("Черновик");
    expect(xml).toContain("&lt;новый&gt; &amp; прочее");
    const hrefs = entries.map((e: { link: { "@href": string } }) => e.link["@href"]);
    expect(hrefs).toContain(`${BASE}/ru/hearings/${open}`);
    expect(hrefs).toContain(`${BASE}/ru/hearings/${closed}#results`);
    expect(hrefs).toContain(`${BASE}/ru/hearings/${closed}/protocol`);
    expect(hrefs.some((h: string) => h.includes(`/${draft}`))).toBe(false);
  });

  it("is 404 for an unknown municipality", async () => {
    const res = await call(feedLoader, "/ky/m/nope/feed.atom", { lang: "ky", slug: "nope" });
    expect(res.status).toBe(404);
  });
});
