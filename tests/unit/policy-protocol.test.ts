/**
 * The protocol policy as tables: (person × hearing state × protocol stage) → the refusal key.
 */
import { describe, expect, it } from "vitest";
import type { HearingState, ProtocolStage } from "#db/schema";
import {
  decideRefusal,
  draftRefusal,
  reviseRefusal,
  submitRefusal,
} from "~/modules/protocol/policy";
import { HERE, people, WHO } from "../helpers/policy-people";

const PR = (k: string) => `protocol:${k}`;
const key = (r: { key: string } | null) => r?.key ?? null;
const hearing = (state: HearingState) => ({ municipalityId: HERE, state });
const STAGES = [null, "drafted", "submitted", "returned", "approved"] as const;

describe("draft and submit: the officials of the municipality, after close", () => {
  it("everyone else is refused (403)", () => {
    for (const w of WHO) {
      if (w === "official") continue;
      for (const st of STAGES) {
        expect(draftRefusal(people[w], hearing("closed"), st), w).toEqual({
          key: PR("errors.notAllowed"),
          status: 403,
        });
        expect(submitRefusal(people[w], hearing("closed"), st), w).toEqual({
          key: PR("errors.notAllowed"),
          status: 403,
        });
      }
    }
  });
  it("before close: hearingNotClosed", () => {
    for (const s of ["draft", "announced", "open", "cancelled"] as const) {
      expect(key(draftRefusal(people.official, hearing(s), null)), s).toBe(
        PR("errors.hearingNotClosed"),
      );
      expect(key(submitRefusal(people.official, hearing(s), "drafted")), s).toBe(
        PR("errors.hearingNotClosed"),
      );
    }
  });
  it("by stage: none, drafted, submitted, returned, approved", () => {
    const h = hearing("closed");
    expect(STAGES.map((st) => key(draftRefusal(people.official, h, st)))).toEqual([
      null,
      null,
      PR("errors.notEditable"),
      null,
      PR("errors.approvedLocked"),
    ]);
    expect(STAGES.map((st) => key(submitRefusal(people.official, h, st)))).toEqual([
      PR("errors.notFound"),
      null,
      PR("errors.notEditable"),
      PR("errors.notEditable"),
      PR("errors.approvedLocked"),
    ]);
    // truly absent: 404 (not the 403 of a person without the right)
    expect(submitRefusal(people.official, h, null)).toEqual({
      key: PR("errors.notFound"),
      status: 404,
    });
    expect(reviseRefusal(null)).toEqual({ key: PR("errors.notFound"), status: 404 });
    expect(STAGES.map((st) => key(reviseRefusal(st)))).toEqual([
      PR("errors.notFound"),
      PR("errors.notReturned"),
      PR("errors.notReturned"),
      null,
      PR("errors.notReturned"),
    ]);
  });
});

describe("the council's decision: only the council secretary, once, on a submitted version", () => {
  const fresh = { decided: false, submitted: true };
  it("who", () => {
    for (const w of WHO)
      expect(key(decideRefusal(people[w], hearing("closed"), "submitted", fresh)), w).toBe(
        w === "secretary" ? null : PR("council.onlySecretary"),
      );
  });
  it("what stage", () => {
    const h = hearing("closed");
    const at = (stage: ProtocolStage, v = fresh) =>
      key(decideRefusal(people.secretary, h, stage, v));
    expect(at("drafted")).toBe(PR("errors.notSubmitted"));
    expect(at("submitted", { decided: false, submitted: false })).toBe(PR("errors.notSubmitted"));
    expect(at("submitted", { decided: true, submitted: true })).toBe(PR("errors.alreadyDecided"));
    expect(key(decideRefusal(people.secretary, hearing("open"), "submitted", fresh))).toBe(
      PR("errors.hearingNotClosed"),
    );
  });
});
