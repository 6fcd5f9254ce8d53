import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/modules/demo";
import { setClock } from "~/modules/core/clock.server";
import { actorOf } from "~/modules/demo/build";
import { createHearing } from "~/modules/hearings/commands.server";
import * as one from "~/routes/api.v1.hearings.$id";
import * as list from "~/routes/api.v1.municipalities.$slug.hearings";
import * as munis from "~/routes/api.v1.municipalities";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";

let t: TestDb;
let draftId = 0;
const ids: Record<string, number> = {};
const NOW = new Date("2026-05-10T06:00:00Z");

beforeAll(async () => {
  t = await createTestDb();
  setClock(NOW);
  await seedDemo(t.db, NOW, "test-registry-secret-0123456789");
  const rows = await t.db.selectFrom("hearings").select(["id", "short_code"]).execute();
  for (const r of rows) ids[r.short_code] = r.id;
  const ik = await t.db
    .selectFrom("municipalities")
    .select("id")
    .where("slug", "=", "issyk-kul-tyup")
    .executeTakeFirstOrThrow();
  const user = await t.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "official@jyiyn.demo")
    .executeTakeFirstOrThrow();
  // a draft, made as an official makes one (the hearings command), never published
  draftId = await createHearing(t.db, await actorOf(t.db, user.id), {
    municipalityId: ik.id,
    type: "tariff",
    titleKy: "ЖАШЫРУУН долбоор",
    titleRu: "СЕКРЕТНЫЙ проект",
    initiatorKind: "okmotu",
  });
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

const call = (
  mod: { loader: (a: any) => Promise<Response> },
  path: string,
  params: Record<string, string>,
  headers?: Record<string, string>,
) => mod.loader({ request: makeRequest(path, { headers }), params, context: {} });

describe("open data API", () => {
  it("lists municipalities with names in both languages, CORS and an ETag that answers 304", async () => {
    const r = await call(munis, "/api/v1/municipalities", {});
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("content-type")).toContain("application/json");
    const body = await r.json();
    const ik = body.municipalities.find((m: any) => m.slug === "issyk-kul-tyup");
    expect(ik.name).toEqual({ ky: "Ысык-Көл айыл аймагы", ru: "Иссык-Кульский айылный аймак" });
    expect(ik.hearings).toMatch(/\/api\/v1\/municipalities\/issyk-kul-tyup\/hearings$/);
    const etag = r.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const again = await call(munis, "/api/v1/municipalities", {}, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    expect(await again.text()).toBe("");
  });

  it("lists a municipality's hearings with states from the clock, never drafts", async () => {
    const r = await call(list, "/api/v1/municipalities/issyk-kul-tyup/hearings", {
      slug: "issyk-kul-tyup",
    });
    const body = await r.json();
    const byId = Object.fromEntries(body.hearings.map((h: any) => [h.id, h]));
    expect(byId[ids.taza26].state).toBe("open");
    expect(byId[ids.suu26ik].state).toBe("announced");
    // the demo's closed programme has an approved protocol: the state follows it
    expect(byId[ids.psr2630].state).toBe("protocol_approved");
    expect(byId[ids.psr2630].protocolState).toBe("approved");
    expect(byId[draftId]).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain("СЕКРЕТНЫЙ");
    expect(body.hearings.every((h: any) => h.municipality === "issyk-kul-tyup")).toBe(true);
    expect(
      (await call(list, "/api/v1/municipalities/nope/hearings", { slug: "nope" })).status,
    ).toBe(404);
  });

  it("gives a tariff hearing with both languages, the schedule with +06:00 and prices as numbers", async () => {
    const r = await call(one, `/api/v1/hearings/${ids.taza26}`, { id: String(ids.taza26) });
    expect(r.status).toBe(200);
    const h = await r.json();
    expect(h).toMatchObject({
      id: ids.taza26,
      municipality: "issyk-kul-tyup",
      type: "tariff",
      state: "open",
    });
    expect(h.title.ky).toBe("Таштанды чыгаруу тарифин өзгөртүү");
    expect(h.title.ru).toBe("Изменение тарифа на вывоз ТБО");
    expect(Object.keys(h.summary).sort()).toEqual(["ky", "ru"]);
    expect(h.schedule.commentStartAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+06:00$/);
    expect(h.schedule.commentEndAt).toMatch(/T23:59:59\+06:00$/);
    expect(h.tariffLines[0]).toMatchObject({
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: 25,
      proposedPrice: 35,
      changePercent: 40,
    });
    expect(h.tariffLines[0].costItems.reduce((s: number, c: any) => s + c.amount, 0)).toBe(35);
    expect(h.planSections).toBeUndefined();
    expect(Array.isArray(h.documents)).toBe(true);
    expect(h.initiator.name.ru).toContain("Таза-Мурас");
  });

  it("gives a plan with sections and totals", async () => {
    const h = await (
      await call(one, `/api/v1/hearings/${ids.psr2630}`, { id: String(ids.psr2630) })
    ).json();
    expect(h.type).toBe("plan");
    expect(h.state).toBe("protocol_approved");
    expect(h.tariffLines).toBeUndefined();
    expect(h.planSections.length).toBeGreaterThanOrEqual(4);
    const s = h.planSections[0];
    expect(s.name).toEqual({ ky: "Суу менен камсыздоо", ru: "Водоснабжение" });
    expect(s.total).toBe(s.projects.reduce((n: number, p: any) => n + p.budget, 0));
    expect(s.projects[0]).toMatchObject({ yearFrom: 2026, fundingSource: "republican" });
  });

  it("answers 404 for a draft exactly as for a missing hearing", async () => {
    const d = await call(one, `/api/v1/hearings/${draftId}`, { id: String(draftId) });
    expect(d.status).toBe(404);
    const body = await d.text();
    expect(body).not.toContain("СЕКРЕТНЫЙ");
    const missing = await call(one, "/api/v1/hearings/999999", { id: "999999" });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(body);
    expect((await call(one, "/api/v1/hearings/abc", { id: "abc" })).status).toBe(404);
  });

  it("answers a CORS preflight and refuses writes", async () => {
    const pre = await one.action({
      request: makeRequest(`/api/v1/hearings/${ids.taza26}`, {
        method: "OPTIONS",
        headers: {
          Origin: "https://example.org",
          "Access-Control-Request-Headers": "if-none-match",
        },
      }),
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toContain("If-None-Match");
    const post = await munis.action({
      request: makeRequest("/api/v1/municipalities", { method: "POST" }),
    });
    expect(post.status).toBe(405);
  });
});
