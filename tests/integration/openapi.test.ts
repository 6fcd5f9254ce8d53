// The OpenAPI document (/api/v1/openapi.json) against real answers: every path it lists is called
// on the demo data, and each answer must validate (ajv, JSON Schema 2020-12) against the schema the
// document gives for that path and status. An undocumented field fails (additionalProperties: false).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { seedDemo } from "~/modules/demo";
import * as comments from "~/routes/api.v1.hearings.$id.comments";
import * as commentsCsv from "~/routes/api.v1.hearings.$id.comments[.]csv";
import * as protocol from "~/routes/api.v1.hearings.$id.protocol";
import * as results from "~/routes/api.v1.hearings.$id.results";
import * as hearing from "~/routes/api.v1.hearings.$id";
import * as muniHearings from "~/routes/api.v1.municipalities.$slug.hearings";
import * as municipalities from "~/routes/api.v1.municipalities";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import * as tariffs from "~/routes/api.v1.tariffs";
import * as tariffsCsv from "~/routes/api.v1.tariffs[.]csv";
import * as muniTariffs from "~/routes/api.v1.municipalities.$slug.tariffs";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";

type Loader = { loader: (a: any) => Promise<Response> | Response };
type Doc = {
  openapi: string;
  paths: Record<string, { get: { responses: Record<string, any> } }>;
};

let t: TestDb;
let doc: Doc;
let ajv: InstanceType<typeof Ajv2020>;
const ids: Record<string, number> = {};
const NOW = new Date("2026-05-10T06:00:00Z");
const called = new Set<string>();

beforeAll(async () => {
  t = await createTestDb();
  setClock(NOW);
  await seedDemo(t.db, NOW, "test-registry-secret-0123456789");
  for (const r of await t.db.selectFrom("hearings").select(["id", "short_code"]).execute())
    ids[r.short_code] = r.id;
  const res = await openapi.loader({
    request: makeRequest("/api/v1/openapi.json"),
    params: {},
    context: {},
  } as any);
  expect(res.status).toBe(200);
  doc = await res.json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, "openapi.json");
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

/**
 * Calls the route for a path template with `params`, and checks the answer against the document:
 * the status must be documented, and a JSON body must validate against its schema.
 */
async function check(
  route: Loader,
  template: string,
  params: Record<string, string>,
  query = "",
): Promise<{ status: number; body: any }> {
  const path = template.replace(/\{(\w+)\}/g, (_, k) => params[k]);
  const res = await route.loader({ request: makeRequest(path + query), params, context: {} });
  const op = doc.paths[template]?.get;
  expect(op, `${template} is in the document`).toBeTruthy();
  const documented = op.responses[String(res.status)];
  expect(
    documented,
    `${template} answered ${res.status}, which the document does not list`,
  ).toBeTruthy();
  called.add(template);
  const media = documented.content?.["application/json"];
  if (!media) return { status: res.status, body: await res.text() };
  const body = await res.json();
  const ptr = String(media.schema.$ref).replace(/^#/, "");
  const validate = ajv.getSchema(`openapi.json#${ptr}`)!;
  expect(validate, `schema ${ptr}`).toBeTypeOf("function");
  const ok = validate(body);
  expect(ok ? [] : validate.errors, `${template} ${res.status} matches ${ptr}`).toEqual([]);
  return { status: res.status, body };
}

describe("OpenAPI document /api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 with JSON Schema 2020-12 and every schema compiles", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const name of Object.keys((doc as any).components.schemas))
      expect(ajv.getSchema(`openapi.json#/components/schemas/${name}`)).toBeTypeOf("function");
    // and a schema refuses what the document does not say (a snake_case key, a missing field)
    const protocolReply = ajv.getSchema("openapi.json#/components/schemas/ProtocolReply")!;
    expect(protocolReply({ hearing_id: 1 })).toBe(false);
  });

  it("matches the hearings endpoints (200 and 404)", async () => {
    expect((await check(municipalities, "/api/v1/municipalities", {})).status).toBe(200);
    const list = await check(muniHearings, "/api/v1/municipalities/{slug}/hearings", {
      slug: "issyk-kul-tyup",
    });
    expect(list.body.hearings.length).toBeGreaterThan(0);
    expect(
      (await check(muniHearings, "/api/v1/municipalities/{slug}/hearings", { slug: "nope" }))
        .status,
    ).toBe(404);
    const tariff = await check(hearing, "/api/v1/hearings/{id}", { id: String(ids.taza26) });
    expect(tariff.body.tariffLines.length).toBeGreaterThan(0);
    const plan = await check(hearing, "/api/v1/hearings/{id}", { id: String(ids.psr2630) });
    expect(plan.body.planSections.length).toBeGreaterThan(0);
    expect((await check(hearing, "/api/v1/hearings/{id}", { id: "999999" })).status).toBe(404);
  });

  it("matches the participation endpoints (comments, CSV, results; 403 before close, 404)", async () => {
    const page = await check(
      comments,
      "/api/v1/hearings/{id}/comments",
      { id: String(ids.psr2630) },
      "?limit=200",
    );
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items.some((c: any) => c.answer)).toBe(true);
    expect((await check(comments, "/api/v1/hearings/{id}/comments", { id: "999999" })).status).toBe(
      404,
    );
    const csv = await check(commentsCsv, "/api/v1/hearings/{id}/comments.csv", {
      id: String(ids.psr2630),
    });
    expect(csv.status).toBe(200);
    // an amendment with one vote it set aside (ADR 0050), so the setAside shape is checked too
    const q = await t.db
      .selectFrom("questions")
      .select(["id", "title_ky", "title_ru"])
      .where("hearing_id", "=", ids.psr2630)
      .executeTakeFirstOrThrow();
    const by = await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const { id: amendmentId } = await t.db
      .insertInto("amendments")
      .values({
        hearing_id: ids.psr2630,
        number: 1,
        version: 1,
        reason: "Демо",
        changes_json: JSON.stringify([
          {
            kind: "projectBudget",
            title: { ky: "Суу түтүгү", ru: "Водопровод" },
            from: 175_000_050,
            to: 200_000_000,
          },
          {
            kind: "price",
            line: { service: "waste_collection", category: "population", unit: "person_month" },
            field: "proposed",
            from: 3500,
            to: 4500,
          },
        ]),
        comment_end_before: null,
        comment_end_after: null,
        created_by: by.id,
        created_at: "2026-03-01T06:00:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("votes_set_aside")
      .values({
        amendment_id: amendmentId,
        hearing_id: ids.psr2630,
        vote_id: 999999,
        question_id: q.id,
        question_title_ky: q.title_ky,
        question_title_ru: q.title_ru,
        user_id: by.id,
        choice: "for",
        village_id: null,
        created_at: "2026-02-28T06:00:00.000Z",
        updated_at: "2026-02-28T06:00:00.000Z",
        set_aside_at: "2026-03-01T06:00:00.000Z",
      })
      .execute();
    const closed = await check(results, "/api/v1/hearings/{id}/results", {
      id: String(ids.psr2630),
    });
    expect(closed.status).toBe(200);
    expect(closed.body.questions.length).toBeGreaterThan(0);
    expect(closed.body.setAside).toEqual([
      {
        amendment: 1,
        at: "2026-03-01T12:00:00+06:00",
        votes: 1,
        byQuestion: [{ questionId: q.id, title: { ky: q.title_ky, ru: q.title_ru }, votes: 1 }],
      },
    ]);
    expect(
      (await check(results, "/api/v1/hearings/{id}/results", { id: String(ids.taza26) })).status,
    ).toBe(403);
    // the hearing itself lists its amendments (number, date, reason, changes, set-aside count)
    const amended = await check(hearing, "/api/v1/hearings/{id}", { id: String(ids.psr2630) });
    expect(amended.body.amendments).toEqual([
      {
        number: 1,
        at: "2026-03-01T12:00:00+06:00",
        reason: "Демо",
        changes: [
          {
            kind: "projectBudget",
            title: { ky: "Суу түтүгү", ru: "Водопровод" },
            from: 1_750_000.5,
            to: 2_000_000,
          },
          {
            kind: "price",
            line: { service: "waste_collection", category: "population", unit: "person_month" },
            field: "proposed",
            from: 35,
            to: 45,
          },
        ],
        text: {
          ky: "«Суу түтүгү» долбоорунун бюджети: 1\u00A0750\u00A0000,50 → 2\u00A0000\u00A0000 сом; Калк, бир адамга айына: сунушталган 35 → 45 сом",
          ru: "бюджет проекта «Водопровод»: 1\u00A0750\u00A0000,50 → 2\u00A0000\u00A0000 сом; Население, на 1 человека в месяц: предлагаемый 35 → 45 сом",
        },
        commentEndBefore: null,
        commentEndAfter: null,
        votesSetAside: 1,
      },
    ]);
    const never = await check(hearing, "/api/v1/hearings/{id}", { id: String(ids.taza26) });
    expect(never.body.amendments).toEqual([]);
  });

  it("matches the protocol endpoint, camelCase like the others", async () => {
    const approved = await check(protocol, "/api/v1/hearings/{id}/protocol", {
      id: String(ids.psr2630),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.hearingId).toBe(ids.psr2630);
    expect(approved.body.stage).toBe("protocol_approved");
    expect(Object.keys(approved.body.links).sort()).toEqual(["docxKy", "docxRu", "pdfKy", "pdfRu"]);
    const open = await check(protocol, "/api/v1/hearings/{id}/protocol", {
      id: String(ids.taza26),
    });
    expect(open.body.protocolState).toBeNull();
    expect((await check(protocol, "/api/v1/hearings/{id}/protocol", { id: "999999" })).status).toBe(
      404,
    );
  });

  it("matches the tariff register endpoints (200, 400, 404)", async () => {
    const inForce = await check(tariffs, "/api/v1/tariffs", {}, "?service=waste_collection");
    expect(inForce.body.count).toBeGreaterThan(0);
    expect((await check(tariffs, "/api/v1/tariffs", {}, "?asOf=2026-02-30")).status).toBe(400);
    expect((await check(tariffsCsv, "/api/v1/tariffs.csv", {}, "?lang=ru")).status).toBe(200);
    const reg = await check(muniTariffs, "/api/v1/municipalities/{slug}/tariffs", {
      slug: "issyk-kul-tyup",
    });
    expect(reg.body.history.length).toBeGreaterThan(0);
    expect(
      (await check(muniTariffs, "/api/v1/municipalities/{slug}/tariffs", { slug: "nope" })).status,
    ).toBe(404);
  });

  it("has no snake_case key in any JSON answer", async () => {
    const bodies = [
      (await check(protocol, "/api/v1/hearings/{id}/protocol", { id: String(ids.psr2630) })).body,
      (await check(hearing, "/api/v1/hearings/{id}", { id: String(ids.taza26) })).body,
      (await check(results, "/api/v1/hearings/{id}/results", { id: String(ids.psr2630) })).body,
      (
        await check(muniTariffs, "/api/v1/municipalities/{slug}/tariffs", {
          slug: "issyk-kul-tyup",
        })
      ).body,
    ];
    const keys: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          keys.push(k);
          walk(x);
        }
    };
    bodies.forEach(walk);
    expect(keys.filter((k) => k.includes("_"))).toEqual([]);
  });

  it("was checked on every path it documents", () => {
    expect([...called].sort()).toEqual(Object.keys(doc.paths).sort());
  });
});
