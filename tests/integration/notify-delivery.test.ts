import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { deliverDueMail } from "~/modules/mail/sender.server";
import { makeComment } from "~/modules/demo/build";
import { emit } from "~/modules/notify/events.server";
import { runReminders, sendDigests } from "~/modules/reach/jobs.server";
import { countUnread } from "~/modules/reach/queries.server";
import { action as settingsAction } from "~/routes/$lang.account.notifications";
import { action as subscribeAction } from "~/routes/$lang.m.$slug.subscribe";
import {
  action as unsubscribeAction,
  loader as unsubscribeLoader,
} from "~/routes/$lang.unsubscribe.$token";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRequest, makeUser, sessionCookieFor } from "../helpers/factories";
import { makeHearing, reachWorld, type ReachWorld } from "../helpers/reach-fixtures";
import { startSmtp, type ReceivedMail } from "../helpers/reach-smtp";

let t: TestDb;
let w: ReachWorld;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const BASE = "https://jyiyn.example.kg";
let slug: string;
const people = {} as Record<
  "asel" | "bakyt" | "daria" | "official",
  { id: number; cookie: string }
>;

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.inbox.length;
  await deliverDueMail(t.db);
  return smtp.inbox.slice(before);
}

function mailTo(mails: ReceivedMail[], userEmail: string) {
  return mails.filter((m) => m.to.includes(userEmail));
}

beforeAll(async () => {
  t = await createTestDb();
  w = await reachWorld(t.db);
  smtp = await startSmtp();
  setEnvForTests({ PUBLIC_URL: BASE, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  setClock("2026-11-30T04:00:00.000Z");
  const m = await t.db
    .selectFrom("municipalities")
    .select("slug")
    .where("id", "=", w.places.issykKul.id)
    .executeTakeFirstOrThrow();
  slug = m.slug;
  // of Issyk-Kul, not verified (its settings let her comment)
  const asel = await makeUser(t.db, {
    email: "asel@test.kg",
    name: "Асель",
    municipalityId: w.places.issykKul.id,
  });
  const bakyt = await makeUser(t.db, { email: null, phone: "+996700000001", name: "Бакыт" });
  const daria = await makeUser(t.db, { email: "daria@test.kg", name: "Дарья" });
  await t.db.updateTable("users").set({ locale: "ru" }).where("id", "=", daria).execute();
  for (const [k, id] of [
    ["asel", asel],
    ["bakyt", bakyt],
    ["daria", daria],
    ["official", w.officialId],
  ] as const) {
    people[k] = { id, cookie: await sessionCookieFor(t.db, id) };
  }
});
afterAll(async () => {
  setClock(null);
  setEnvForTests({ SMTP_URL: "" });
  await smtp.stop();
  await t.cleanup();
});

describe(`notifications by mail and in the portal (${process.env.TEST_DB ?? "sqlite"})`, () => {
  let hearingId: number;

  it("anonymous visitors cannot subscribe: they are sent to sign in", async () => {
    const res = (await run(() =>
      subscribeAction({
        request: makeRequest(`/ky/m/${slug}/subscribe`, { form: { intent: "subscribe" } }),
        params: { lang: "ky", slug },
        context: {},
      }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/ky\/login\?redirectTo=/);
    const n = await t.db
      .selectFrom("subscriptions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });

  it("signed-in people subscribe from the municipality page", async () => {
    for (const who of ["asel", "bakyt", "daria"] as const) {
      const res = (await run(() =>
        subscribeAction({
          request: makeRequest(`/ky/m/${slug}/subscribe`, {
            form: { intent: "subscribe" },
            cookie: people[who].cookie,
          }),
          params: { lang: "ky", slug },
          context: {},
        }),
      )) as Response;
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/ky/m/${slug}`);
    }
    // twice is still once
    await subscribeAction({
      request: makeRequest(`/ky/m/${slug}/subscribe`, {
        form: { intent: "subscribe" },
        cookie: people.asel.cookie,
      }),
      params: { lang: "ky", slug },
      context: {},
    });
    const subs = await t.db.selectFrom("subscriptions").selectAll().execute();
    expect(subs).toHaveLength(3);
  });

  it("a bad preference value is a 400 with the localized error and the typed values", async () => {
    const res = (await settingsAction({
      request: makeRequest("/ru/account/notifications", {
        form: { intent: "prefs", answers: "on", delivery: "weekly" },
        cookie: people.daria.cookie,
      }),
      params: { lang: "ru" },
      context: {},
    })) as unknown as { init: { status: number }; data: { errors: Record<string, string[]> } };
    expect(res.init.status).toBe(400);
    expect(res.data.errors.delivery).toEqual(["Выберите способ доставки писем."]);
    // Daria chooses the daily digest
    const ok = await settingsAction({
      request: makeRequest("/ru/account/notifications", {
        form: {
          intent: "prefs",
          newHearings: "on",
          results: "on",
          protocols: "on",
          answers: "on",
          reminders: "on",
          delivery: "daily",
        },
        cookie: people.daria.cookie,
      }),
      params: { lang: "ru" },
      context: {},
    });
    expect(ok).toMatchObject({ ok: true });
  });

  it("a new hearing reaches subscribers: mail for Asel, the portal list for everyone", async () => {
    hearingId = await makeHearing(t.db, {
      municipalityId: w.places.issykKul.id,
      createdBy: w.officialId,
      shortCode: "tyup-n1",
      announceAt: "2026-11-30T04:00:00.000Z",
    });
    // made through the commands: announcing it emitted "hearing.announced" in its transaction
    const mails = await deliver();
    expect(mails).toHaveLength(1);
    const [m] = mailTo(mails, "asel@test.kg");
    expect(m.subject).toBe("Жаңы коомдук угуулар: Таштанды чыгаруу тарифи — Түп айылы");
    expect(m.text).toContain("жаңы коомдук угуулар жарыяланды");
    expect(m.text).toContain(`${BASE}/ky/hearings/${hearingId}`);
    expect(m.text).toMatch(new RegExp(`${BASE}/ky/unsubscribe/\\d+\\.[A-Za-z0-9_-]+`));
    // RFC 8058 one-click unsubscribe headers, with the same link
    expect(m.headers["list-unsubscribe"]).toMatch(
      new RegExp(`^<${BASE}/ky/unsubscribe/\\d+\\.[A-Za-z0-9_-]+>$`),
    );
    expect(m.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    for (const who of ["asel", "bakyt", "daria"] as const)
      expect(await countUnread(t.db, people[who].id)).toBe(1);
    expect(await countUnread(t.db, people.official.id)).toBe(0);
  });

  it("an official's answer reaches the comment's author", async () => {
    // posted and answered through the commands: the answer emits "comment.answered"
    setClock("2026-12-03T05:00:00.000Z");
    await makeComment(t.db, hearingId, {
      author: people.asel.id,
      stance: "against",
      body: "Тариф өтө жогору.",
      at: "2026-12-02T05:00:00.000Z",
      answer: {
        status: "partly_accepted",
        text: "Жарым-жартылай эске алынды.",
        by: w.officialId,
        at: "2026-12-03T05:00:00.000Z",
      },
    });
    const mails = await deliver();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(["asel@test.kg"]);
    expect(mails[0].subject).toBe(
      "Сын-пикириңизге жооп келди: Таштанды чыгаруу тарифи — Түп айылы",
    );
    expect(mails[0].text).toContain("жарым-жартылай кабыл алынды");
    expect(await countUnread(t.db, people.asel.id)).toBe(2);
  });

  it("reminds two days before the comment period ends, once, however often the job runs", async () => {
    // comments end 20.12.2026 23:59:59 Bishkek (17:59:59Z); three days before: nothing yet
    setClock("2026-12-17T17:00:00.000Z");
    expect(await runReminders(t.db)).toBe(0);
    setClock("2026-12-19T00:00:00.000Z");
    const [a, b] = await Promise.all([runReminders(t.db), runReminders(t.db)]);
    expect(a + b).toBe(3); // Asel, Bakyt, Daria
    expect(await runReminders(t.db)).toBe(0);
    const mails = await deliver();
    expect(mails).toHaveLength(1); // Bakyt has no address; Daria reads the digest
    expect(mails[0].to).toEqual(["asel@test.kg"]);
    expect(mails[0].subject).toContain("сын-пикир берүү мөөнөтү аяктап баратат");
    expect(mails[0].text).toContain("20.12.2026, 23:59");
  });

  it("sends the daily digest once a day, from 08:00 Bishkek", async () => {
    setClock("2026-12-19T01:00:00.000Z"); // 07:00 Bishkek
    expect(await sendDigests(t.db)).toBe(0);
    setClock("2026-12-19T03:00:00.000Z"); // 09:00 Bishkek
    const [a, b] = await Promise.all([sendDigests(t.db), sendDigests(t.db)]);
    expect(a + b).toBe(1);
    expect(await sendDigests(t.db)).toBe(0);
    const mails = await deliver();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(["daria@test.kg"]);
    expect(mails[0].subject).toBe("Жыйын: 2 новых уведомления");
    expect(mails[0].text).toContain("объявлены новые публичные слушания");
    expect(mails[0].text).toContain("Напоминание: приём замечаний");
    expect(mails[0].text).toContain(`${BASE}/ru/unsubscribe/`);
  });

  it("reminds the day before the meeting", async () => {
    setClock("2026-12-21T10:00:00.000Z"); // the meeting is 22.12 15:00 Bishkek
    expect(await runReminders(t.db)).toBe(3);
    expect(await runReminders(t.db)).toBe(0);
    const mails = await deliver();
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("эртең жыйын");
    expect(mails[0].text).toContain("22.12.2026, 15:00");
    expect(mails[0].text).toContain("маданият үйү");
  });

  it("per-kind preferences: answers switched off means no answer notification", async () => {
    await settingsAction({
      request: makeRequest("/ky/account/notifications", {
        form: { intent: "prefs", newHearings: "on", results: "on", delivery: "immediate" },
        cookie: people.asel.cookie,
      }),
      params: { lang: "ky" },
      context: {},
    });
    const before = await countUnread(t.db, people.asel.id);
    setClock("2026-12-06T05:00:00.000Z");
    await makeComment(t.db, hearingId, {
      author: people.asel.id,
      stance: "for",
      body: "Макулмун.",
      at: "2026-12-05T05:00:00.000Z",
      answer: {
        status: "accepted",
        text: "Рахмат.",
        by: w.officialId,
        at: "2026-12-06T05:00:00.000Z",
      },
    });
    expect(await deliver()).toHaveLength(0);
    expect(await countUnread(t.db, people.asel.id)).toBe(before);
  });

  it("unsubscribes in one click from the mail's link, without signing in", async () => {
    const last = [...smtp.inbox].reverse().find((m) => m.to.includes("asel@test.kg"))!;
    const url = /https:\/\/jyiyn\.example\.kg(\/ky\/unsubscribe\/([^\s]+))/.exec(last.text)!;
    const token = decodeURIComponent(url[2]);
    // GET only asks (link scanners must not unsubscribe anyone)
    const page = (await unsubscribeLoader({
      request: makeRequest(url[1]),
      params: { lang: "ky", token },
      context: {},
    })) as unknown as { init: { status: number }; data: { valid: boolean } };
    expect(page.data.valid).toBe(true);
    const prefsBefore = await t.db
      .selectFrom("notification_prefs")
      .select("delivery")
      .where("user_id", "=", people.asel.id)
      .executeTakeFirstOrThrow();
    expect(prefsBefore.delivery).toBe("immediate");

    // a forged token does nothing
    const forged = (await unsubscribeAction({
      request: makeRequest(`/ky/unsubscribe/x`, { method: "POST" }),
      params: { lang: "ky", token: `${people.daria.id}.${token.split(".")[1]}` },
      context: {},
    })) as unknown as { init: { status: number }; data: { done: boolean } };
    expect(forged.init.status).toBe(404);
    expect(forged.data.done).toBe(false);

    // RFC 8058 one-click POST, no cookie
    const res = (await unsubscribeAction({
      request: makeRequest(url[1], { form: { "List-Unsubscribe": "One-Click" } }),
      params: { lang: "ky", token },
      context: {},
    })) as unknown as { init: { status: number }; data: { done: boolean } };
    expect(res.init.status).toBe(200);
    expect(res.data.done).toBe(true);

    // results of the hearing: Asel still sees it in the portal, but no mail comes
    const unread = await countUnread(t.db, people.asel.id);
    await t.db.transaction().execute((trx) => emit(trx, { type: "hearing.closed", hearingId }));
    expect(mailTo(await deliver(), "asel@test.kg")).toHaveLength(0);
    expect(await countUnread(t.db, people.asel.id)).toBe(unread + 1);
    const daria = await t.db
      .selectFrom("notification_prefs")
      .select("delivery")
      .where("user_id", "=", people.daria.id)
      .executeTakeFirstOrThrow();
    expect(daria.delivery).toBe("daily");
  });

  it("protocol events: submitted reaches the council in the portal, approved reaches subscribers", async () => {
    const secretary = await makeUser(t.db, {
      email: "kenesh@test.kg",
      roles: [{ municipalityId: w.places.issykKul.id, role: "council_secretary" }],
    });
    const otherSecretary = await makeUser(t.db, {
      email: "other@test.kg",
      roles: [{ municipalityId: w.places.saryOi.id, role: "council_secretary" }],
    });
    await emit(t.db, { type: "protocol.submitted", hearingId });
    expect(await countUnread(t.db, secretary)).toBe(1);
    expect(await countUnread(t.db, otherSecretary)).toBe(0);
    await emit(t.db, { type: "protocol.returned", hearingId });
    expect(await countUnread(t.db, people.official.id)).toBe(1);
    expect(await countUnread(t.db, w.otherOfficialId)).toBe(0);
    // work notices stay in the portal (the protocol feature mails them itself)
    expect(await deliver()).toHaveLength(0);
    const bakytBefore = await countUnread(t.db, people.bakyt.id);
    await emit(t.db, { type: "protocol.approved", hearingId });
    expect(await countUnread(t.db, people.bakyt.id)).toBe(bakytBefore + 1);
  });
});
