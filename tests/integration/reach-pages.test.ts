import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { notifyUsers } from "~/modules/reach/notify.server";
import {
  action as settingsAction,
  loader as settingsLoader,
} from "~/routes/$lang.account.notifications";
import { action as listAction, loader as listLoader } from "~/routes/$lang.notifications";
import { action as subscribeAction } from "~/routes/$lang.m.$slug.subscribe";
import { loader as unsubscribeLoader } from "~/routes/$lang.unsubscribe.$token";
import { unreadCountFor } from "~/modules/reach/unread.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest, makeUser, sessionCookieFor } from "../helpers/factories";
import { makeHearing, reachWorld, type ReachWorld } from "../helpers/reach-fixtures";

let t: TestDb;
let w: ReachWorld;
let resident: number;
let residentCookie: string;
let otherCookie: string;
let hearingId: number;

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const args = (url: string, params: Record<string, string>, init = {}) => ({
  request: makeRequest(url, init),
  params,
  context: {},
});

beforeAll(async () => {
  t = await createTestDb();
  w = await reachWorld(t.db);
  setClock("2026-12-01T10:00:00.000Z");
  resident = await makeUser(t.db, { email: null, phone: "+996700111222" });
  residentCookie = await sessionCookieFor(t.db, resident);
  otherCookie = await sessionCookieFor(t.db, w.otherOfficialId);
  hearingId = await makeHearing(t.db, {
    municipalityId: w.places.issykKul.id,
    createdBy: w.officialId,
  });
  await notifyUsers(t.db, [resident], "hearing_announced", hearingId, {
    title: { ky: "Суу тарифи", ru: "Тариф на воду" },
    municipality: { ky: "Ысык-Көл айыл аймагы", ru: "Иссык-Кульский айылный аймак" },
  });
  await notifyUsers(t.db, [resident], "hearing_results", hearingId, {
    title: { ky: "Суу тарифи", ru: "Тариф на воду" },
  });
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

describe("in-portal notification list", () => {
  it("sends anonymous visitors to sign in (list, settings, their actions)", async () => {
    for (const res of [
      await run(() => listLoader(args("/ky/notifications", { lang: "ky" }))),
      await run(() =>
        listAction(args("/ky/notifications", { lang: "ky" }, { form: { intent: "readAll" } })),
      ),
      await run(() => settingsLoader(args("/ru/account/notifications", { lang: "ru" }))),
      await run(() =>
        settingsAction(
          args(
            "/ru/account/notifications",
            { lang: "ru" },
            { form: { intent: "prefs", delivery: "none" } },
          ),
        ),
      ),
    ] as Response[]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/\/login\?redirectTo=/);
    }
    expect(await unreadCountFor(makeRequest("/ky"))).toBe(0);
  });

  it("shows the person's own notifications, localized, with the unread count", async () => {
    const ru = (await listLoader(
      args("/ru/notifications", { lang: "ru" }, { cookie: residentCookie }),
    )) as Awaited<ReturnType<typeof listLoader>>;
    expect(ru.unread).toBe(2);
    expect(ru.items.map((i) => i.text)).toEqual([
      "Опубликованы итоги публичных слушаний «Тариф на воду».",
      "Иссык-Кульский айылный аймак: объявлены новые публичные слушания — «Тариф на воду».",
    ]);
    expect(ru.items[0].href).toBe(`/ru/hearings/${hearingId}#results`);
    expect(ru.items[1].href).toBe(`/ru/hearings/${hearingId}`);
    expect(await unreadCountFor(makeRequest("/ky", { cookie: residentCookie }))).toBe(2);
    // another person sees none of them
    const other = (await listLoader(
      args("/ky/notifications", { lang: "ky" }, { cookie: otherCookie }),
    )) as Awaited<ReturnType<typeof listLoader>>;
    expect(other.items).toEqual([]);
  });

  it("marks one read, but never another person's", async () => {
    const ru = (await listLoader(
      args("/ru/notifications", { lang: "ru" }, { cookie: residentCookie }),
    )) as Awaited<ReturnType<typeof listLoader>>;
    const id = String(ru.items[0].id);
    const foreign = await listAction(
      args(
        "/ky/notifications",
        { lang: "ky" },
        { form: { intent: "read", id }, cookie: otherCookie },
      ),
    );
    expect(foreign).toEqual({ marked: 0 });
    expect(await unreadCountFor(makeRequest("/ky", { cookie: residentCookie }))).toBe(2);
    const own = await listAction(
      args(
        "/ky/notifications",
        { lang: "ky" },
        { form: { intent: "read", id }, cookie: residentCookie },
      ),
    );
    expect(own).toEqual({ marked: 1 });
    const bad = (await listAction(
      args(
        "/ky/notifications",
        { lang: "ky" },
        { form: { intent: "read", id: "abc" }, cookie: residentCookie },
      ),
    )) as Response;
    expect(bad.status).toBe(400);
    expect(
      await listAction(
        args(
          "/ky/notifications",
          { lang: "ky" },
          { form: { intent: "readAll" }, cookie: residentCookie },
        ),
      ),
    ).toEqual({ marked: 1 });
    expect(await unreadCountFor(makeRequest("/ky", { cookie: residentCookie }))).toBe(0);
  });
});

describe("notification settings and subscriptions", () => {
  it("shows defaults: every kind on, immediate mail, no address to mail to", async () => {
    const res = (await settingsLoader(
      args("/ky/account/notifications", { lang: "ky" }, { cookie: residentCookie }),
    )) as Awaited<ReturnType<typeof settingsLoader>>;
    expect(res.prefs).toMatchObject({
      newHearings: true,
      results: true,
      protocols: true,
      answers: true,
      reminders: true,
      delivery: "immediate",
      hasEmail: false,
      subscriptions: [],
    });
    expect(res.prefs.municipalities.length).toBeGreaterThan(1);
  });

  it("subscribes and unsubscribes from the settings page; an unknown municipality is a 400", async () => {
    const bad = (await settingsAction(
      args(
        "/ru/account/notifications",
        { lang: "ru" },
        { form: { intent: "subscribe", municipalityId: "999999" }, cookie: residentCookie },
      ),
    )) as unknown as { init: { status: number }; data: { errors: Record<string, string[]> } };
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.municipalityId).toEqual(["Выберите муниципалитет."]);
    const empty = (await settingsAction(
      args(
        "/ky/account/notifications",
        { lang: "ky" },
        { form: { intent: "subscribe", municipalityId: "" }, cookie: residentCookie },
      ),
    )) as unknown as { init: { status: number }; data: { errors: Record<string, string[]> } };
    expect(empty.init.status).toBe(400);
    expect(empty.data.errors.municipalityId).toEqual(["Муниципалитетти тандаңыз."]);

    const id = String(w.places.saryOi.id);
    expect(
      await settingsAction(
        args(
          "/ky/account/notifications",
          { lang: "ky" },
          { form: { intent: "subscribe", municipalityId: id }, cookie: residentCookie },
        ),
      ),
    ).toMatchObject({ ok: true });
    let view = (await settingsLoader(
      args("/ky/account/notifications", { lang: "ky" }, { cookie: residentCookie }),
    )) as Awaited<ReturnType<typeof settingsLoader>>;
    expect(view.prefs.subscriptions.map((s) => s.municipalityId)).toEqual([w.places.saryOi.id]);
    await settingsAction(
      args(
        "/ky/account/notifications",
        { lang: "ky" },
        { form: { intent: "unsubscribe", municipalityId: id }, cookie: residentCookie },
      ),
    );
    view = (await settingsLoader(
      args("/ky/account/notifications", { lang: "ky" }, { cookie: residentCookie }),
    )) as Awaited<ReturnType<typeof settingsLoader>>;
    expect(view.prefs.subscriptions).toEqual([]);
  });

  it("the municipality subscribe action: 404 for an unknown municipality, 400 for a bad intent", async () => {
    const missing = (await run(() =>
      subscribeAction(
        args(
          "/ky/m/nope/subscribe",
          { lang: "ky", slug: "nope" },
          { form: { intent: "subscribe" }, cookie: residentCookie },
        ),
      ),
    )) as Response;
    expect(missing.status).toBe(404);
    const m = await t.db
      .selectFrom("municipalities")
      .select("slug")
      .where("id", "=", w.places.issykKul.id)
      .executeTakeFirstOrThrow();
    const bad = (await run(() =>
      subscribeAction(
        args(
          `/ky/m/${m.slug}/subscribe`,
          { lang: "ky", slug: m.slug },
          { form: { intent: "everything" }, cookie: residentCookie },
        ),
      ),
    )) as Response;
    expect(bad.status).toBe(400);
  });

  it("an invalid unsubscribe link shows 404 and changes nothing", async () => {
    const res = (await unsubscribeLoader(
      args("/ky/unsubscribe/1.abc", { lang: "ky", token: "1.abc" }),
    )) as unknown as { init: { status: number }; data: { valid: boolean } };
    expect(res.init.status).toBe(404);
    expect(res.data.valid).toBe(false);
  });
});
