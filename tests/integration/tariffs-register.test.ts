/**
 * The tariff register (issue 15), on SQLite and PostgreSQL with a controllable clock:
 * the council's approval creates the entries and closes the earlier ones; `asOf` around the
 * effective dates in Asia/Bishkek; corrections are new entries; the comparison against a
 * hand-computed fixture, never across units; the open-data API (ETag) and the CSV read back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/modules/auth/permissions";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { isDomainError } from "~/modules/core/errors";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { enterTariff, type ManualTariffInput } from "~/modules/tariffs/commands.server";
import {
  compareLines,
  loadPeriods,
  municipalityRegister,
  tariffsInForce,
} from "~/modules/tariffs/queries.server";
import { firstOfNextMonth, spread } from "~/modules/tariffs/register";
import * as apiTariffs from "~/routes/api.v1.tariffs";
import * as apiCsv from "~/routes/api.v1.tariffs[.]csv";
import * as apiMunicipality from "~/routes/api.v1.municipalities.$slug.tariffs";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest } from "../helpers/factories";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

let t: TestDb;
let w: ProtocolWorld;
let dir: string;
const SCAN = { fileName: "scan.pdf", data: new TextEncoder().encode("%PDF-1.4\n% scan\n") };
const WASTE = { service: "Таштанды чыгаруу", category: "Калк", unit: "бир адамга айына" };

async function actor(id: number) {
  return (await loadSessionUser(t.db, id))!;
}
function manual(over: Partial<ManualTariffInput> = {}): ManualTariffInput {
  return {
    ...WASTE,
    providerKind: "enterprise",
    providerNameKy: "«Таза-Мурас»",
    providerNameRu: "«Таза-Мурас»",
    price: 1800,
    validFrom: "2024-01-01",
    validTo: null,
    resolutionNumber: "5/1",
    resolutionDate: "2023-12-20",
    document: SCAN,
    correctsId: null,
    reason: null,
    ...over,
  };
}
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
async function approve(world: ProtocolWorld, effectiveFrom?: string | null, number = "14/3") {
  const official = await actor(world.official);
  const secretary = await actor(world.secretary);
  await saveDraft(t.db, official, world.tariffHearing, {
    chairName: "Бакыт Өмүрбеков",
    secretaryName: "Айнура Үсөнова",
    conclusionsKy: "Бекитүү сунушталат.",
    conclusionsRu: "Рекомендуется утвердить.",
  });
  const { protocolId } = await submitProtocol(t.db, official, world.tariffHearing);
  return {
    protocolId,
    decide: (eff: string | null | undefined = effectiveFrom, resolutionDate = "2026-11-30") =>
      decideProtocol(t.db, secretary, protocolId, {
        decision: "approve",
        resolutionNumber: number,
        resolutionDate,
        effectiveFrom: eff,
      }),
  };
}

beforeAll(async () => {
  setEnvForTests({ PUBLIC_URL: "https://jyiyn.test" });
  dir = mkdtempSync(join(tmpdir(), "jyiyn-tariffs-"));
  setStorageForTests(new DiskStorage(join(dir, "store")));
  t = await createTestDb();
  setClock("2026-11-25T06:00:00Z");
  w = await createProtocolWorld(t.db, { now: new Date("2026-11-25T06:00:00Z") });
}, 60_000);

afterAll(async () => {
  setClock(null);
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("approval → register", () => {
  let manualId: number;
  let firstIds: number[];

  it("creates one entry per line from the Bishkek default date and closes the earlier tariff", async () => {
    manualId = (await enterTariff(t.db, await actor(w.official), w.municipalityId, manual())).id;
    const a = await approve(w);
    // 18:30 UTC on 30 November is already 1 December in Bishkek: the default is 1 January
    setClock("2026-11-30T18:30:00Z");
    const { code } = await a.decide(null);
    expect(firstOfNextMonth("2026-12-01")).toBe("2027-01-01");
    const periods = await loadPeriods(t.db, { municipality: "issyk-kul-tyup" });
    const fromHearing = periods.filter((p) => p.source === "hearing");
    firstIds = fromHearing.map((p) => p.id);
    expect(fromHearing.map((p) => [p.category, p.unit, p.price, p.validFrom])).toEqual([
      ["Калк", "бир адамга айына", 2500, "2027-01-01"],
      ["Бюджеттик уюмдар", "м³", 18000, "2027-01-01"],
      ["Башка керектөөчүлөр", "м³", 24000, "2027-01-01"],
    ]);
    for (const p of fromHearing) {
      expect(p.resolution).toEqual({ number: "14/3", date: "2026-11-30" });
      expect(p.protocolCode).toBe(code);
      expect(p.hearingId).toBe(w.tariffHearing);
      expect(p.provider.name.ru).toBe("Муниципальное предприятие «Таза-Мурас»");
    }
    const earlier = periods.find((p) => p.id === manualId)!;
    expect(earlier.until).toBe("2026-12-31");
    expect(earlier.closedBy).toBe(firstIds[0]);
    expect(earlier.source).toBe("manual");
    expect(earlier.hasDocument).toBe(true);
  });

  it("asOf: the old price through 31 December, the new one from 1 January (Bishkek days)", async () => {
    const price = async (asOf?: string) =>
      (await tariffsInForce(t.db, { municipality: "issyk-kul-tyup", ...WASTE }, asOf)).map(
        (p) => p.price,
      );
    expect(await price("2023-12-31")).toEqual([]);
    expect(await price("2024-01-01")).toEqual([1800]);
    expect(await price("2026-12-31")).toEqual([1800]);
    expect(await price("2027-01-01")).toEqual([2500]);
    // "today" is the Bishkek date: 23:59:59 on 31 December there is 17:59:59 UTC
    setClock("2026-12-31T17:59:59Z");
    expect(await price()).toEqual([1800]);
    setClock("2026-12-31T18:00:00Z");
    expect(await price()).toEqual([2500]);
  });

  it("a later approval closes the earlier one; a bad effective date is refused and writes nothing", async () => {
    setClock("2027-03-01T06:00:00Z");
    const w2 = await createProtocolWorld(t.db, {
      places: w.places,
      now: new Date("2027-03-01T06:00:00Z"),
    });
    const a = await approve(w2, null, "3/7");
    const before = (await loadPeriods(t.db)).length;
    const bad = await refusal(a.decide("2027-02-30", "2027-03-01"));
    expect([bad.status, bad.field, bad.key]).toEqual([
      400,
      "effectiveFrom",
      "tariffs:errors.badDate",
    ]);
    const early = await refusal(a.decide("2027-02-01", "2027-03-01"));
    expect(early.key).toBe("tariffs:errors.beforeResolution");
    expect((await loadPeriods(t.db)).length).toBe(before);
    await a.decide("2027-07-01", "2027-03-01");
    const periods = await loadPeriods(t.db, { municipality: "issyk-kul-tyup" });
    expect(periods.find((p) => p.id === firstIds[0])!.until).toBe("2027-06-30");
    const latest = periods.filter((p) => p.validFrom === "2027-07-01");
    expect(latest).toHaveLength(3);
    expect(latest.every((p) => p.until === null && p.resolution.number === "3/7")).toBe(true);
    expect(
      (await tariffsInForce(t.db, { municipality: "issyk-kul-tyup", ...WASTE }, "2027-07-01")).map(
        (p) => p.id,
      ),
    ).toEqual([latest[0].id]);
  });
});

describe("entered by hand", () => {
  it("corrections are new entries with a reason; the corrected one never counts", async () => {
    const official = await actor(w.official);
    const wrong = await enterTariff(
      t.db,
      official,
      w.municipalityId,
      manual({ ...WASTE, category: "Бюджеттик уюмдар", unit: "м³", price: 99900 }),
    );
    const noReason = await refusal(
      enterTariff(t.db, official, w.municipalityId, manual({ correctsId: wrong.id })),
    );
    expect([noReason.status, noReason.field]).toEqual([400, "reason"]);
    const fixed = await enterTariff(
      t.db,
      official,
      w.municipalityId,
      manual({
        ...WASTE,
        category: "Бюджеттик уюмдар",
        unit: "м³",
        price: 9990,
        correctsId: wrong.id,
        reason: "Үтүр туура эмес коюлган / запятая не там",
        document: null,
      }),
    );
    const again = await refusal(
      enterTariff(
        t.db,
        official,
        w.municipalityId,
        manual({ correctsId: wrong.id, reason: "again", document: null }),
      ),
    );
    expect(again.status).toBe(409);
    const all = await loadPeriods(t.db, { municipality: "issyk-kul-tyup" });
    const old = all.find((p) => p.id === wrong.id)!;
    const neu = all.find((p) => p.id === fixed.id)!;
    expect([old.corrected, old.closedBy, old.price]).toEqual([true, fixed.id, 99900]);
    expect([neu.corrected, neu.correctsId, neu.reason]).toEqual([
      false,
      wrong.id,
      "Үтүр туура эмес коюлган / запятая не там",
    ]);
    const inForce = await tariffsInForce(
      t.db,
      { municipality: "issyk-kul-tyup", category: "Бюджеттик уюмдар", unit: "м³" },
      "2024-06-01",
    );
    expect(inForce.map((p) => p.price)).toEqual([9990]);
  });

  it("refuses outsiders, other municipalities' officials and impossible dates, all fields at once", async () => {
    expect(
      (await refusal(enterTariff(t.db, await actor(w.resident), w.municipalityId, manual())))
        .status,
    ).toBe(403);
    expect(
      (await refusal(enterTariff(t.db, await actor(w.otherOfficial), w.municipalityId, manual())))
        .status,
    ).toBe(403);
    const bad = await refusal(
      enterTariff(
        t.db,
        await actor(w.official),
        w.municipalityId,
        manual({ validFrom: "2025-02-30", price: 0, document: null, resolutionNumber: " " }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.problems.map((p) => p.field).sort()).toEqual(
      ["document", "price", "resolutionNumber", "validFrom"].sort(),
    );
    // another municipality's entry cannot be "corrected" from here
    const other = await enterTariff(
      t.db,
      await actor(w.otherOfficial),
      w.places.saryOi.id,
      manual(),
    );
    const cross = await refusal(
      enterTariff(
        t.db,
        await actor(w.official),
        w.municipalityId,
        manual({ correctsId: other.id, reason: "x", document: null }),
      ),
    );
    expect(cross.status).toBe(404);
  });
});

describe("comparison", () => {
  const KEY = { service: "waste_collection", category: "population", unit: "person_month" };
  let admin: Actor;
  let ikOblast: number;

  beforeAll(async () => {
    admin = { ...(await actor(w.official)), isAdmin: true };
    const ik = await t.db
      .selectFrom("oblasts")
      .select("id")
      .where("slug", "=", "issyk-kul")
      .executeTakeFirstOrThrow();
    ikOblast = ik.id;
    const district = await t.db
      .selectFrom("districts")
      .select("id")
      .where("slug", "=", "tyup")
      .executeTakeFirstOrThrow();
    const extra: number[] = [];
    for (const slug of ["cmp-ik-2", "cmp-ik-3"]) {
      const r = await t.db
        .insertInto("municipalities")
        .values({
          district_id: district.id,
          slug,
          kind: "ayil_aimak",
          name_ky: slug,
          name_ru: slug,
          created_at: "2026-01-01T00:00:00Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      extra.push(r.id);
    }
    const enter = (m: number, price: number, over: Partial<ManualTariffInput> = {}) =>
      enterTariff(t.db, admin, m, manual({ ...KEY, price, validFrom: "2026-01-01", ...over }));
    await enter(w.municipalityId, 2000); // this municipality: its current tariff
    await enter(w.places.saryOi.id, 2000); // Issyk-Kul oblast
    await enter(extra[0], 3000); // Issyk-Kul oblast
    await enter(extra[1], 2200); // Issyk-Kul oblast
    await enter(extra[1], 5000, { validFrom: "2027-06-01" }); // later: not in force on the date
    await enter(w.places.lebedinovka.id, 1500); // Chui
    await enter(w.places.lebedinovka.id, 100, { unit: "m3" }); // another unit: never compared
    const typo = await enter(w.places.karaSuu.id, 9900); // Osh, then corrected
    await enter(w.places.karaSuu.id, 2500, { correctsId: typo.id, reason: "typo" });
  });

  it("matches the hand-computed figures, this oblast and the whole country", async () => {
    const [line] = await compareLines(
      t.db,
      { municipalityId: w.municipalityId, oblastId: ikOblast },
      [{ id: 1, ...KEY, proposed: 2500 }],
      "2026-12-01",
    );
    expect(line.current?.price).toBe(2000);
    // others in Issyk-Kul oblast: 2000, 2200, 3000
    expect(line.oblast).toEqual({
      count: 3,
      median: 2200,
      min: 2000,
      max: 3000,
      standing: "aboveMedian",
    });
    // the whole country: 1500, 2000, 2200, 2500 (the correction, not 9900), 3000
    expect(line.country).toEqual({
      count: 5,
      median: 2200,
      min: 1500,
      max: 3000,
      standing: "aboveMedian",
    });
    expect(spread([1, 2, 3, 4])).toEqual({ count: 4, median: 3, min: 1, max: 4 });
  });

  it("never compares across units", async () => {
    const [perM3] = await compareLines(
      t.db,
      { municipalityId: w.municipalityId, oblastId: ikOblast },
      [{ id: 2, ...KEY, unit: "m3", proposed: 120 }],
      "2026-12-01",
    );
    expect(perM3.current).toBeNull();
    expect(perM3.oblast.count).toBe(0);
    expect(perM3.oblast.standing).toBe("none");
    expect([perM3.country.count, perM3.country.median, perM3.country.standing]).toEqual([
      1,
      100,
      "above",
    ]);
  });
});

describe("open data", () => {
  const url =
    "http://localhost/api/v1/tariffs?service=waste_collection&unit=person_month&asOf=2026-12-01";

  it("JSON with stable ids, filters and an ETag", async () => {
    const res = await apiTariffs.loader({ request: makeRequest(url), params: {}, context: {} });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      count: number;
      tariffs: {
        id: number;
        municipality: { slug: string };
        price: { tyiyn: number; som: number };
        unit: { code: string };
        validTo: string | null;
      }[];
    };
    expect(body.count).toBe(6);
    expect(body.tariffs.every((x) => x.unit.code === "person_month")).toBe(true);
    expect(body.tariffs.map((x) => x.price.som).sort((a, b) => a - b)).toEqual([
      15, 20, 20, 22, 25, 30,
    ]);
    const etag = res.headers.get("etag")!;
    const again = await apiTariffs.loader({
      request: makeRequest(url, { headers: { "if-none-match": etag } }),
      params: {},
      context: {},
    });
    expect(again.status).toBe(304);
    const oblast = await apiTariffs.loader({
      request: makeRequest(`${url}&oblast=issyk-kul`),
      params: {},
      context: {},
    });
    expect(((await oblast.json()) as { count: number }).count).toBe(4);
    const bad = await apiTariffs.loader({
      request: makeRequest("http://localhost/api/v1/tariffs?asOf=2026-02-30"),
      params: {},
      context: {},
    });
    expect(bad.status).toBe(400);
  });

  it("the CSV reads back to the same entries (BOM, quoted cells)", async () => {
    const json = (await (
      await apiTariffs.loader({ request: makeRequest(url), params: {}, context: {} })
    ).json()) as {
      tariffs: { id: number; price: { som: number }; municipality: { name: { ru: string } } }[];
    };
    const res = await apiCsv.loader({
      request: makeRequest(url.replace("/tariffs?", "/tariffs.csv?") + "&lang=ru"),
      params: {},
      context: {},
    });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    const [head, ...data] = rows;
    const col = (name: string) => head.indexOf(name);
    expect(data.map((r) => Number(r[col("id")]))).toEqual(json.tariffs.map((x) => x.id));
    expect(data.map((r) => Number(r[col("price_som")]))).toEqual(
      json.tariffs.map((x) => x.price.som),
    );
    expect(data.map((r) => r[col("municipality")])).toEqual(
      json.tariffs.map((x) => x.municipality.name.ru),
    );
  });

  it("a municipality's tariffs with the whole history, corrections marked", async () => {
    const res = await apiMunicipality.loader({
      request: makeRequest(
        "http://localhost/api/v1/municipalities/kara-suu/tariffs?asOf=2026-12-01",
      ),
      params: { slug: "kara-suu" },
      context: {},
    });
    const body = (await res.json()) as {
      inForce: { price: { tyiyn: number } }[];
      history: { corrected: boolean; replacedBy: number | null; price: { tyiyn: number } }[];
    };
    expect(body.inForce.map((x) => x.price.tyiyn)).toEqual([2500]);
    expect(body.history.map((x) => [x.price.tyiyn, x.corrected])).toEqual([
      [9900, true],
      [2500, false],
    ]);
    const missing = await apiMunicipality.loader({
      request: makeRequest("http://localhost/api/v1/municipalities/nowhere/tariffs"),
      params: { slug: "nowhere" },
      context: {},
    });
    expect(missing.status).toBe(404);
    expect((await municipalityRegister(t.db, "nowhere")) === null).toBe(true);
  });
});

/** A small RFC 4180 reader for the test (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
