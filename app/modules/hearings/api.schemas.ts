/**
 * The shapes of the hearings' open-data answers (`/api/v1/municipalities…`, `/api/v1/hearings/{id}`),
 * as zod schemas. They are the single source of the OpenAPI document (`app/modules/api/openapi.server.ts`,
 * served at /api/v1/openapi.json) and the integration test checks real answers against it. Keys
 * are camelCase; money is a number of сом (two decimals); moments ISO 8601 with the Bishkek offset.
 */
import { z } from "zod";
import { CATEGORIES, FUNDING_SOURCES, HEARING_TYPES, SERVICES, UNITS } from "./catalog";

/** A text in both languages. */
export const Bilingual = z.object({ ky: z.string(), ru: z.string() });

/** An instant as ISO 8601 with the Bishkek offset, e.g. `2026-03-15T23:59:59+06:00`. */
export const BishkekInstant = z.iso.datetime({ offset: true });

/** The public stage: the hearing's state, and once closed the protocol's (see protocol/stage.ts). */
export const PublicStage = z.enum([
  "announced",
  "open",
  "closed",
  "cancelled",
  "protocol_drafted",
  "protocol_submitted",
  "protocol_approved",
  "protocol_returned",
]);

export const ProtocolState = z.enum(["drafted", "submitted", "approved", "returned"]);

export const Municipality = z.object({
  slug: z.string(),
  kind: z.enum(["ayil_aimak", "city"]),
  name: Bilingual,
  district: z.object({ slug: z.string(), name: Bilingual }),
  oblast: z.object({ slug: z.string(), name: Bilingual }),
  demo: z.boolean(),
  hearings: z.url().describe("this municipality's hearings in the API"),
});

export const MunicipalitiesReply = z.object({ municipalities: z.array(Municipality) });

export const HearingListItem = z.object({
  id: z.number().int(),
  municipality: z.string().describe("the municipality's slug"),
  type: z.enum(HEARING_TYPES),
  state: PublicStage,
  protocolState: ProtocolState.nullable(),
  title: Bilingual,
  summary: Bilingual,
  commentStartAt: BishkekInstant.nullable(),
  commentEndAt: BishkekInstant.nullable(),
  url: z.url(),
  page: z.object({ ky: z.url(), ru: z.url() }),
});

export const MunicipalityHearingsReply = z.object({
  municipality: z.string(),
  hearings: z.array(HearingListItem),
});

const TariffLine = z.object({
  service: z.enum(SERVICES),
  category: z.enum(CATEGORIES),
  unit: z.enum(UNITS),
  currentPrice: z.number().describe("сом"),
  proposedPrice: z.number().describe("сом"),
  changePercent: z.number().nullable().describe("null when the current price is 0"),
  justification: Bilingual,
  costItems: z.array(z.object({ name: Bilingual, amount: z.number().describe("сом") })),
});

const PlanSection = z.object({
  name: Bilingual,
  total: z.number().describe("сом: the sum of the projects' budgets"),
  projects: z.array(
    z.object({
      title: Bilingual,
      budget: z.number().describe("сом"),
      yearFrom: z.number().int(),
      yearTo: z.number().int(),
      fundingSource: z.enum(FUNDING_SOURCES),
      description: Bilingual,
    }),
  ),
});

const LineRef = z.object({ service: z.string(), category: z.string(), unit: z.string() });

/** One change of an amendment as data (ADR 0050); amounts in сом. */
const AmendmentChange = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("price"),
    line: LineRef,
    field: z.enum(["current", "proposed"]),
    from: z.number().describe("сом"),
    to: z.number().describe("сом"),
  }),
  z.object({ kind: z.literal("lineRelabelled"), from: LineRef, to: LineRef }),
  z.object({ kind: z.literal("lineAdded"), line: LineRef, proposed: z.number().describe("сом") }),
  z.object({ kind: z.literal("lineRemoved"), line: LineRef, proposed: z.number().describe("сом") }),
  z.object({ kind: z.literal("sectionAdded"), name: Bilingual }),
  z.object({ kind: z.literal("sectionRemoved"), name: Bilingual }),
  z.object({
    kind: z.literal("projectAdded"),
    title: Bilingual,
    budget: z.number().describe("сом"),
  }),
  z.object({
    kind: z.literal("projectRemoved"),
    title: Bilingual,
    budget: z.number().describe("сом"),
  }),
  z.object({
    kind: z.literal("projectBudget"),
    title: Bilingual,
    from: z.number().describe("сом"),
    to: z.number().describe("сом"),
  }),
  z.object({ kind: z.literal("questionAdded"), title: Bilingual }),
  z.object({ kind: z.literal("questionRemoved"), title: Bilingual }),
]);

/** An amendment of the proposal after announcement (ADR 0050). */
const Amendment = z.object({
  number: z.number().int().describe("1, 2, … per hearing"),
  at: BishkekInstant,
  reason: z.string().describe("as the official typed it"),
  changes: z.array(AmendmentChange),
  text: Bilingual.describe("the changes as a sentence, as the hearing page shows them"),
  commentEndBefore: BishkekInstant.nullable(),
  commentEndAfter: BishkekInstant.nullable(),
  votesSetAside: z.number().int().describe("votes this amendment set aside (kept, not counted)"),
});

/** `GET /api/v1/hearings/{id}`: the list item's fields plus the details; tariffLines or planSections by type. */
export const HearingReply = HearingListItem.extend({
  body: Bilingual,
  authoritativeLanguage: z.enum(["ky", "ru"]),
  initiator: z.object({ kind: z.enum(["okmotu", "enterprise"]), name: Bilingual.nullable() }),
  schedule: z.object({
    noticeAt: BishkekInstant.nullable(),
    commentStartAt: BishkekInstant.nullable(),
    commentEndAt: BishkekInstant.nullable(),
    meetingAt: BishkekInstant.nullable(),
    meetingPlace: Bilingual,
  }),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  updatedAt: BishkekInstant,
  questions: z.array(z.object({ id: z.number().int(), title: Bilingual })),
  documents: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      contentType: z.string(),
      size: z.number().int().describe("bytes"),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      url: z.url(),
    }),
  ),
  amendments: z.array(Amendment).describe("in order; empty when the proposal was never amended"),
  tariffLines: z.array(TariffLine).optional(),
  planSections: z.array(PlanSection).optional(),
});

/**
 * A refusal of the open-data endpoints, localized like every API refusal (ADR 0005):
 * `{ error: { code, message } }` — 404 `common:errors.notFoundText`, 405
 * `common:errors.methodNotAllowed`; `message` in `?lang=` or Accept-Language.
 */
export const ApiErrorCode = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
