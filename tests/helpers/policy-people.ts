/**
 * The people the policy tables ask about: one of each role, in municipality HERE (1) or ELSEWHERE
 * (2), verified or not, old enough to vote or not.
 */
import type { Person } from "~/modules/participation/policy";

export const HERE = 1;
export const ELSEWHERE = 2;

const base = { isAdmin: false, roles: [], verifiedIn: [], municipalityId: HERE, birthDates: {} };

export const people = {
  anonymous: null,
  resident: { ...base, id: 1 },
  verified: { ...base, id: 2, verifiedIn: [HERE], birthDates: { [HERE]: "1990-05-01" } },
  verifiedNoBirth: { ...base, id: 3, verifiedIn: [HERE] },
  young: { ...base, id: 4, verifiedIn: [HERE], birthDates: { [HERE]: "2012-05-01" } },
  verifiedElsewhere: {
    ...base,
    id: 5,
    municipalityId: ELSEWHERE,
    verifiedIn: [ELSEWHERE],
    birthDates: { [ELSEWHERE]: "1990-05-01" },
  },
  official: { ...base, id: 6, roles: [{ municipalityId: HERE, role: "official" as const }] },
  officialElsewhere: {
    ...base,
    id: 7,
    municipalityId: ELSEWHERE,
    roles: [{ municipalityId: ELSEWHERE, role: "official" as const }],
  },
  secretary: {
    ...base,
    id: 8,
    roles: [{ municipalityId: HERE, role: "council_secretary" as const }],
  },
  member: { ...base, id: 9, roles: [{ municipalityId: HERE, role: "council_member" as const }] },
  admin: { ...base, id: 10, isAdmin: true },
} satisfies Record<string, Person | null>;

export type Who = keyof typeof people;
export const WHO = Object.keys(people) as Who[];
