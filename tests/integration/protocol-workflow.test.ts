/**
 * The council workflow through the commands: who may draft, submit and decide (scoped to the
 * municipality), only after close, never twice; returned → revised → submitted again keeps every
 * version; mail to the people concerned; an approved protocol refuses changes, and the record lock.
 */
import { toBishkekDateInput } from "~/modules/format/time";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/modules/auth/permissions";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import {
  decideProtocol,
  reviseProtocol,
  saveDraft,
  submitProtocol,
} from "~/modules/protocol/commands.server";
import { DomainError } from "~/modules/core/errors";
import { getHearingProtocol, listCouncilProtocols } from "~/modules/protocol/queries.server";
import { publicStage } from "~/modules/protocol/stage";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

/** The council resolution date: today in Bishkek (between the close, a day ago, and today). */
const RESOLUTION_DATE = toBishkekDateInput(new Date());

let t: TestDb;
let w: ProtocolWorld;
let dir: string;
const actors: Record<string, Actor> = {};
const draft = {
  chairName: "Бакыт Өмүрбеков",
  secretaryName: "Айнура Үсөнова",
  conclusionsKy: "Программаны бекитүү сунушталат.",
  conclusionsRu: "Рекомендуется утвердить программу.",
};

async function refused(p: Promise<unknown>, status: number, key?: string) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).status).toBe(status);
  // keys are namespaced ("protocol:errors.…"); the tests name them within the namespace
  if (key) expect((e as DomainError).key).toBe(`protocol:${key}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jyiyn-protocol-wf-"));
  setStorageForTests(new DiskStorage(dir));
  t = await createTestDb();
  w = await createProtocolWorld(t.db);
  for (const k of [
    "official",
    "secretary",
    "member",
    "resident",
    "otherOfficial",
    "otherSecretary",
  ] as const)
    actors[k] = (await loadSessionUser(t.db, w[k]))!;
}, 60_000);

afterAll(async () => {
  setClock(null);
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("protocol workflow", () => {
  it("only after close: a hearing still open for comments refuses a draft", async () => {
    // the plan hearing's period ended a day ago; move the clock back into the period
    setClock(new Date(Date.now() - 5 * 864e5));
    await refused(
      saveDraft(t.db, actors.official, w.planHearing, draft),
      409,
      "errors.hearingNotClosed",
    );
    setClock(null);
  });

  it("only the municipality's officials draft and submit", async () => {
    for (const who of ["resident", "member", "secretary", "otherOfficial", "otherSecretary"])
      await refused(saveDraft(t.db, actors[who], w.planHearing, draft), 403, "errors.notAllowed");
    const r = await saveDraft(t.db, actors.official, w.planHearing, draft);
    expect(r.version).toBe(1);
    for (const who of ["resident", "member", "secretary", "otherOfficial"])
      await refused(submitProtocol(t.db, actors[who], w.planHearing), 403, "errors.notAllowed");
    const hp = (await getHearingProtocol(t.db, w.planHearing))!;
    expect(hp.protocol?.state).toBe("drafted");
    expect(hp.hearing.protocolState).toBe("drafted");
    expect(publicStage(hp.hearing.state, hp.hearing.protocolState)).toBe("protocol_drafted");
  });

  it("a decision needs a submitted protocol", async () => {
    const hp = (await getHearingProtocol(t.db, w.planHearing))!;
    await refused(
      decideProtocol(t.db, actors.secretary, hp.protocol!.id, {
        decision: "return",
        comments: "x",
      }),
      409,
      "errors.notSubmitted",
    );
  });

  it("submission mails the council secretary and members and shows on their dashboard", async () => {
    const before = await t.db.selectFrom("mail_outbox").select("id").execute();
    await submitProtocol(t.db, actors.official, w.planHearing);
    const mails = await t.db
      .selectFrom("mail_outbox")
      .select(["to_address", "kind", "subject"])
      .where("id", ">", before.length ? Math.max(...before.map((b) => b.id)) : 0)
      .execute();
    const users = await t.db
      .selectFrom("users")
      .select(["id", "email"])
      .where("id", "in", [w.secretary, w.member, w.official])
      .execute();
    const email = (id: number) => users.find((u) => u.id === id)!.email;
    expect(mails.map((m) => m.to_address).sort()).toEqual(
      [email(w.secretary), email(w.member)].sort(),
    );
    expect(mails.every((m) => m.kind === "protocol_submitted")).toBe(true);
    const dash = await listCouncilProtocols(t.db, actors.member);
    expect(dash.awaiting.map((a) => a.hearingId)).toContain(w.planHearing);
    expect((await listCouncilProtocols(t.db, actors.otherSecretary)).awaiting).toEqual([]);
    // a submitted version cannot be edited
    await refused(
      saveDraft(t.db, actors.official, w.planHearing, draft),
      409,
      "errors.notEditable",
    );
  });

  it("only the council secretary of that municipality decides", async () => {
    const hp = (await getHearingProtocol(t.db, w.planHearing))!;
    const id = hp.protocol!.id;
    for (const who of ["official", "member", "resident", "otherSecretary", "otherOfficial"])
      await refused(
        decideProtocol(t.db, actors[who], id, { decision: "return", comments: "нет" }),
        403,
      );
  });

  it("returned → revised → submitted again → approved; every version kept; never twice", async () => {
    let hp = (await getHearingProtocol(t.db, w.planHearing))!;
    const id = hp.protocol!.id;
    await decideProtocol(t.db, actors.secretary, id, {
      decision: "return",
      comments: "Бюджетти тактоо керек.",
    });
    hp = (await getHearingProtocol(t.db, w.planHearing))!;
    expect(hp.protocol?.state).toBe("returned");
    expect(hp.versions[0]).toMatchObject({ version: 1, decision: "returned" });
    expect(publicStage("closed", "returned")).toBe("protocol_returned");
    // the returned version stays decided
    await refused(
      decideProtocol(t.db, actors.secretary, id, {
        decision: "approve",
        resolutionNumber: "1",
        resolutionDate: "2026-11-20",
      }),
      409,
      "errors.alreadyDecided",
    );
    const officialsMail = await t.db
      .selectFrom("mail_outbox")
      .select("kind")
      .where("kind", "=", "protocol_returned")
      .execute();
    expect(officialsMail.length).toBe(1);

    const rv = await reviseProtocol(t.db, actors.official, w.planHearing);
    expect(rv.version).toBe(2);
    await saveDraft(t.db, actors.official, w.planHearing, {
      ...draft,
      conclusionsRu: "Рекомендуется утвердить программу с уточнённым бюджетом.",
    });
    await submitProtocol(t.db, actors.official, w.planHearing);
    const r = await decideProtocol(t.db, actors.secretary, id, {
      decision: "approve",
      resolutionNumber: "7/2",
      resolutionDate: RESOLUTION_DATE,
    });
    expect(r.version).toBe(2);
    expect(r.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    hp = (await getHearingProtocol(t.db, w.planHearing))!;
    expect(hp.versions.map((v) => [v.version, v.decision])).toEqual([
      [2, "approved"],
      [1, "returned"],
    ]);
    expect(hp.versions.every((v) => v.created_at && v.submitted_at && v.decided_at)).toBe(true);
    expect(JSON.parse(hp.versions[0].content_json).protocol.conclusions.ru).toContain("уточнённым");
    expect(hp.hearing.protocolState).toBe("approved");
    // never twice
    await refused(
      decideProtocol(t.db, actors.secretary, id, { decision: "return", comments: "x" }),
      409,
      "errors.alreadyDecided",
    );
    const approvedMail = await t.db
      .selectFrom("mail_outbox")
      .select(["kind", "text_body"])
      .where("kind", "=", "protocol_approved")
      .execute();
    expect(approvedMail).toHaveLength(1);
    expect(approvedMail[0].text_body).toContain("7/2");
  });

  it("an approved protocol refuses every change", async () => {
    await refused(
      saveDraft(t.db, actors.official, w.planHearing, draft),
      409,
      "errors.approvedLocked",
    );
    await refused(
      submitProtocol(t.db, actors.official, w.planHearing),
      409,
      "errors.approvedLocked",
    );
    await refused(reviseProtocol(t.db, actors.official, w.planHearing), 409, "errors.notReturned");
  });
});
