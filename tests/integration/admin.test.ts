import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedPlaces, type SeededPlaces } from "~/modules/demo/places";
import { can, type Action } from "~/modules/auth/permissions";
import type { Refusal } from "~/modules/core/errors";
import * as hearingsPolicy from "~/modules/hearings/policy";
import * as participationPolicy from "~/modules/participation/policy";
import * as protocolPolicy from "~/modules/protocol/policy";
import { loadSessionUser, type SessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { makeUser, sessionCookieFor } from "../helpers/factories";
import { createTestDb, type TestDb } from "../helpers/db";
import { invoke } from "../helpers/accounts";
import * as adminHome from "~/routes/$lang.admin._index";
import * as adminRoles from "~/routes/$lang.admin.roles";
import * as adminAudit from "~/routes/$lang.admin.audit";
import * as adminMail from "~/routes/$lang.admin.mail";
import * as adminSettings from "~/routes/$lang.admin.municipalities.$id";
import * as office from "~/routes/$lang.office_.residents._index";
import * as account from "~/routes/$lang.account._index";
import * as verify from "~/routes/$lang.account.verify";
import * as invite from "~/routes/$lang.invite.$token";

let t: TestDb;
let places: SeededPlaces;
type Who =
  | "anonymous"
  | "admin"
  | "official"
  | "secretary"
  | "member"
  | "verified"
  | "unverified"
  | "otherOfficial";
const WHO: Who[] = [
  "anonymous",
  "admin",
  "official",
  "secretary",
  "member",
  "verified",
  "unverified",
  "otherOfficial",
];
const ids = {} as Record<Exclude<Who, "anonymous">, number>;
const users = {} as Record<Who, SessionUser | null>;
const cookies = {} as Record<Who, string | undefined>;

beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
  const ik = places.issykKul.id;
  ids.admin = await makeUser(t.db, { email: "root@test.kg", isAdmin: true });
  ids.official = await makeUser(t.db, {
    municipalityId: ik,
    roles: [{ municipalityId: ik, role: "official" }],
  });
  ids.secretary = await makeUser(t.db, {
    municipalityId: ik,
    roles: [{ municipalityId: ik, role: "council_secretary" }],
  });
  ids.member = await makeUser(t.db, {
    municipalityId: ik,
    roles: [{ municipalityId: ik, role: "council_member" }],
  });
  ids.verified = await makeUser(t.db, { municipalityId: ik, verifiedIn: [{ municipalityId: ik }] });
  ids.unverified = await makeUser(t.db, { email: "plain@test.kg", municipalityId: ik });
  ids.otherOfficial = await makeUser(t.db, {
    municipalityId: places.saryOi.id,
    roles: [{ municipalityId: places.saryOi.id, role: "official" }],
  });
  users.anonymous = null;
  cookies.anonymous = undefined;
  for (const w of WHO.filter((w) => w !== "anonymous") as Exclude<Who, "anonymous">[]) {
    users[w] = await loadSessionUser(t.db, ids[w]);
    cookies[w] = await sessionCookieFor(t.db, ids[w]);
  }
});
afterAll(() => t.cleanup());
beforeEach(() => setClock(null));

// Who may do each action in Issyk-Kul (the resource); everyone else is denied.
const MATRIX: Record<Action, Who[]> = {
  "admin.access": ["admin"],
  "municipality.settings": ["admin"],
  "roles.manage": ["admin"],
  "audit.view": ["admin"],
  "mail.view": ["admin"],
  "hearing.create": ["official"],
  "hearing.edit": ["official"],
  "hearing.viewDraft": ["official"],
  "hearing.announce": ["official"],
  "hearing.close": ["official"],
  "hearing.cancel": ["official"],
  "comment.answer": ["official"],
  "comment.moderate": ["official"],
  "meeting.record": ["official"],
  "registry.import": ["official"],
  "resident.verify": ["official"],
  "resident.resetCode": ["official"],
  "protocol.draft": ["official"],
  "protocol.submit": ["official"],
  "protocol.decide": ["secretary"],
  "protocol.councilRead": ["official", "secretary", "member"],
  "comment.create": ["verified"],
  "comment.report": [
    "admin",
    "official",
    "secretary",
    "member",
    "verified",
    "unverified",
    "otherOfficial",
  ],
  "vote.cast": ["verified"],
  "account.self": [
    "admin",
    "official",
    "secretary",
    "member",
    "verified",
    "unverified",
    "otherOfficial",
  ],
};

describe("permission matrix: every role × every action in Issyk-Kul", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [Action, Who[]][]) {
    it(action, () => {
      const resource = { municipalityId: places.issykKul.id };
      for (const w of WHO)
        expect(can(users[w], action, resource), `${w} ${action}`).toBe(allowed.includes(w));
    });
  }
  it("the official of Sary-Oi has the official actions there, and only there", () => {
    expect(can(users.otherOfficial, "registry.import", { municipalityId: places.saryOi.id })).toBe(
      true,
    );
    expect(can(users.official, "registry.import", { municipalityId: places.saryOi.id })).toBe(
      false,
    );
  });
  it("unverified residents may comment only where the municipality allows it", () => {
    const r = { municipalityId: places.issykKul.id, unverifiedMayComment: true };
    expect(can(users.unverified, "comment.create", r)).toBe(true);
    expect(can(users.otherOfficial, "comment.create", r)).toBe(false);
    expect(can(users.unverified, "vote.cast", r)).toBe(false);
  });
});

describe("permission matrix over the policies: each policy, in a state that allows the action, lets exactly the matrix's people through", () => {
  const at = new Date("2026-06-01T06:00:00.000Z");
  const h = (state: "draft" | "open" | "closed") => ({
    municipalityId: places.issykKul.id,
    type: "tariff" as const,
    state,
    protocolState: null,
    unverifiedMayComment: false,
    minVotingAge: 18,
    commentStartAt: "2026-01-01T00:00:00.000Z",
    minCommentDays: 14,
  });
  type U = SessionUser | null;
  const POLICY: Partial<Record<Action, (u: U) => Refusal | null>> = {
    "hearing.create": (u) => hearingsPolicy.createRefusal(u, places.issykKul.id),
    "hearing.edit": (u) => hearingsPolicy.editRefusal(u, h("draft"), "details"),
    "hearing.announce": (u) => hearingsPolicy.announceRefusal(u, h("draft")),
    "hearing.close": (u) => hearingsPolicy.closeRefusal(u, h("open"), at),
    "hearing.cancel": (u) => hearingsPolicy.cancelRefusal(u, h("open")),
    "comment.answer": (u) => participationPolicy.officialRefusal(u, h("open"), "comment.answer"),
    "comment.moderate": (u) =>
      participationPolicy.officialRefusal(u, h("open"), "comment.moderate"),
    "meeting.record": (u) => participationPolicy.meetingRefusal(u, h("open")),
    "comment.create": (u) => participationPolicy.commentRefusal(u, h("open")),
    "comment.report": (u) => participationPolicy.reportRefusal(u),
    "vote.cast": (u) => participationPolicy.voteRefusal(u, h("open"), at),
    "protocol.draft": (u) => protocolPolicy.draftRefusal(u, h("closed"), null),
    "protocol.submit": (u) => protocolPolicy.submitRefusal(u, h("closed"), "drafted"),
    "protocol.decide": (u) =>
      protocolPolicy.decideRefusal(u, h("closed"), "submitted", {
        decided: false,
        submitted: true,
      }),
  };
  for (const [action, policy] of Object.entries(POLICY) as [Action, (u: U) => Refusal | null][])
    it(action, () => {
      for (const w of WHO) {
        const r = policy(users[w]);
        if (MATRIX[action].includes(w)) expect(r, `${w} ${action}`).toBeNull();
        else expect(r?.status, `${w} ${action}`).toBeOneOf([401, 403]);
      }
    });
});

describe("real loaders and actions refuse whoever may not", () => {
  const expectFor = (allowed: Who[], w: Who, status: number) =>
    w === "anonymous" ? 302 : allowed.includes(w) ? status : 403;

  it("admin pages: only the administrator", async () => {
    for (const w of WHO) {
      for (const [fn, url] of [
        [adminHome.loader, "/ky/admin"],
        [adminRoles.loader, "/ky/admin/roles"],
        [adminAudit.loader, "/ru/admin/audit"],
        [adminMail.loader, "/ru/admin/mail"],
      ] as const) {
        const r = await invoke(fn, url, { cookie: cookies[w] });
        expect(r.status, `${w} ${url}`).toBe(expectFor(["admin"], w, 200));
      }
      const s = await invoke(
        adminSettings.action,
        `/ky/admin/municipalities/${places.issykKul.id}`,
        {
          cookie: cookies[w],
          params: { id: String(places.issykKul.id) },
          form: {
            minNoticeDays: "15",
            minCommentDays: "14",
            minVotingAge: "18",
            inPersonQuorum: "20",
          },
        },
      );
      expect(s.status, `${w} settings`).toBe(expectFor(["admin"], w, 200));
      const g = await invoke(adminRoles.action, "/ky/admin/roles", {
        cookie: cookies[w],
        form: { intent: "invite", municipalityId: String(places.issykKul.id), role: "official" },
      });
      expect(g.status, `${w} invite`).toBe(expectFor(["admin"], w, 200));
    }
  });

  it("residents office: only an official of that municipality", async () => {
    for (const w of WHO) {
      const url = `/ky/office/residents?m=${places.issykKul.id}`;
      const r = await invoke(office.loader, url, { cookie: cookies[w] });
      expect(r.status, `${w} office`).toBe(expectFor(["official"], w, 200));
      const a = await invoke(office.action, url, {
        cookie: cookies[w],
        form: { intent: "verify", login: "plain@test.kg", pin: "1", birthDate: "x" },
      });
      expect(a.status, `${w} office verify`).toBe(expectFor(["official"], w, 400));
    }
  });

  it("account pages: anyone signed in, never anonymous", async () => {
    for (const w of WHO) {
      const r = await invoke(account.loader, "/ru/account", { cookie: cookies[w] });
      expect(r.status, w).toBe(w === "anonymous" ? 302 : 200);
      const v = await invoke(verify.action, "/ru/account/verify", {
        cookie: cookies[w],
        form: { pin: "1", birthDate: "1" },
      });
      expect(v.status, w).toBe(w === "anonymous" ? 302 : 400);
    }
  });
});

describe("roles and invitations", () => {
  it("grants and revokes a role to an existing account, with audit entries", async () => {
    const g = await invoke(adminRoles.action, "/ru/admin/roles", {
      cookie: cookies.admin,
      form: {
        intent: "grant",
        login: "plain@test.kg",
        municipalityId: String(places.saryOi.id),
        role: "council_member",
      },
    });
    expect(g.data.ok).toBe(true);
    const dup = await invoke(adminRoles.action, "/ru/admin/roles", {
      cookie: cookies.admin,
      form: {
        intent: "grant",
        login: "plain@test.kg",
        municipalityId: String(places.saryOi.id),
        role: "council_member",
      },
    });
    expect(dup.status).toBe(400);
    const missing = await invoke(adminRoles.action, "/ru/admin/roles", {
      cookie: cookies.admin,
      form: {
        intent: "grant",
        login: "nobody@test.kg",
        municipalityId: String(places.saryOi.id),
        role: "official",
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.data.errors.login[0]).toMatch(/приглашение/);
    const role = await t.db
      .selectFrom("roles")
      .selectAll()
      .where("user_id", "=", ids.unverified)
      .executeTakeFirstOrThrow();
    expect(role.granted_by).toBe(ids.admin);
    const rv = await invoke(adminRoles.action, "/ru/admin/roles", {
      cookie: cookies.admin,
      form: { intent: "revoke", roleId: String(role.id) },
    });
    expect(rv.data.ok).toBe(true);
    const left = await t.db
      .selectFrom("roles")
      .select("id")
      .where("user_id", "=", ids.unverified)
      .execute();
    expect(left).toHaveLength(0);
    const audit = await invoke(adminAudit.loader, "/ru/admin/audit?action=role.", {
      cookie: cookies.admin,
    });
    expect(audit.data.rows.map((r: { action: string }) => r.action)).toEqual([
      "role.revoke",
      "role.grant",
    ]);
  });

  it("an invitation link grants the role once and expires after 7 days", async () => {
    const mk = async () => {
      const r = await invoke(adminRoles.action, "/ky/admin/roles", {
        cookie: cookies.admin,
        form: {
          intent: "invite",
          municipalityId: String(places.issykKul.id),
          role: "council_secretary",
          note: "Жаңы катчы",
        },
      });
      return /\/invite\/([a-z0-9]+)$/.exec(r.data.link)![1];
    };
    const token = await mk();
    const newcomer = await makeUser(t.db);
    const cookie = await sessionCookieFor(t.db, newcomer);
    const page = await invoke(invite.loader, `/ky/invite/${token}`, { params: { token } });
    expect(page.data.invitation.role).toBe("council_secretary");
    expect(page.data.signedIn).toBe(false);
    const anon = await invoke(invite.action, `/ky/invite/${token}`, {
      params: { token },
      method: "POST",
    });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/ky\/login\?redirectTo=/);
    const ok = await invoke(invite.action, `/ky/invite/${token}`, {
      params: { token },
      cookie,
      method: "POST",
    });
    expect(ok.status).toBe(302);
    const u = await loadSessionUser(t.db, newcomer);
    expect(u!.roles).toEqual([{ municipalityId: places.issykKul.id, role: "council_secretary" }]);
    const again = await invoke(invite.action, `/ky/invite/${token}`, {
      params: { token },
      cookie: cookies.verified,
      method: "POST",
    });
    expect(again.status).toBe(400);

    const late = await mk();
    setClock(new Date(Date.now() + 7 * 24 * 3600_000 + 60_000));
    const expired = await invoke(invite.loader, `/ky/invite/${late}`, { params: { token: late } });
    expect(expired.data.invitation).toBeNull();
    const refused = await invoke(invite.action, `/ky/invite/${late}`, {
      params: { token: late },
      cookie: cookies.verified,
      method: "POST",
    });
    expect(refused.status).toBe(400);
    const log = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "invitation.%")
      .execute();
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(["invitation.create", "invitation.accept"]),
    );
  });

  it("saves a municipality's hearing settings and refuses bad values with 400", async () => {
    const url = `/ru/admin/municipalities/${places.karaSuu.id}`;
    const bad = await invoke(adminSettings.action, url, {
      cookie: cookies.admin,
      params: { id: String(places.karaSuu.id) },
      form: { minNoticeDays: "0", minCommentDays: "x", minVotingAge: "18", inPersonQuorum: "5" },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.values.minCommentDays).toBe("x");
    const ok = await invoke(adminSettings.action, url, {
      cookie: cookies.admin,
      params: { id: String(places.karaSuu.id) },
      form: {
        minNoticeDays: "20",
        minCommentDays: "21",
        minVotingAge: "18",
        inPersonQuorum: "30",
        unverifiedMayComment: "1",
      },
    });
    expect(ok.data.ok).toBe(true);
    const m = await t.db
      .selectFrom("municipalities")
      .selectAll()
      .where("id", "=", places.karaSuu.id)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      min_notice_days: 20,
      min_comment_days: 21,
      in_person_quorum: 30,
      unverified_may_comment: 1,
    });
  });
});

describe("mail outbox page", () => {
  it("shows logged messages, hides one-time links when mail is really sent, retries failures", async () => {
    const { enqueueMail } = await import("~/modules/mail/outbox.server");
    const { setEnvForTests } = await import("~/modules/core/env.server");
    const id = await enqueueMail(t.db, {
      to: "x@test.kg",
      subject: "Жыйын",
      text: "link http://x/ky/reset/secret-token",
      kind: "password_reset",
    });
    await t.db
      .updateTable("mail_outbox")
      .set({ status: "failed", attempts: 8 })
      .where("id", "=", id)
      .execute();
    const demo = await invoke(adminMail.loader, "/ru/admin/mail", { cookie: cookies.admin });
    expect(demo.data.smtp).toBe(false);
    expect(demo.data.mail.find((m: { id: number }) => m.id === id).text).toContain("secret-token");
    setEnvForTests({ SMTP_URL: "smtp://127.0.0.1:2525" });
    try {
      const real = await invoke(adminMail.loader, "/ru/admin/mail", { cookie: cookies.admin });
      expect(real.data.mail.find((m: { id: number }) => m.id === id).text).toBeNull();
    } finally {
      setEnvForTests({ SMTP_URL: "" });
    }
    const denied = await invoke(adminMail.action, "/ru/admin/mail", {
      cookie: cookies.official,
      form: { id: String(id) },
    });
    expect(denied.status).toBe(403);
    await invoke(adminMail.action, "/ru/admin/mail", {
      cookie: cookies.admin,
      form: { id: String(id) },
    });
    const m = await t.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ status: "pending", attempts: 0 });
  });
});
