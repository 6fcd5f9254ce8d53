/**
 * The protocol's routes with real Requests: the official's page (draft, 400 with typed values,
 * submit), denials (anonymous, resident, council member, official of another municipality), the
 * council's decision, the public page, the downloads with their file names, the verify page's
 * upload and the API.
 */
import { toBishkekDateInput } from "~/modules/format/time";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnvForTests } from "~/modules/core/env.server";
import { sha256Hex, DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import * as office from "~/routes/$lang.office.hearings.$id.protocol";
import * as publicPage from "~/routes/$lang.hearings.$id.protocol";
import * as pdfRoute from "~/routes/$lang.hearings.$id.protocol[.]pdf";
import * as docxRoute from "~/routes/$lang.hearings.$id.protocol[.]docx";
import * as versionPdf from "~/routes/$lang.hearings.$id.protocol.v.$version[.]pdf";
import * as council from "~/routes/$lang.council.protocols.$protocolId";
import * as dashboard from "~/routes/$lang.council._index";
import * as verify from "~/routes/$lang.verify.$code";
import * as api from "~/routes/api.v1.hearings.$id.protocol";
import { makeRequest, sessionCookieFor } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

/** The council resolution date: today in Bishkek (between the close, a day ago, and today). */
const RESOLUTION_DATE = toBishkekDateInput(new Date());

let t: TestDb;
let w: ProtocolWorld;
let dir: string;
const cookie: Record<string, string> = {};
type Any = any;

async function call(fn: (args: Any) => unknown, request: Request, params: Record<string, string>) {
  try {
    return await fn({ request, params, context: {} });
  } catch (e) {
    return e;
  }
}
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as Any)?.init?.status ?? 200);

beforeAll(async () => {
  setEnvForTests({ PUBLIC_URL: "https://jyiyn.test" });
  dir = mkdtempSync(join(tmpdir(), "jyiyn-protocol-routes-"));
  setStorageForTests(new DiskStorage(dir));
  t = await createTestDb();
  w = await createProtocolWorld(t.db);
  for (const k of ["official", "secretary", "member", "resident", "otherOfficial"] as const)
    cookie[k] = await sessionCookieFor(t.db, w[k]);
}, 60_000);

afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("protocol routes", () => {
  const id = () => String(w.tariffHearing);
  const officeUrl = () => `/ru/office/hearings/${id()}/protocol`;

  it("the official's page is guarded", async () => {
    const anon = await call(office.loader, makeRequest(officeUrl()), { lang: "ru", id: id() });
    expect(status(anon)).toBe(302);
    for (const who of ["resident", "member", "otherOfficial"]) {
      const r = await call(office.loader, makeRequest(officeUrl(), { cookie: cookie[who] }), {
        lang: "ru",
        id: id(),
      });
      expect(status(r), who).toBe(403);
    }
    const ok = (await call(office.loader, makeRequest(officeUrl(), { cookie: cookie.official }), {
      lang: "ru",
      id: id(),
    })) as Any;
    expect(ok.protocol).toBeNull();
    expect(ok.closed).toBe(true);
  });

  it("bad input: 400 with localized per-field errors and the typed values", async () => {
    const r = (await call(
      office.action,
      makeRequest(officeUrl(), {
        cookie: cookie.official,
        form: {
          intent: "save",
          chairName: "",
          secretaryName: "Айнура",
          conclusionsKy: "Кыскача",
          conclusionsRu: "",
        },
      }),
      { lang: "ru", id: id() },
    )) as Any;
    expect(status(r)).toBe(400);
    expect(r.data.errors.chairName[0]).toBe("Заполните это поле.");
    expect(r.data.values.secretaryName).toBe("Айнура");
    expect(r.data.values.conclusionsKy).toBe("Кыскача");
  });

  it("drafts are not public; the official saves and submits; the council reads", async () => {
    const saved = await call(
      office.action,
      makeRequest(officeUrl(), {
        cookie: cookie.official,
        form: {
          intent: "save",
          chairName: "Бакыт Өмүрбеков",
          secretaryName: "Айнура Үсөнова",
          conclusionsKy: "Тарифти бекитүү сунушталат.",
          conclusionsRu: "Рекомендуется утвердить тариф.",
        },
      }),
      { lang: "ru", id: id() },
    );
    expect(status(saved)).toBe(302);
    // the public sees nothing yet, the files are 404 for them
    const pub = (await call(publicPage.loader, makeRequest(`/ru/hearings/${id()}/protocol`), {
      lang: "ru",
      id: id(),
    })) as Any;
    expect(pub.view.version).toBeNull();
    expect(pub.view.blocks).toEqual([]);
    const anonPdf = await call(pdfRoute.loader, makeRequest(`/ru/hearings/${id()}/protocol.pdf`), {
      lang: "ru",
      id: id(),
    });
    expect(status(anonPdf)).toBe(404);
    // the official previews it
    const preview = (await call(
      publicPage.loader,
      makeRequest(`/ky/hearings/${id()}/protocol`, { cookie: cookie.official }),
      { lang: "ky", id: id() },
    )) as Any;
    expect(preview.view.version).toBe(1);
    expect(JSON.stringify(preview.view.blocks)).toContain("ДОЛБООР");
    const submitted = await call(
      office.action,
      makeRequest(officeUrl(), { cookie: cookie.official, form: { intent: "submit" } }),
      { lang: "ru", id: id() },
    );
    expect(status(submitted)).toBe(302);
    const dash = (await call(
      dashboard.loader,
      makeRequest("/ky/council", { cookie: cookie.member }),
      {
        lang: "ky",
      },
    )) as Any;
    expect(dash.awaiting).toHaveLength(1);
    const memberPdf = (await call(
      pdfRoute.loader,
      makeRequest(`/ky/hearings/${id()}/protocol.pdf`, { cookie: cookie.member }),
      { lang: "ky", id: id() },
    )) as Response;
    expect(memberPdf.status).toBe(200);
    expect(memberPdf.headers.get("content-type")).toBe("application/pdf");
    expect(memberPdf.headers.get("cache-control")).toContain("no-store");
  });

  it("only the secretary records the decision; 400 on bad input; then approved", async () => {
    const dash = (await call(
      dashboard.loader,
      makeRequest("/ru/council", { cookie: cookie.secretary }),
      {
        lang: "ru",
      },
    )) as Any;
    const pid = String(dash.awaiting[0].protocolId);
    const url = `/ru/council/protocols/${pid}`;
    const form = {
      decision: "approve",
      resolutionNumber: "21/4",
      resolutionDate: RESOLUTION_DATE,
      deputiesFor: "9",
      deputiesAgainst: "1",
      deputiesAbstain: "0",
    };
    const memberView = (await call(council.loader, makeRequest(url, { cookie: cookie.member }), {
      lang: "ru",
      protocolId: pid,
    })) as Any;
    expect(memberView.canDecide).toBe(false);
    for (const who of ["member", "official", "resident", "otherOfficial"]) {
      const r = await call(council.action, makeRequest(url, { cookie: cookie[who], form }), {
        lang: "ru",
        protocolId: pid,
      });
      expect(status(r), who).toBe(403);
    }
    const bad = (await call(
      council.action,
      makeRequest(url, { cookie: cookie.secretary, form: { ...form, resolutionDate: "завтра" } }),
      { lang: "ru", protocolId: pid },
    )) as Any;
    expect(status(bad)).toBe(400);
    expect(bad.data.errors.resolutionDate[0]).toBe("Введите правильную дату.");
    expect(bad.data.values.resolutionNumber).toBe("21/4");
    const ok = await call(council.action, makeRequest(url, { cookie: cookie.secretary, form }), {
      lang: "ru",
      protocolId: pid,
    });
    expect(status(ok)).toBe(302);
    const twice = (await call(
      council.action,
      makeRequest(url, { cookie: cookie.secretary, form }),
      {
        lang: "ru",
        protocolId: pid,
      },
    )) as Any;
    expect(status(twice)).toBe(409);
    expect(twice.data.errors._form[0]).toBe("По этой версии решение уже принято.");
  });

  it("approved: public page, frozen files with names, per version, verify upload, API", async () => {
    const pub = (await call(publicPage.loader, makeRequest(`/ru/hearings/${id()}/protocol`), {
      lang: "ru",
      id: id(),
    })) as Any;
    expect(pub.view.approved).toBe(true);
    const code = pub.view.verificationCode as string;
    const pdf = (await call(pdfRoute.loader, makeRequest(`/ru/hearings/${id()}/protocol.pdf`), {
      lang: "ru",
      id: id(),
    })) as Response;
    expect(pdf.status).toBe(200);
    const cd = pdf.headers.get("content-disposition")!;
    expect(cd).toMatch(
      new RegExp(`filename="issyk-kul-tyup_IK-T-[\\w-]+_protocol-v1_ru_${RESOLUTION_DATE}\\.pdf"`),
    );
    expect(cd).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toContain("Иссык-Кульский айылный аймак");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(pdf.headers.get("x-content-sha256")).toBe(sha256Hex(bytes));
    const docx = (await call(docxRoute.loader, makeRequest(`/ky/hearings/${id()}/protocol.docx`), {
      lang: "ky",
      id: id(),
    })) as Response;
    expect(docx.status).toBe(200);
    const v1 = (await call(
      versionPdf.loader,
      makeRequest(`/ru/hearings/${id()}/protocol/v/1.pdf`),
      { lang: "ru", id: id(), version: "1" },
    )) as Response;
    expect(sha256Hex(new Uint8Array(await v1.arrayBuffer()))).toBe(sha256Hex(bytes));

    // verify: the issued file matches, a changed byte does not
    const upload = async (data: Uint8Array) => {
      const fd = new FormData();
      fd.append("file", new Blob([data as BlobPart], { type: "application/pdf" }), "p.pdf");
      const req = new Request(`http://localhost/ru/verify/${code}`, { method: "POST", body: fd });
      return (await call(verify.action, req, { lang: "ru", code })) as Any;
    };
    expect((await upload(bytes)).result.match).toBe("PDF, ru");
    const changed = new Uint8Array(bytes);
    changed[100] ^= 0xff;
    const no = await upload(changed);
    expect(no.result.match).toBeNull();
    expect(no.result.sha256).toBe(sha256Hex(changed));
    const page = (await call(verify.loader, makeRequest(`/ky/verify/${code}`), {
      lang: "ky",
      code,
    })) as Any;
    expect(page.view.resolutionNumber).toBe("21/4");
    expect(page.view.files).toHaveLength(4);
    const missing = await call(verify.loader, makeRequest(`/ky/verify/XXXXX-XXXXX`), {
      lang: "ky",
      code: "XXXXX-XXXXX",
    });
    expect(status(missing)).toBe(404);

    const res = (await call(api.loader, makeRequest(`/api/v1/hearings/${id()}/protocol`), {
      id: id(),
    })) as Response;
    const body = await res.json();
    expect(body.stage).toBe("protocol_approved");
    expect(body.resolution).toMatchObject({ number: "21/4", date: RESOLUTION_DATE });
    expect(body.verification.code).toBe(code);
    expect(body.verification.files).toHaveLength(4);
    expect(body.links.pdfRu).toBe(`https://jyiyn.test/ru/hearings/${id()}/protocol.pdf`);
    expect(JSON.stringify(body)).not.toContain("Рекомендуется");
  });

  it("the API never shows a draft's contents", async () => {
    const res = (await call(api.loader, makeRequest(`/api/v1/hearings/${w.planHearing}/protocol`), {
      id: String(w.planHearing),
    })) as Response;
    const body = await res.json();
    expect(body.protocolState).toBeNull();
    expect(body.stage).toBe("closed");
    expect(body.versions).toEqual([]);
  });
});
