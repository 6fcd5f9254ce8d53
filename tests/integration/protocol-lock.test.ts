/**
 * Once a protocol is approved, nothing that fed it may change: the participation commands (answer,
 * hide, unhide, vote, the meeting record and tallies) refuse with 409 "errors.locked". A drafted or
 * submitted protocol leaves the record editable; other hearings are not affected.
 */
import { DomainError } from "~/modules/core/errors";
import { toBishkekDateInput } from "~/modules/format/time";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import {
  addSpeaker,
  answerComment,
  castVote,
  hideComment,
  recordAttendance,
  recordTally,
  unhideComment,
} from "~/modules/participation/commands.server";
import { getHearingContext, isLocked } from "~/modules/participation/context.server";
import { DiskStorage, setStorageForTests } from "~/modules/storage/storage.server";
import { createTestDb, type TestDb } from "../helpers/db";
import { createProtocolWorld, type ProtocolWorld } from "../helpers/protocol-fixtures";

/** The council resolution date: today in Bishkek (between the close, a day ago, and today). */
const RESOLUTION_DATE = toBishkekDateInput(new Date());

let t: TestDb;
let w: ProtocolWorld;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jyiyn-protocol-lock-"));
  setStorageForTests(new DiskStorage(dir));
  t = await createTestDb();
  w = await createProtocolWorld(t.db);
}, 60_000);

afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function locked(hearingId: number): Promise<boolean> {
  return isLocked((await getHearingContext(t.db, hearingId))!);
}

describe("the record lock", () => {
  it("drafted and submitted protocols leave the record editable", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    await saveDraft(t.db, official, w.tariffHearing, {
      chairName: "А",
      secretaryName: "Б",
      conclusionsKy: "",
      conclusionsRu: "",
    });
    expect(await locked(w.tariffHearing)).toBe(false);
    await submitProtocol(t.db, official, w.tariffHearing);
    expect(await locked(w.tariffHearing)).toBe(false);
  });

  it("an approved protocol locks comments, votes, answers and the meeting record", async () => {
    const secretary = (await loadSessionUser(t.db, w.secretary))!;
    const p = await t.db
      .selectFrom("protocols")
      .select("id")
      .where("hearing_id", "=", w.tariffHearing)
      .executeTakeFirstOrThrow();
    await decideProtocol(t.db, secretary, p.id, {
      decision: "approve",
      resolutionNumber: "3/1",
      resolutionDate: RESOLUTION_DATE,
    });
    expect(await locked(w.tariffHearing)).toBe(true);
    // the other hearing of the municipality is not affected
    expect(await locked(w.planHearing)).toBe(false);
  });

  it("each participation command refuses with 409 (locked) on the approved hearing", async () => {
    const official = (await loadSessionUser(t.db, w.official))!;
    const resident = (await loadSessionUser(t.db, w.residents[0]))!;
    const comment = await t.db
      .selectFrom("comments")
      .select("id")
      .where("hearing_id", "=", w.tariffHearing)
      .where("source", "=", "online")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const question = await t.db
      .selectFrom("questions")
      .select("id")
      .where("hearing_id", "=", w.tariffHearing)
      .executeTakeFirstOrThrow();
    // (reporting a comment stays possible: a report changes nothing the protocol holds)
    const attempts: [string, () => Promise<unknown>][] = [
      ["answer", () => answerComment(t.db, official, comment.id, "accepted", "Жаңы жооп")],
      ["hide", () => hideComment(t.db, official, comment.id, "Себеп")],
      ["unhide", () => unhideComment(t.db, official, comment.id)],
      ["vote", () => castVote(t.db, resident, w.tariffHearing, question.id, "against")],
      [
        "attendance",
        () =>
          recordAttendance(t.db, official, w.tariffHearing, {
            attendance: 1,
            heldAt: null,
            notes: null,
          }),
      ],
      [
        "speaker",
        () =>
          addSpeaker(t.db, official, w.tariffHearing, {
            speakerName: "Ким",
            villageId: null,
            stance: "for",
            body: "Кеч калган сөз",
            tariffLineId: null,
            planSectionId: null,
          }),
      ],
      [
        "tally",
        () =>
          recordTally(t.db, official, w.tariffHearing, question.id, {
            for: 1,
            against: 0,
            abstain: 0,
          }),
      ],
    ];
    const before = await t.db
      .selectFrom("comments")
      .selectAll()
      .where("hearing_id", "=", w.tariffHearing)
      .orderBy("id")
      .execute();
    for (const [name, attempt] of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(DomainError);
      expect((error as DomainError).key, name).toBe("participation:errors.locked");
      expect((error as DomainError).status, name).toBe(409);
    }
    const after = await t.db
      .selectFrom("comments")
      .selectAll()
      .where("hearing_id", "=", w.tariffHearing)
      .orderBy("id")
      .execute();
    expect(after).toEqual(before);
  });
});
