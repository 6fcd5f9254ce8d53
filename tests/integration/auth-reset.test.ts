import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { setClock } from "~/modules/core/clock.server";
import { setEnvForTests } from "~/modules/core/env.server";
import { deliverDueMail, smtpTransport } from "~/modules/mail/sender.server";
import { makeUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { invoke } from "../helpers/accounts";
import * as resetRoute from "~/routes/$lang.reset._index";
import * as resetTokenRoute from "~/routes/$lang.reset.$token";
import * as resetCodeRoute from "~/routes/$lang.reset.code";
import * as loginRoute from "~/routes/$lang.login";
import * as officeRoute from "~/routes/$lang.office_.residents._index";
import * as accountRoute from "~/routes/$lang.account._index";

let t: TestDb;
let places: SeededPlaces;
let smtp: SMTPServer;
let port: number;
const inbox: { to: string; raw: string }[] = [];

beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  port = (smtp.server.address() as AddressInfo).port;
  setEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: "http://jyiyn.test" });
});
afterAll(async () => {
  setEnvForTests({ SMTP_URL: "" });
  await new Promise<void>((r) => smtp.close(() => r()));
  await t.cleanup();
});
beforeEach(async () => {
  setClock(null);
  inbox.length = 0;
  await t.db.deleteFrom("rate_limits").execute();
});

/** The text of a single-part message as received (base64 or quoted-printable undone). */
function bodyOf(raw: string): string {
  const i = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, i);
  const body = raw.slice(i + 4);
  if (/content-transfer-encoding:\s*base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

async function deliver() {
  return deliverDueMail(t.db, smtpTransport(`smtp://127.0.0.1:${port}`));
}

describe("password reset by email link through a real SMTP server", () => {
  it("sends a one-time link that sets a new password and signs out other sessions", async () => {
    const id = await makeUser(t.db, { email: "reset@test.kg" });
    const old = await sessionCookieFor(t.db, id);
    const r = await invoke(resetRoute.action, "/ru/reset", { form: { login: "reset@test.kg" } });
    expect(r.status).toBe(200);
    expect(r.data.sent).toBe(true);
    expect(await deliver()).toBe(1);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].to).toBe("reset@test.kg");
    const body = bodyOf(inbox[0].raw);
    const link = /http:\/\/jyiyn\.test\/ru\/reset\/([a-z0-9]+)/.exec(body);
    expect(link).not.toBeNull();
    const token = link![1];
    const row = await t.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    // the token itself is not stored
    const resets = await t.db.selectFrom("password_resets").selectAll().execute();
    expect(resets[0].token_hash).not.toContain(token);

    const page = await invoke(resetTokenRoute.loader, `/ru/reset/${token}`, { params: { token } });
    expect(page.data.valid).toBe(true);
    const weak = await invoke(resetTokenRoute.action, `/ru/reset/${token}`, {
      params: { token },
      form: { password: "short" },
    });
    expect(weak.status).toBe(400);
    const done = await invoke(resetTokenRoute.action, `/ru/reset/${token}`, {
      params: { token },
      form: { password: "new-strong-password-77" },
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("set-cookie")).toMatch(/jyiyn_session=/);
    const sessions = await t.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", id)
      .execute();
    expect(sessions).toHaveLength(1); // only the new one
    expect(old).toBeTruthy();
    const again = await invoke(resetTokenRoute.action, `/ru/reset/${token}`, {
      params: { token },
      form: { password: "another-strong-password" },
    });
    expect(again.status).toBe(400);
    const signIn = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "reset@test.kg", password: "new-strong-password-77" },
    });
    expect(signIn.status).toBe(302);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const r = await invoke(resetRoute.action, "/ky/reset", { form: { login: "ghost@test.kg" } });
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ sent: true });
    expect(await deliver()).toBe(0);
    expect(inbox).toHaveLength(0);
  });

  it("the link expires after one hour", async () => {
    await makeUser(t.db, { email: "late@test.kg" });
    await invoke(resetRoute.action, "/ky/reset", { form: { login: "late@test.kg" } });
    await deliver();
    const token = /\/ky\/reset\/([a-z0-9]+)/.exec(bodyOf(inbox[0].raw))![1];
    setClock(new Date(Date.now() + 61 * 60_000));
    const page = await invoke(resetTokenRoute.loader, `/ky/reset/${token}`, { params: { token } });
    expect(page.data.valid).toBe(false);
    const r = await invoke(resetTokenRoute.action, `/ky/reset/${token}`, {
      params: { token },
      form: { password: "new-strong-password-77" },
    });
    expect(r.status).toBe(400);
  });

  it("a failing SMTP server leaves the message pending with the error visible", async () => {
    await makeUser(t.db, { email: "fail@test.kg" });
    await invoke(resetRoute.action, "/ky/reset", { form: { login: "fail@test.kg" } });
    const n = await deliverDueMail(t.db, smtpTransport("smtp://127.0.0.1:1"));
    expect(n).toBe(0);
    const m = await t.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", "fail@test.kg")
      .executeTakeFirstOrThrow();
    expect(m.status).toBe("pending");
    expect(m.attempts).toBe(1);
    expect(m.last_error).toBeTruthy();
  });

  it("limits reset requests (429 with Retry-After)", async () => {
    let last;
    for (let i = 0; i < 6; i++)
      last = await invoke(resetRoute.action, "/ru/reset", { form: { login: "many@test.kg" } });
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toBeTruthy();
  });
});

describe("outstanding reset links and codes are withdrawn", () => {
  async function requestLink(login: string): Promise<string> {
    inbox.length = 0;
    await invoke(resetRoute.action, "/ru/reset", { form: { login } });
    await deliver();
    return /\/ru\/reset\/([a-z0-9]+)/.exec(bodyOf(inbox[0].raw))![1];
  }
  const resetWith = (token: string, password: string) =>
    invoke(resetTokenRoute.action, `/ru/reset/${token}`, { params: { token }, form: { password } });

  it("link A, then link B: B resets, and A no longer works afterwards", async () => {
    await makeUser(t.db, { email: "ab@test.kg" });
    const a = await requestLink("ab@test.kg");
    const b = await requestLink("ab@test.kg");
    expect(a).not.toBe(b);
    expect((await resetWith(b, "password-from-link-b")).status).toBe(302);
    const late = await resetWith(a, "password-from-link-a");
    expect(late.status).toBe(400);
    const signIn = await invoke(loginRoute.action, "/ru/login", {
      form: { login: "ab@test.kg", password: "password-from-link-b" },
    });
    expect(signIn.status).toBe(302);
  });

  it("a newer link replaces the older one at once", async () => {
    await makeUser(t.db, { email: "newer@test.kg" });
    const a = await requestLink("newer@test.kg");
    await requestLink("newer@test.kg");
    const page = await invoke(resetTokenRoute.loader, `/ru/reset/${a}`, { params: { token: a } });
    expect(page.data.valid).toBe(false);
  });

  it("changing the password withdraws an outstanding link", async () => {
    const id = await makeUser(t.db, { email: "change@test.kg" });
    const a = await requestLink("change@test.kg");
    const cookie = await sessionCookieFor(t.db, id);
    const changed = await invoke(accountRoute.action, "/ru/account", {
      cookie,
      form: {
        intent: "password",
        currentPassword: TEST_PASSWORD,
        newPassword: "changed-by-the-owner-1",
      },
    });
    expect(changed.status).toBe(200);
    expect((await resetWith(a, "password-from-old-link")).status).toBe(400);
  });

  it("a reset by link withdraws an outstanding in-person code", async () => {
    const ik = places.issykKul;
    const official = await makeUser(t.db, { roles: [{ municipalityId: ik.id, role: "official" }] });
    await makeUser(t.db, { email: "both@test.kg", phone: "+996777005566", municipalityId: ik.id });
    const r = await invoke(officeRoute.action, `/ky/office/residents?m=${ik.id}`, {
      cookie: await sessionCookieFor(t.db, official),
      form: { intent: "resetCode", phone: "+996777005566" },
    });
    const code = r.data.code as string;
    const a = await requestLink("both@test.kg");
    expect((await resetWith(a, "password-from-the-link")).status).toBe(302);
    const byCode = await invoke(resetCodeRoute.action, "/ky/reset/code", {
      form: { phone: "+996777005566", code, password: "password-from-the-code" },
    });
    expect(byCode.status).toBe(400);
  });
});

describe("password reset code issued in person", () => {
  it("an official of the municipality issues a code; the resident sets a new password with it", async () => {
    const ik = places.issykKul;
    const official = await makeUser(t.db, { roles: [{ municipalityId: ik.id, role: "official" }] });
    const resident = await makeUser(t.db, {
      email: null,
      phone: "+996777001122",
      municipalityId: ik.id,
    });
    const cookie = await sessionCookieFor(t.db, official);
    const r = await invoke(officeRoute.action, `/ky/office/residents?m=${ik.id}`, {
      cookie,
      form: { intent: "resetCode", phone: "0777 00 11 22" },
    });
    expect(r.status).toBe(200);
    const code = r.data.code as string;
    expect(code).toMatch(/^\d{8}$/);
    const stored = await t.db
      .selectFrom("password_resets")
      .selectAll()
      .where("user_id", "=", resident)
      .execute();
    expect(stored[0].kind).toBe("official_code");
    expect(stored[0].token_hash).not.toContain(code);
    expect(stored[0].created_by).toBe(official);

    const wrong = await invoke(resetCodeRoute.action, "/ky/reset/code", {
      form: { phone: "+996777001122", code: "00000000", password: "jany-syrsoz-2026" },
    });
    expect(wrong.status).toBe(400);
    const ok = await invoke(resetCodeRoute.action, "/ky/reset/code", {
      form: { phone: "+996 777 00 11 22", code, password: "jany-syrsoz-2026" },
    });
    expect(ok.status).toBe(302);
    const reuse = await invoke(resetCodeRoute.action, "/ky/reset/code", {
      form: { phone: "+996777001122", code, password: "jany-syrsoz-2027" },
    });
    expect(reuse.status).toBe(400);
  });

  it("an official of another municipality cannot issue a code for this resident", async () => {
    const other = await makeUser(t.db, {
      roles: [{ municipalityId: places.saryOi.id, role: "official" }],
    });
    await makeUser(t.db, {
      email: null,
      phone: "+996777003344",
      municipalityId: places.issykKul.id,
    });
    const cookie = await sessionCookieFor(t.db, other);
    const own = await invoke(officeRoute.action, `/ky/office/residents?m=${places.saryOi.id}`, {
      cookie,
      form: { intent: "resetCode", phone: "+996777003344" },
    });
    expect(own.status).toBe(400);
    const foreign = await invoke(
      officeRoute.action,
      `/ky/office/residents?m=${places.issykKul.id}`,
      {
        cookie,
        form: { intent: "resetCode", phone: "+996777003344" },
      },
    );
    expect(foreign.status).toBe(403);
  });
});
