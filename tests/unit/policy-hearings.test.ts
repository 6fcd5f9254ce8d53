/**
 * The hearings policy as tables: (person × hearing state × type × municipality) → the refusal key
 * (null = allowed), for each part an official edits and each state change.
 */
import { describe, expect, it } from "vitest";
import type { HearingState, HearingType } from "#db/schema";
import {
  announceRefusal,
  cancelRefusal,
  closeRefusal,
  createRefusal,
  editRefusal,
  stateActions,
  viewRefusal,
  type EditPart,
} from "~/modules/hearings/policy";
import { ELSEWHERE, HERE, people, WHO } from "../helpers/policy-people";

const STATES = ["draft", "announced", "open", "closed", "cancelled"] as const;
const H = (k: string) => `hearings:errors.${k}`;
const key = (r: { key: string } | null) => r?.key ?? null;
const hearing = (state: HearingState, type: HearingType = "tariff") => ({
  municipalityId: HERE,
  type,
  state,
});

describe("only the officials of the hearing's municipality change it", () => {
  it("every other person is refused every change in every state (403)", () => {
    for (const w of WHO) {
      if (w === "official") continue;
      const p = people[w];
      for (const s of STATES) {
        for (const part of ["details", "lines", "plan", "questions", "documents"] as const)
          expect(editRefusal(p, hearing(s), part), `${w} ${s} ${part}`).toMatchObject({
            key: H("forbidden"),
            status: 403,
          });
        expect(key(announceRefusal(p, hearing(s))), `${w} ${s}`).toBe(H("forbidden"));
        expect(key(cancelRefusal(p, hearing(s))), `${w} ${s}`).toBe(H("forbidden"));
      }
      expect(key(createRefusal(p, HERE)), w).toBe(H("forbidden"));
    }
  });
  it("an official may create hearings only in their own municipality", () => {
    expect(createRefusal(people.official, HERE)).toBeNull();
    expect(key(createRefusal(people.official, ELSEWHERE))).toBe(H("forbidden"));
    expect(createRefusal(people.officialElsewhere, ELSEWHERE)).toBeNull();
  });
});

describe("what the state allows the official (editRefusal)", () => {
  // per state: draft, announced, open, closed, cancelled
  const TABLE: Record<EditPart, Record<HearingType, (string | null)[]>> = {
    details: {
      tariff: [null, null, null, H("notEditable"), H("notEditable")],
      plan: [null, null, null, H("notEditable"), H("notEditable")],
    },
    documents: {
      tariff: [null, null, null, H("notEditable"), H("notEditable")],
      plan: [null, null, null, H("notEditable"), H("notEditable")],
    },
    lines: {
      tariff: [null, null, null, H("notEditable"), H("notEditable")],
      plan: [H("wrongType"), H("wrongType"), H("wrongType"), H("notEditable"), H("notEditable")],
    },
    plan: {
      tariff: [H("wrongType"), H("wrongType"), H("wrongType"), H("notEditable"), H("notEditable")],
      plan: [null, null, null, H("notEditable"), H("notEditable")],
    },
    // after announcement adding or removing a question is an amendment (ADR 0050)
    questions: {
      tariff: [null, null, null, H("notEditable"), H("notEditable")],
      plan: [null, null, null, H("notEditable"), H("notEditable")],
    },
  };
  for (const [part, byType] of Object.entries(TABLE) as [
    EditPart,
    Record<HearingType, (string | null)[]>,
  ][])
    for (const [type, want] of Object.entries(byType) as [HearingType, (string | null)[]][])
      it(`${part} of a ${type} hearing`, () =>
        expect(
          STATES.map((s) => key(editRefusal(people.official, hearing(s, type), part))),
        ).toEqual(want));
  it("state refusals are 409", () =>
    expect(editRefusal(people.official, hearing("closed"), "details")?.status).toBe(409));
});

describe("state changes", () => {
  it("announce: only a draft", () =>
    expect(STATES.map((s) => key(announceRefusal(people.official, hearing(s))))).toEqual([
      null,
      H("badTransition"),
      H("badTransition"),
      H("badTransition"),
      H("badTransition"),
    ]));
  it("cancel: until closed", () =>
    expect(STATES.map((s) => key(cancelRefusal(people.official, hearing(s))))).toEqual([
      null,
      null,
      null,
      H("badTransition"),
      H("badTransition"),
    ]));
  it("close early: only while open, after the minimum comment period, at `now`", () => {
    const h = (state: HearingState) => ({
      ...hearing(state),
      commentStartAt: "2026-03-01T00:00:00.000Z",
      minCommentDays: 14,
    });
    const late = new Date("2026-03-20T00:00:00.000Z");
    expect(STATES.map((s) => key(closeRefusal(people.official, h(s), late)))).toEqual([
      H("badTransition"),
      H("badTransition"),
      null,
      H("badTransition"),
      H("badTransition"),
    ]);
    expect(closeRefusal(people.official, h("open"), new Date("2026-03-10T00:00:00.000Z"))).toEqual({
      key: H("tooEarlyToClose"),
      status: 409,
      params: { min: 14, date: "2026-03-15T00:00:00.000Z" },
    });
    expect(
      closeRefusal(people.official, h("open"), new Date("2026-03-15T00:00:00.000Z")),
    ).toBeNull();
    expect(key(closeRefusal(people.officialElsewhere, h("open"), late))).toBe(H("forbidden"));
  });
});

describe("the overview page's state changes (stateActions)", () => {
  it("offers what the state allows, with the refusal the command would give", () => {
    const h = (state: HearingState) => ({
      ...hearing(state),
      commentStartAt: "2026-03-01T00:00:00.000Z",
      minCommentDays: 14,
    });
    const early = new Date("2026-03-10T00:00:00.000Z");
    const shown = (a: { offered: boolean; refusal: { key: string } | null }) =>
      a.offered ? (a.refusal?.key ?? "allowed") : "not offered";
    expect(
      STATES.map((s) => {
        const a = stateActions(people.official, h(s), early);
        return [shown(a.announce), shown(a.close), shown(a.cancel)];
      }),
    ).toEqual([
      ["allowed", "not offered", "allowed"],
      ["not offered", "not offered", "allowed"],
      ["not offered", H("tooEarlyToClose"), "allowed"],
      ["not offered", "not offered", "not offered"],
      ["not offered", "not offered", "not offered"],
    ]);
    expect(stateActions(people.official, h("open"), early).close.refusal).toEqual(
      closeRefusal(people.official, h("open"), early),
    );
    // another municipality's official is offered each change but refused it (403)
    const other = stateActions(people.officialElsewhere, h("draft"), early);
    expect(other.announce).toMatchObject({ offered: true, refusal: { key: H("forbidden") } });
  });
});

describe("who may see a hearing (viewRefusal)", () => {
  it("everyone, except a draft: only its municipality's officials (404 for the rest)", () => {
    for (const w of WHO)
      for (const s of STATES)
        expect(key(viewRefusal(people[w], hearing(s))), `${w} ${s}`).toBe(
          s === "draft" && w !== "official" ? "common:errors.notFoundText" : null,
        );
  });
});
