import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { endOfBishkekDay, fromBishkekLocal, startOfBishkekDay } from "~/modules/format/time";
import * as cmd from "~/modules/hearings/commands.server";
import { DomainError } from "~/modules/core/errors";
import { runHearingStateTick } from "~/modules/hearings/jobs.server";
import {
  getHearingHeader,
  getHearingView,
  listMunicipalityHearings,
  listOpenHearings,
} from "~/modules/hearings/queries.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import * as frameRoute from "~/routes/$lang.office.hearings.$id";
import * as overviewRoute from "~/routes/$lang.office.hearings.$id._index";
import * as detailsRoute from "~/routes/$lang.office.hearings.$id.details";
import * as documentsRoute from "~/routes/$lang.office.hearings.$id.documents";
import * as linesRoute from "~/routes/$lang.office.hearings.$id.lines";
import * as planRoute from "~/routes/$lang.office.hearings.$id.plan";
import * as previewRoute from "~/routes/$lang.office.hearings.$id_.preview";
import * as publicRoute from "~/routes/$lang.hearings.$id";
import * as docRoute from "~/routes/$lang.hearings.$id.documents.$docId";
import * as newRoute from "~/routes/$lang.office.hearings.new";
import { createTestDb, type TestDb } from "../helpers/db";
import {
  makeRequest,
  makeUser,
  seedPlaces,
  sessionCookieFor,
  type SeededPlaces,
} from "../helpers/factories";

let t: TestDb;
let places: SeededPlaces;
let uploadDir: string;
const ids = { official: 0, saryOi: 0, resident: 0 };
const cookies = { official: "", saryOi: "", resident: "" };

beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
  uploadDir = mkdtempSync(join(tmpdir(), "jyiyn-uploads-"));
  setStorageForTests(new DiskStorage(uploadDir));
  ids.official = await makeUser(t.db, {
    roles: [{ municipalityId: places.issykKul.id, role: "official" }],
  });
  ids.saryOi = await makeUser(t.db, {
    roles: [{ municipalityId: places.saryOi.id, role: "official" }],
  });
  ids.resident = await makeUser(t.db, {
    municipalityId: places.issykKul.id,
    verifiedIn: [{ municipalityId: places.issykKul.id }],
  });
  for (const k of Object.keys(ids) as (keyof typeof ids)[])
    cookies[k] = await sessionCookieFor(t.db, ids[k]);
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
  rmSync(uploadDir, { recursive: true, force: true });
});
beforeEach(() => setClock(null));

const actor = async (id: number) => (await loadSessionUser(t.db, id))!;

async function refused(p: Promise<unknown>, key: string) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  // keys are namespaced ("hearings:errors.…"); the tests name them within the namespace
  expect((e as DomainError).key).toBe(`hearings:${key}`);
}

const texts = {
  titleKy: "Таштанды чыгаруу тарифи",
  titleRu: "Тариф на вывоз ТБО",
  summaryKy: "Тарифти 25 сомдон 35 сомго чейин көтөрүү.",
  summaryRu: "Повышение тарифа с 25 до 35 сом.",
  bodyKy: "Толук текст.",
  bodyRu: "Полный текст.",
  authoritativeLang: "ky" as const,
  initiatorKind: "enterprise" as const,
  initiatorNameKy: "«Таза-Мурас»",
  initiatorNameRu: "«Таза-Мурас»",
  meetingPlaceKy: "Маданият үйү",
  meetingPlaceRu: "Дом культуры",
};
const schedule = (notice: string, start: string, end: string, meeting: string) => ({
  noticeAt: startOfBishkekDay(notice),
  commentStartAt: startOfBishkekDay(start),
  commentEndAt: endOfBishkekDay(end),
  meetingAt: fromBishkekLocal(meeting, "10:00"),
});
const line = {
  service: "waste_collection",
  category: "population",
  unit: "person_month",
  currentPrice: 2500,
  proposedPrice: 3500,
  justificationKy: "",
  justificationRu: "",
  costItems: [],
};

async function readyDraft(): Promise<number> {
  const a = await actor(ids.official);
  const id = await cmd.createHearing(t.db, a, {
    municipalityId: places.issykKul.id,
    type: "tariff",
    titleKy: texts.titleKy,
    titleRu: texts.titleRu,
    initiatorKind: "enterprise",
  });
  await cmd.updateDetails(t.db, a, id, {
    ...texts,
    ...schedule("2026-03-01", "2026-03-05", "2026-03-25", "2026-03-20"),
  });
  await cmd.addTariffLine(t.db, a, id, line);
  return id;
}

async function transitions(id: number) {
  return t.db
    .selectFrom("hearing_transitions")
    .select(["from_state", "to_state", "actor_user_id", "reason"])
    .where("hearing_id", "=", id)
    .orderBy("id")
    .execute();
}

describe(`hearing state machine with a controllable clock (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("creates a draft with a short code and the default question", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = await readyDraft();
    const h = await t.db
      .selectFrom("hearings")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(h.state).toBe("draft");
    expect(h.short_code).toMatch(/^[a-z0-9]{6}$/);
    expect(h.search_text).toContain("таштанды");
    const q = await t.db.selectFrom("questions").selectAll().where("hearing_id", "=", id).execute();
    expect(q.map((x) => x.title_ru)).toEqual(["Поддерживаете ли вы предложение?"]);
    expect(q[0].title_ky).toBe("Сунушту колдойсузбу?");
  });

  it("goes draft → announced → open (clock) → closed early, and refuses what does not fit", async () => {
    setClock("2026-02-27T04:00:00Z");
    const a = await actor(ids.official);
    const id = await readyDraft();
    await refused(cmd.closeHearing(t.db, a, id), "errors.badTransition");
    await cmd.addQuestion(t.db, a, id, {
      titleKy: "Экинчи суроо?",
      titleRu: "Второй вопрос?",
      tariffLineId: null,
    });
    await cmd.announceHearing(t.db, a, id);
    expect((await getHearingHeader(t.db, id, "ru"))!.state).toBe("announced");
    await refused(cmd.announceHearing(t.db, a, id), "errors.badTransition");
    await refused(cmd.closeHearing(t.db, a, id), "errors.badTransition");
    // after announcement a new question is an amendment: refused without its reason (ADR 0050)
    await refused(
      cmd.addQuestion(t.db, a, id, { titleKy: "x", titleRu: "x", tariffLineId: null }),
      "amend.reasonRequired",
    );

    // the comment period starts: derived on read without a write, recorded once (no actor) by
    // the job tick, however often it runs
    setClock("2026-03-06T04:00:00Z");
    expect((await getHearingHeader(t.db, id, "ky"))!.state).toBe("open");
    expect(await transitions(id)).toHaveLength(2);
    const view = (await getHearingView(t.db, id, "ru"))!;
    expect(view.transitions.at(-1)).toMatchObject({ from: "announced", to: "open", byClock: true });
    await runHearingStateTick(t.db);
    await runHearingStateTick(t.db);
    expect(await transitions(id)).toEqual([
      { from_state: null, to_state: "draft", actor_user_id: ids.official, reason: null },
      { from_state: "draft", to_state: "announced", actor_user_id: ids.official, reason: null },
      { from_state: "announced", to_state: "open", actor_user_id: null, reason: null },
    ]);

    // too early to close: the municipality's minimum is 14 days from 05.03
    setClock("2026-03-10T04:00:00Z");
    await refused(cmd.closeHearing(t.db, a, id), "errors.tooEarlyToClose");

    // an edit after announcement is kept as a version with what changed
    await cmd.updateDetails(t.db, a, id, {
      ...texts,
      summaryRu: "Повышение тарифа с 25 до 35 сом (уточнено).",
      ...schedule("2026-03-01", "2026-03-05", "2026-03-25", "2026-03-20"),
    });
    const v = await getHearingView(t.db, id, "ru");
    expect(v!.version).toBe(2);
    expect(v!.lastUpdate!.changed).toEqual(["summary_ru"]);
    const versions = await t.db
      .selectFrom("hearing_versions")
      .selectAll()
      .where("hearing_id", "=", id)
      .execute();
    expect(versions).toHaveLength(1);
    expect(JSON.parse(versions[0].snapshot_json).summary_ru).toContain("уточнено");

    // a schedule that breaks the rules is refused after announcement too
    await refused(
      cmd.updateDetails(t.db, a, id, {
        ...texts,
        ...schedule("2026-03-01", "2026-03-05", "2026-03-10", "2026-03-20"),
      }),
      "schedule.minCommentDays",
    );

    setClock("2026-03-19T04:00:00Z");
    await cmd.closeHearing(t.db, a, id, "Жетиштүү пикир чогулду");
    expect((await getHearingHeader(t.db, id, "ru"))!.state).toBe("closed");
    const last = (await transitions(id)).at(-1)!;
    expect(last).toEqual({
      from_state: "open",
      to_state: "closed",
      actor_user_id: ids.official,
      reason: "Жетиштүү пикир чогулду",
    });
    await refused(cmd.cancelHearing(t.db, a, id, "x"), "errors.badTransition");
    const logged = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "hearing")
      .where("target_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(logged.map((l) => l.action)).toEqual([
      "hearing.create",
      "hearing.announce",
      "hearing.close",
    ]);
    await refused(cmd.addTariffLine(t.db, a, id, line), "errors.notEditable");
  });

  it("closes by the clock when the period ends, recording both steps once", async () => {
    setClock("2026-02-27T04:00:00Z");
    const a = await actor(ids.official);
    const id = await readyDraft();
    await cmd.announceHearing(t.db, a, id);
    setClock("2026-03-26T00:00:00Z");
    expect((await getHearingHeader(t.db, id, "ru"))!.state).toBe("closed");
    const stored = await t.db
      .selectFrom("hearings")
      .select("state")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.state).toBe("announced"); // a read never writes
    expect(await runHearingStateTick(t.db)).toBeGreaterThanOrEqual(1);
    await runHearingStateTick(t.db);
    const tr = await transitions(id);
    expect(tr.slice(2)).toEqual([
      { from_state: "announced", to_state: "open", actor_user_id: null, reason: null },
      { from_state: "open", to_state: "closed", actor_user_id: null, reason: null },
    ]);
    const h = await t.db
      .selectFrom("hearings")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(h.state).toBe("closed");
    expect(h.closed_at).toBe(endOfBishkekDay("2026-03-25")!.toISOString());
  });

  it("cancels only with a reason, and refuses announcing an incomplete draft", async () => {
    setClock("2026-02-27T04:00:00Z");
    const a = await actor(ids.official);
    const empty = await cmd.createHearing(t.db, a, {
      municipalityId: places.issykKul.id,
      type: "plan",
      titleKy: "План",
      titleRu: "План",
      initiatorKind: "okmotu",
    });
    await refused(cmd.announceHearing(t.db, a, empty), "announce.missingText");
    const id = await readyDraft();
    await cmd.announceHearing(t.db, a, id);
    await refused(cmd.cancelHearing(t.db, a, id, "  "), "errors.reasonRequired");
    await cmd.cancelHearing(t.db, a, id, "Тариф кайра эсептелет");
    const v = await getHearingView(t.db, id, "ru");
    expect(v!.state).toBe("cancelled");
    expect(v!.cancelReason).toBe("Тариф кайра эсептелет");
    expect((await transitions(id)).at(-1)).toMatchObject({
      from_state: "announced",
      to_state: "cancelled",
    });
  });

  it("refuses a cost breakdown that does not add up to the proposed price", async () => {
    setClock("2026-02-27T04:00:00Z");
    const a = await actor(ids.official);
    const id = await readyDraft();
    await refused(
      cmd.addTariffLine(t.db, a, id, {
        ...line,
        costItems: [
          { nameKy: "Май", nameRu: "Топливо", amount: 1000 },
          { nameKy: "Акы", nameRu: "Зарплата", amount: 2000 },
        ],
      }),
      "errors.costSum",
    );
    // another category: one hearing has one line per service, category and unit
    await cmd.addTariffLine(t.db, a, id, {
      ...line,
      category: "budget",
      costItems: [
        { nameKy: "Май", nameRu: "Топливо", amount: 1500 },
        { nameKy: "Акы", nameRu: "Зарплата", amount: 2000 },
      ],
    });
    const v = await getHearingView(t.db, id, "ru");
    expect(v!.tariffLines[1].costItems.map((c) => c.amount)).toEqual([1500, 2000]);
    expect(v!.tariffLines[0].ratio).toBeCloseTo(0.4);
  });
});

// ---- routes: permissions, uploads, public visibility -----------------------------------------

async function result(
  p: Promise<unknown>,
): Promise<{ status: number; body: any; headers?: Headers }> {
  try {
    const r: any = await p;
    if (r instanceof Response)
      return {
        status: r.status,
        body: r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text(),
        headers: r.headers,
      };
    if (r && r.type === "DataWithResponseInit")
      return { status: r.init?.status ?? 200, body: r.data };
    return { status: 200, body: r };
  } catch (e) {
    if (e instanceof Response)
      return { status: e.status, body: await e.text(), headers: e.headers };
    throw e;
  }
}
const args = (request: Request, params: Record<string, string>) =>
  ({ request, params, context: {} }) as any;

describe("officials' pages: only that municipality's officials", () => {
  it("lets the official create a hearing and edit it; a bad form comes back 400 with the typed values", async () => {
    setClock("2026-02-27T04:00:00Z");
    const created = await result(
      newRoute.action(
        args(
          makeRequest("/ru/office/hearings/new", {
            cookie: cookies.official,
            form: {
              municipalityId: String(places.issykKul.id),
              type: "tariff",
              titleKy: "Суу",
              titleRu: "Вода",
              initiatorKind: "okmotu",
            },
          }),
          { lang: "ru" },
        ),
      ),
    );
    expect(created.status).toBe(302);
    const bad = await result(
      newRoute.action(
        args(
          makeRequest("/ru/office/hearings/new", {
            cookie: cookies.official,
            form: {
              municipalityId: String(places.issykKul.id),
              type: "tariff",
              titleKy: "",
              titleRu: "Вода",
              initiatorKind: "okmotu",
            },
          }),
          { lang: "ru" },
        ),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.titleKy).toEqual(["Заполните это поле."]);
    expect(bad.body.values.titleRu).toBe("Вода");
  });

  it("refuses a resident, another municipality's official, and anonymous visitors", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    for (const who of [cookies.resident, cookies.saryOi]) {
      const get = await result(
        overviewRoute.loader(
          args(makeRequest(`/ru/office/hearings/${id}`, { cookie: who }), { lang: "ru", id }),
        ),
      );
      expect(get.status).toBe(403);
      const post = await result(
        overviewRoute.action(
          args(
            makeRequest(`/ru/office/hearings/${id}`, { cookie: who, form: { intent: "announce" } }),
            { lang: "ru", id },
          ),
        ),
      );
      expect(post.status).toBe(403);
      const prev = await result(
        previewRoute.loader(
          args(makeRequest(`/ru/office/hearings/${id}/preview`, { cookie: who }), {
            lang: "ru",
            id,
          }),
        ),
      );
      expect(prev.status).toBe(403);
    }
    const anon = await result(
      overviewRoute.action(
        args(makeRequest(`/ru/office/hearings/${id}`, { form: { intent: "announce" } }), {
          lang: "ru",
          id,
        }),
      ),
    );
    expect(anon.status).toBe(302);
    const createElsewhere = await result(
      newRoute.action(
        args(
          makeRequest("/ru/office/hearings/new", {
            cookie: cookies.saryOi,
            form: {
              municipalityId: String(places.issykKul.id),
              type: "tariff",
              titleKy: "x",
              titleRu: "x",
              initiatorKind: "okmotu",
            },
          }),
          { lang: "ru" },
        ),
      ),
    );
    expect(createElsewhere.status).toBe(403);
    const h = await t.db
      .selectFrom("hearings")
      .select("state")
      .where("id", "=", Number(id))
      .executeTakeFirstOrThrow();
    expect(h.state).toBe("draft");
  });

  it("shows a schedule that breaks the rules as a localized 400 naming the rule", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    const r = await result(
      detailsRoute.action(
        args(
          makeRequest(`/ru/office/hearings/${id}/details`, {
            cookie: cookies.official,
            form: {
              intent: "details",
              titleKy: "а",
              titleRu: "б",
              authoritativeLang: "ky",
              initiatorKind: "okmotu",
              noticeDate: "2026-03-01",
              commentStartDate: "2026-03-02",
              commentEndDate: "2026-03-10",
              meetingDate: "2026-03-05",
              meetingTime: "10:00",
            },
          }),
          { lang: "ru", id },
        ),
      ),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors.commentEndDate[0]).toContain("не меньше 14 дн.; сейчас — 9 дн.");
    expect(r.body.errors.meetingDate[0]).toContain("за 10 дн.");
    expect(r.body.values.commentEndDate).toBe("2026-03-10");
  });

  it("announces through the page and refuses an incomplete one with a message", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    const overview = async () =>
      (
        await result(
          overviewRoute.loader(
            args(makeRequest(`/ru/office/hearings/${id}`, { cookie: cookies.official }), {
              lang: "ru",
              id,
            }),
          ),
        )
      ).body;
    // the view model carries the policy's answers: a draft may be announced or cancelled, not closed
    expect((await overview()).actions).toEqual({
      announce: { offered: true, refusal: null },
      close: { offered: false, refusal: { key: "hearings:errors.badTransition", status: 409 } },
      cancel: { offered: true, refusal: null },
    });
    const ok = await result(
      overviewRoute.action(
        args(
          makeRequest(`/ky/office/hearings/${id}`, {
            cookie: cookies.official,
            form: { intent: "announce" },
          }),
          { lang: "ky", id },
        ),
      ),
    );
    expect(ok.body).toMatchObject({ ok: true, done: "announced" });
    const again = await result(
      overviewRoute.action(
        args(
          makeRequest(`/ky/office/hearings/${id}`, {
            cookie: cookies.official,
            form: { intent: "announce" },
          }),
          { lang: "ky", id },
        ),
      ),
    );
    expect(again.status).toBe(409);
    expect(again.body.errors._form[0]).toBe("Учурдагы абалдан бул аракет мүмкүн эмес.");
    // open since 05.03 with a 14-day minimum: closing early is offered, refused until 19.03
    setClock("2026-03-10T04:00:00Z");
    const open = await overview();
    expect(open.state).toBe("open");
    expect(open.missing).toEqual([]);
    expect(open.actions.announce.offered).toBe(false);
    expect(open.actions.cancel).toEqual({ offered: true, refusal: null });
    expect(open.actions.close.offered).toBe(true);
    expect(open.actions.close.refusal).toMatchObject({
      key: "hearings:errors.tooEarlyToClose",
      status: 409,
      params: { min: 14 },
    });
    const closeFrom = new Date(open.actions.close.refusal.params.date);
    expect(closeFrom.getTime()).toBeGreaterThan(new Date("2026-03-10T04:00:00Z").getTime());
    setClock(closeFrom.toISOString());
    expect((await overview()).actions.close).toEqual({ offered: true, refusal: null });
    setClock("2026-02-27T04:00:00Z");
    const cancel = await result(
      overviewRoute.action(
        args(
          makeRequest(`/ru/office/hearings/${id}`, {
            cookie: cookies.official,
            form: { intent: "cancel", reason: "" },
          }),
          { lang: "ru", id },
        ),
      ),
    );
    expect(cancel.status).toBe(400);
    expect(cancel.body.errors.reason).toBeTruthy();
  });
});

function upload(
  id: string,
  name: string,
  bytes: Uint8Array,
  cookie: string,
  type = "application/octet-stream",
) {
  const fd = new FormData();
  fd.set("intent", "upload");
  fd.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return new Request(`http://localhost/ru/office/hearings/${id}/documents`, {
    method: "POST",
    body: fd,
    headers: { cookie },
  });
}
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe("documents", () => {
  it("stores a real PDF and serves it with its type; refuses wrong type, spoofed extension, oversize", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    const ok = await result(
      documentsRoute.action(
        args(upload(id, "Тариф эсеби.pdf", PDF, cookies.official, "application/pdf"), {
          lang: "ru",
          id,
        }),
      ),
    );
    expect(ok.body).toMatchObject({ ok: true });
    const doc = await t.db
      .selectFrom("documents")
      .selectAll()
      .where("hearing_id", "=", Number(id))
      .executeTakeFirstOrThrow();
    expect(doc.content_type).toBe("application/pdf");

    const wrong = await result(
      documentsRoute.action(
        args(
          upload(id, "virus.exe", new TextEncoder().encode("MZ\x90\x00\x03"), cookies.official),
          { lang: "ru", id },
        ),
      ),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.file[0]).toContain("не принимается");
    const spoofed = await result(
      documentsRoute.action(
        args(upload(id, "report.pdf", PNG, cookies.official, "application/pdf"), {
          lang: "ky",
          id,
        }),
      ),
    );
    expect(spoofed.status).toBe(400);
    expect(spoofed.body.errors.file[0]).toBe("Файлдын кеңейтүүсү анын мазмунуна дал келбейт.");
    setEnvForTests({ UPLOAD_MAX_BYTES: "1024" });
    try {
      const big = new Uint8Array(4096);
      big.set(PDF);
      const over = await result(
        documentsRoute.action(
          args(upload(id, "big.pdf", big, cookies.official), { lang: "ru", id }),
        ),
      );
      expect(over.status).toBe(400);
      expect(over.body.errors.file[0]).toContain("слишком большой");
    } finally {
      setEnvForTests({});
    }
    expect(
      await t.db
        .selectFrom("documents")
        .select("id")
        .where("hearing_id", "=", Number(id))
        .execute(),
    ).toHaveLength(1);
    const other = await result(
      documentsRoute.action(args(upload(id, "x.pdf", PDF, cookies.saryOi), { lang: "ru", id })),
    );
    expect(other.status).toBe(403);

    // a draft's document: only its officials
    const docId = String(doc.id);
    const anon = await result(
      docRoute.loader(
        args(makeRequest(`/ru/hearings/${id}/documents/${docId}`), { lang: "ru", id, docId }),
      ),
    );
    expect(anon.status).toBe(404);
    const mine = await docRoute.loader(
      args(makeRequest(`/ru/hearings/${id}/documents/${docId}`, { cookie: cookies.official }), {
        lang: "ru",
        id,
        docId,
      }),
    );
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("application/pdf");
    expect(mine.headers.get("content-disposition")).toContain("filename*=UTF-8''%D0%A2");
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(PDF);
  });
});

describe("public pages", () => {
  it("hides drafts from the public and other municipalities' officials, shows them to their own", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    for (const cookie of [undefined, cookies.resident, cookies.saryOi]) {
      const r = await result(
        publicRoute.loader(args(makeRequest(`/ru/hearings/${id}`, { cookie }), { lang: "ru", id })),
      );
      expect(r.status).toBe(404);
    }
    const mine = await result(
      publicRoute.loader(
        args(makeRequest(`/ru/hearings/${id}`, { cookie: cookies.official }), { lang: "ru", id }),
      ),
    );
    expect(mine.body.view.state).toBe("draft");
    const prev = await result(
      previewRoute.loader(
        args(makeRequest(`/ky/office/hearings/${id}/preview`, { cookie: cookies.official }), {
          lang: "ky",
          id,
        }),
      ),
    );
    expect(prev.body.ky.title).toBe(texts.titleKy);
    expect(prev.body.ru.title).toBe(texts.titleRu);
  });

  it("serves the calculator's inputs from the link, and the tariff table with its change", async () => {
    setClock("2026-02-27T04:00:00Z");
    const a = await actor(ids.official);
    const id = await readyDraft();
    await cmd.announceHearing(t.db, a, id);
    const r = await result(
      publicRoute.loader(
        args(makeRequest(`/ky/hearings/${id}?hh=3&m3=5`), { lang: "ky", id: String(id) }),
      ),
    );
    expect(r.body.calcInput).toEqual({ hh: 3, m3: 5, m2: 0 });
    expect(r.body.view.tariffLines[0]).toMatchObject({ currentPrice: 2500, proposedPrice: 3500 });
    expect(r.body.view.title).toBe(texts.titleKy);
  });

  it("lists a municipality's hearings with filters and ӊ/ң search, and the open ones on the home page", async () => {
    setClock("2026-03-06T04:00:00Z");
    const { items, years } = await listMunicipalityHearings(t.db, places.issykKul.id, "ru", {});
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.state !== "draft")).toBe(true);
    expect(years).toContain(2026);
    const open = await listMunicipalityHearings(t.db, places.issykKul.id, "ru", { state: "open" });
    expect(open.items.every((i) => i.state === "open")).toBe(true);
    expect(
      (await listMunicipalityHearings(t.db, places.issykKul.id, "ru", { type: "plan" })).items,
    ).toEqual([]);
    expect(
      (await listMunicipalityHearings(t.db, places.issykKul.id, "ru", { year: 2019 })).items,
    ).toEqual([]);
    // search folds ӊ to ң and case
    const a = await actor(ids.official);
    const id = await readyDraft();
    await cmd.updateDetails(t.db, a, id, {
      ...texts,
      titleKy: "Чоң-Таш суу тарифи",
      ...schedule("2026-03-06", "2026-03-06", "2026-03-30", "2026-03-20"),
    });
    await cmd.announceHearing(t.db, a, id);
    const found = await listMunicipalityHearings(t.db, places.issykKul.id, "ky", { q: "ЧОӉ-ТАШ" });
    expect(found.items.map((i) => i.id)).toEqual([id]);
    const home = await listOpenHearings(t.db, "ru");
    expect(home.map((h) => h.id)).toContain(id);
    expect(home.every((h) => h.state === "open")).toBe(true);
  });
});

describe("editing a tariff line after announcement", () => {
  it("updates prices and cost items through the page and keeps a version", async () => {
    setClock("2026-02-27T04:00:00Z");
    const a = await actor(ids.official);
    const id = await readyDraft();
    await cmd.announceHearing(t.db, a, id);
    const lineId = (await getHearingView(t.db, id, "ru"))!.tariffLines[0].id;
    const form = {
      intent: "updateLine",
      lineId: String(lineId),
      service: "waste_collection",
      category: "population",
      unit: "person_month",
      currentPrice: "25",
      proposedPrice: "32,50",
      costItems: "Май; Топливо; 12,50\nАкы; Зарплата; 20",
    };
    const bad = await result(
      linesRoute.action(
        args(
          makeRequest(`/ru/office/hearings/${id}/lines`, {
            cookie: cookies.official,
            form: { ...form, proposedPrice: "33" },
          }),
          { lang: "ru", id: String(id) },
        ),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.costItems[0]).toContain("32,50\u00a0сом");
    expect(bad.body.values.proposedPrice).toBe("33");
    // announced: a price change is an amendment; without its reason it is refused at the field,
    // in the page's language, with what was typed kept (ADR 0050)
    const noReason = await result(
      linesRoute.action(
        args(makeRequest(`/ru/office/hearings/${id}/lines`, { cookie: cookies.official, form }), {
          lang: "ru",
          id: String(id),
        }),
      ),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.amendReason[0]).toBe(
      "Укажите причину изменения: слушания объявлены, а меняется то, по чему голосуют.",
    );
    expect(noReason.body.values).toMatchObject({
      proposedPrice: "32,50",
      costItems: form.costItems,
    });
    const ok = await result(
      linesRoute.action(
        args(
          makeRequest(`/ru/office/hearings/${id}/lines`, {
            cookie: cookies.official,
            form: { ...form, amendReason: "Подорожало топливо" },
          }),
          { lang: "ru", id: String(id) },
        ),
      ),
    );
    expect(ok.body).toMatchObject({ ok: true });
    const v = (await getHearingView(t.db, id, "ru"))!;
    expect(v.tariffLines[0]).toMatchObject({ currentPrice: 2500, proposedPrice: 3250 });
    expect(v.tariffLines[0].costItems).toEqual([
      { name: "Топливо", amount: 1250 },
      { name: "Зарплата", amount: 2000 },
    ]);
    expect(v.version).toBe(2);
    expect(v.lastUpdate!.changed).toEqual(["tariffLines"]);
    expect(v.amendments).toMatchObject([{ number: 1, reason: "Подорожало топливо" }]);
  });
});

describe("the office hearing route as a frame for other features' pages", () => {
  it("gives children a header only, hiding drafts from others", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    const frame = await result(
      frameRoute.loader(
        args(makeRequest(`/ru/office/hearings/${id}/comments`, { cookie: cookies.official }), {
          lang: "ru",
          id,
        }),
      ),
    );
    expect(frame.body).toMatchObject({ header: { id: Number(id), state: "draft" } });
    const other = await result(
      frameRoute.loader(
        args(makeRequest(`/ru/office/hearings/${id}/comments`, { cookie: cookies.saryOi }), {
          lang: "ru",
          id,
        }),
      ),
    );
    expect(other.status).toBe(404);
    const anon = await result(
      frameRoute.loader(
        args(makeRequest(`/ru/office/hearings/${id}/comments`), { lang: "ru", id }),
      ),
    );
    expect(anon.status).toBe(302);
    const edit = await result(
      overviewRoute.loader(
        args(makeRequest(`/ru/office/hearings/${id}`, { cookie: cookies.official }), {
          lang: "ru",
          id,
        }),
      ),
    );
    expect(edit.body.state).toBe("draft");
    expect(edit.body.missing).toEqual([]);
  });
});

describe("the office hearing pages by intent", () => {
  it("each page runs only its own intents, and a part that does not apply is not found", async () => {
    setClock("2026-02-27T04:00:00Z");
    const id = String(await readyDraft());
    const asOfficial = (path: string, form?: Record<string, string>) =>
      args(makeRequest(`/ru/office/hearings/${id}${path}`, { cookie: cookies.official, form }), {
        lang: "ru",
        id,
      });
    // announcing belongs to the overview: the details page refuses it and the draft stays
    const elsewhere = await result(
      detailsRoute.action(asOfficial("/details", { intent: "announce" })),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors._form).toEqual([
      "Проверьте форму: некоторые поля заполнены неверно.",
    ]);
    expect(
      (
        await t.db
          .selectFrom("hearings")
          .select("state")
          .where("id", "=", Number(id))
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe("draft");
    // a tariff hearing has lines, not plan sections
    expect((await result(linesRoute.loader(asOfficial("/lines")))).body.lines).toHaveLength(1);
    expect((await result(planRoute.loader(asOfficial("/plan")))).status).toBe(404);
    // the overview links each missing item to the page where it is filled in
    await cmd.updateDetails(t.db, await actor(ids.official), Number(id), {
      ...texts,
      meetingPlaceKy: null,
      meetingPlaceRu: null,
      ...schedule("2026-03-01", "2026-03-05", "2026-03-25", "2026-03-20"),
    });
    const overview = await result(overviewRoute.loader(asOfficial("")));
    expect(overview.body.missing).toEqual([
      { field: "meetingPlace", key: "announce.missingPlace" },
    ]);
  });
});
