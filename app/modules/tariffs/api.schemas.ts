/**
 * The shapes of the tariff register's open-data answers (`/api/v1/tariffs`,
 * `/api/v1/municipalities/{slug}/tariffs`), the single source of their part of the OpenAPI
 * document. Keys camelCase; money as integer tyiyn and as a number of сом (two decimals); dates
 * as Asia/Bishkek calendar dates `yyyy-mm-dd`.
 */
import { z } from "zod";
import { Bilingual } from "../hearings/api.schemas";

const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Coded = z.object({ code: z.string(), name: Bilingual });
const Place = z.object({ slug: z.string(), name: Bilingual });

/** One register entry: stable `id`; `validTo` is the last day in force (null: still in force). */
export const TariffEntry = z.object({
  id: z.number().int(),
  municipality: Place,
  district: Place,
  oblast: Place,
  service: Coded,
  category: Coded,
  unit: Coded,
  provider: z.object({ kind: z.enum(["okmotu", "enterprise"]), name: Bilingual }),
  price: z.object({ tyiyn: z.number().int(), som: z.number(), currency: z.literal("KGS") }),
  validFrom: CalendarDate,
  validTo: CalendarDate.nullable(),
  resolution: z.object({ number: z.string(), date: CalendarDate }),
  source: z.enum(["hearing", "manual"]),
  hearing: z.object({ id: z.number().int(), url: z.string() }).nullable(),
  protocol: z.object({ verificationCode: z.string(), url: Bilingual }).nullable(),
  document: z.object({ url: Bilingual }).nullable(),
  corrects: z.number().int().nullable(),
  replacedBy: z.number().int().nullable(),
  corrected: z.boolean(),
  reason: z.string().nullable(),
  demo: z.boolean(),
});

/** `GET /api/v1/tariffs`: the entries in force on `asOf`. */
export const TariffsReply = z.object({
  asOf: CalendarDate,
  count: z.number().int(),
  tariffs: z.array(TariffEntry),
});

/** `GET /api/v1/municipalities/{slug}/tariffs`: in force on `asOf`, and every entry ever. */
export const MunicipalityTariffsReply = z.object({
  municipality: z.object({ id: z.number().int(), slug: z.string(), name: Bilingual }),
  asOf: CalendarDate,
  inForce: z.array(TariffEntry),
  history: z.array(TariffEntry),
});
