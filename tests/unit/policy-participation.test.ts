/**
 * The participation policy as tables: (person × hearing state × municipality setting × lock) →
 * the refusal key (null = allowed). A new rule for "who may comment" adds rows here.
 */
import { describe, expect, it } from "vitest";
import type { HearingState } from "#db/schema";
import {
  commentRefusal,
  editRefusal,
  meetingRefusal,
  officialRefusal,
  replyRefusal,
  reportRefusal,
  voteRefusal,
  EDIT_WINDOW_MS,
  type HearingFacts,
} from "~/modules/participation/policy";
import { HERE, people, WHO, type Who } from "../helpers/policy-people";

const STATES = ["draft", "announced", "open", "closed", "cancelled"] as const;
const NOW = new Date("2026-03-10T06:00:00.000Z");
const hearing = (state: HearingState, more: Partial<HearingFacts> = {}) => ({
  municipalityId: HERE,
  state,
  protocolState: null,
  unverifiedMayComment: false,
  minVotingAge: 18,
  ...more,
});
const P = (k: string) => `participation:errors.${k}`;
/** the period's answer per state: draft, announced, open, closed, cancelled */
const PERIOD = [
  P("periodNotStarted"),
  P("periodNotStarted"),
  null,
  P("periodEnded"),
  P("cancelled"),
];
const all = (k: string) => STATES.map(() => P(k));
const key = (r: { key: string } | null) => r?.key ?? null;

describe("who may comment (commentRefusal)", () => {
  const TABLE: Record<Who, (string | null)[]> = {
    anonymous: all("signInToComment"),
    resident: all("mayNotComment"),
    verified: PERIOD,
    verifiedNoBirth: PERIOD,
    young: PERIOD,
    verifiedElsewhere: all("mayNotComment"),
    official: all("mayNotComment"),
    officialElsewhere: all("mayNotComment"),
    secretary: all("mayNotComment"),
    member: all("mayNotComment"),
    admin: all("mayNotComment"),
  };
  for (const w of WHO)
    it(w, () =>
      expect(STATES.map((s) => key(commentRefusal(people[w], hearing(s))))).toEqual(TABLE[w]),
    );

  it("where the municipality lets the unverified comment: its registered residents only", () => {
    const h = (s: HearingState) => hearing(s, { unverifiedMayComment: true });
    expect(STATES.map((s) => key(commentRefusal(people.resident, h(s))))).toEqual(PERIOD);
    expect(STATES.map((s) => key(commentRefusal(people.officialElsewhere, h(s))))).toEqual(
      all("mayNotComment"),
    );
  });

  it("an approved protocol locks it for everyone signed in, before any other reason", () => {
    for (const w of WHO) {
      const r = commentRefusal(people[w], hearing("closed", { protocolState: "approved" }));
      expect(key(r), w).toBe(w === "anonymous" ? P("signInToComment") : P("locked"));
    }
  });

  it("gives each refusal its status: 403 the person, 409 the state", () => {
    expect(commentRefusal(people.resident, hearing("open"))?.status).toBe(403);
    expect(commentRefusal(people.verified, hearing("closed"))?.status).toBe(409);
  });

  it("a reply also needs a visible comment and thread (409 at body)", () => {
    const shown = { hiddenAt: null };
    const hidden = { hiddenAt: "2026-03-09T00:00:00.000Z" };
    expect(replyRefusal(people.verified, hearing("open"), shown, shown)).toBeNull();
    expect(replyRefusal(people.verified, hearing("open"), hidden, shown)).toMatchObject({
      key: P("replyToHidden"),
      status: 409,
      field: "body",
    });
    expect(key(replyRefusal(people.verified, hearing("open"), shown, hidden))).toBe(
      P("replyToHidden"),
    );
    expect(key(replyRefusal(people.resident, hearing("open"), hidden, hidden))).toBe(
      P("mayNotComment"),
    );
  });
});

describe("who may vote (voteRefusal)", () => {
  const TABLE: Record<Who, (string | null)[]> = {
    anonymous: all("signInToVote"),
    resident: all("notVerified"),
    verified: PERIOD,
    verifiedNoBirth: all("birthDateUnknown"),
    young: all("tooYoung"),
    verifiedElsewhere: all("notVerified"),
    official: all("notVerified"),
    officialElsewhere: all("notVerified"),
    secretary: all("notVerified"),
    member: all("notVerified"),
    admin: all("notVerified"),
  };
  for (const w of WHO)
    it(w, () =>
      expect(STATES.map((s) => key(voteRefusal(people[w], hearing(s), NOW)))).toEqual(TABLE[w]),
    );

  it("the unverified-may-comment setting does not let anyone vote", () => {
    const h = hearing("open", { unverifiedMayComment: true });
    expect(key(voteRefusal(people.resident, h, NOW))).toBe(P("notVerified"));
  });

  it("age is counted at `now` in Bishkek against the municipality's voting age", () => {
    const h = hearing("open", { minVotingAge: 16 });
    const p = { ...people.young, birthDates: { [HERE]: "2010-03-10" } };
    expect(key(voteRefusal(p, h, new Date("2026-03-09T17:59:59.000Z")))).toBe(P("tooYoung"));
    expect(voteRefusal(p, h, new Date("2026-03-09T18:00:00.000Z"))).toBeNull();
  });

  it("locked after approval; statuses 403 for the person, 409 for the hearing", () => {
    expect(
      key(voteRefusal(people.verified, hearing("closed", { protocolState: "approved" }), NOW)),
    ).toBe(P("locked"));
    expect(voteRefusal(people.young, hearing("open"), NOW)?.status).toBe(403);
    expect(voteRefusal(people.resident, hearing("open"), NOW)?.status).toBe(403);
    expect(voteRefusal(people.verified, hearing("announced"), NOW)?.status).toBe(409);
  });
});

describe("who may change their comment (editRefusal)", () => {
  const mine = {
    authorUserId: people.verified.id,
    source: "online",
    createdAt: new Date(NOW.getTime() - 60_000).toISOString(),
    hiddenAt: null,
    answered: false,
  };
  const rows: [string, Parameters<typeof editRefusal>, string | null][] = [
    ["the author, fresh, open", [people.verified, hearing("open"), mine, NOW], null],
    ["someone else", [people.official, hearing("open"), mine, NOW], P("notYourComment")],
    ["signed out", [null, hearing("open"), mine, NOW], P("signInToComment")],
    [
      "an in-person comment",
      [people.verified, hearing("open"), { ...mine, source: "in_person" }, NOW],
      P("notYourComment"),
    ],
    [
      "hidden",
      [people.verified, hearing("open"), { ...mine, hiddenAt: NOW.toISOString() }, NOW],
      P("commentHidden"),
    ],
    [
      "answered or replied to",
      [people.verified, hearing("open"), { ...mine, answered: true }, NOW],
      P("answeredFixed"),
    ],
    [
      "after the edit window",
      [people.verified, hearing("open"), mine, new Date(NOW.getTime() + EDIT_WINDOW_MS)],
      P("editWindowOver"),
    ],
    ["period ended", [people.verified, hearing("closed"), mine, NOW], P("periodEnded")],
    [
      "locked",
      [people.verified, hearing("closed", { protocolState: "approved" }), mine, NOW],
      P("locked"),
    ],
  ];
  for (const [name, args, want] of rows)
    it(name, () => expect(key(editRefusal(...args))).toBe(want));
  it("an answered comment's refusal is a 409 at the body field", () =>
    expect(
      editRefusal(people.verified, hearing("open"), { ...mine, answered: true }, NOW),
    ).toMatchObject({ status: 409, field: "body" }));
});

describe("officials: answer, moderate, meeting; anyone signed in: report", () => {
  const OFFICIAL_ONLY: Record<Who, boolean> = Object.fromEntries(
    WHO.map((w) => [w, w === "official"]),
  ) as Record<Who, boolean>;
  for (const action of ["comment.answer", "comment.moderate"] as const)
    it(action, () => {
      for (const w of WHO)
        for (const s of STATES)
          expect(key(officialRefusal(people[w], hearing(s), action)), `${w} ${s}`).toBe(
            OFFICIAL_ONLY[w] ? null : P("forbidden"),
          );
      expect(
        key(
          officialRefusal(
            people.official,
            hearing("closed", { protocolState: "approved" }),
            action,
          ),
        ),
      ).toBe(P("locked"));
    });

  it("meeting.record: officials here, not cancelled, not locked", () => {
    for (const w of WHO)
      for (const s of STATES)
        expect(key(meetingRefusal(people[w], hearing(s))), `${w} ${s}`).toBe(
          !OFFICIAL_ONLY[w] ? P("forbidden") : s === "cancelled" ? P("cancelled") : null,
        );
    expect(
      key(meetingRefusal(people.official, hearing("closed", { protocolState: "approved" }))),
    ).toBe(P("locked"));
  });

  it("report: everyone signed in", () => {
    for (const w of WHO)
      expect(key(reportRefusal(people[w])), w).toBe(w === "anonymous" ? P("forbidden") : null);
  });
});
