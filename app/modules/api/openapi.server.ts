/**
 * The OpenAPI 3.1 document of the open-data API, served at `/api/v1/openapi.json` and linked from
 * docs/api.md. The response schemas are the features' zod schemas (`<feature>/api.schemas.ts`),
 * turned into JSON Schema 2020-12 by zod; `tests/integration/openapi.test.ts` validates a real answer
 * of every path here against the document (ajv, draft 2020-12), so the document cannot drift.
 *
 * To add an endpoint: describe its answer with zod in the feature's `api.schemas.ts`, register the
 * schema in `SCHEMAS` and the path in `PATHS`, and add a real call of it to the test.
 */
import { z } from "zod";
import {
  ApiErrorCode,
  HearingReply,
  MunicipalitiesReply,
  MunicipalityHearingsReply,
} from "../hearings/api.schemas";
import { ApiErrorMessage, CommentsPage, ResultsReply } from "../participation/api.schemas";
import { ProtocolReply } from "../protocol/api.schemas";
import { MunicipalityTariffsReply, TariffsReply } from "../tariffs/api.schemas";

/** Named response schemas: `#/components/schemas/<name>`. */
const SCHEMAS = {
  MunicipalitiesReply,
  MunicipalityHearingsReply,
  HearingReply,
  CommentsPage,
  ResultsReply,
  ProtocolReply,
  TariffsReply,
  MunicipalityTariffsReply,
  ApiErrorCode,
  ApiErrorMessage,
} satisfies Record<string, z.ZodType>;

type SchemaName = keyof typeof SCHEMAS;

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, name: SchemaName) => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});
const idParam = {
  name: "id",
  in: "path",
  required: true,
  description: "the hearing's id",
  schema: { type: "integer", minimum: 1 },
};
const langParam = {
  name: "lang",
  in: "query",
  required: false,
  description: "language of messages and CSV headers (else Accept-Language, else ky)",
  schema: { type: "string", enum: ["ky", "ru"] },
};
const notModified = { description: "Not Modified: the ETag sent in If-None-Match still holds" };

/** Path templates → operations. Every one has a real call in tests/integration/openapi.test.ts. */
const asOfParam = {
  name: "asOf",
  in: "query",
  required: false,
  description: "the Asia/Bishkek calendar date the prices are in force on (default: today)",
  schema: { type: "string", format: "date" },
};
const tariffFilters = ["oblast", "district", "municipality", "service", "category", "unit"].map(
  (name) => ({
    name,
    in: "query",
    required: false,
    description: `only this ${name} (slug or code)`,
    schema: { type: "string", maxLength: 100 },
  }),
);

const PATHS: Record<string, { get: Record<string, unknown> }> = {
  "/api/v1/tariffs": {
    get: {
      operationId: "listTariffs",
      tags: ["tariffs"],
      summary: "The tariffs in force on a date, filtered by place, service, category or unit",
      parameters: [...tariffFilters, asOfParam],
      responses: {
        200: json("The tariffs in force", "TariffsReply"),
        304: notModified,
        400: json("A bad asOf date or filter", "ApiErrorMessage"),
      },
    },
  },
  "/api/v1/tariffs.csv": {
    get: {
      operationId: "listTariffsCsv",
      tags: ["tariffs"],
      summary: "The same as /api/v1/tariffs as CSV (UTF-8 with BOM, names in ?lang)",
      parameters: [...tariffFilters, asOfParam, langParam],
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
        304: notModified,
        400: json("A bad asOf date or filter", "ApiErrorMessage"),
      },
    },
  },
  "/api/v1/municipalities/{slug}/tariffs": {
    get: {
      operationId: "getMunicipalityTariffs",
      tags: ["tariffs"],
      summary: "A municipality's tariffs in force on a date and its whole register history",
      parameters: [
        { name: "slug", in: "path", required: true, schema: { type: "string" } },
        asOfParam,
      ],
      responses: {
        200: json("The municipality's register", "MunicipalityTariffsReply"),
        304: notModified,
        400: json("A bad asOf date", "ApiErrorMessage"),
        404: json("No such municipality", "ApiErrorCode"),
      },
    },
  },
  "/api/v1/municipalities": {
    get: {
      operationId: "listMunicipalities",
      tags: ["hearings"],
      summary: "Every municipality, with names in both languages",
      responses: { 200: json("The municipalities", "MunicipalitiesReply"), 304: notModified },
    },
  },
  "/api/v1/municipalities/{slug}/hearings": {
    get: {
      operationId: "listMunicipalityHearings",
      tags: ["hearings"],
      summary: "A municipality's hearings, newest first (drafts never appear)",
      parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        200: json("The hearings", "MunicipalityHearingsReply"),
        304: notModified,
        404: json("No such municipality", "ApiErrorCode"),
      },
    },
  },
  "/api/v1/hearings/{id}": {
    get: {
      operationId: "getHearing",
      tags: ["hearings"],
      summary:
        "One hearing with its proposal (tariff lines or plan sections), questions, documents",
      parameters: [idParam],
      responses: {
        200: json("The hearing", "HearingReply"),
        304: notModified,
        404: json("No such hearing, or a draft", "ApiErrorCode"),
      },
    },
  },
  "/api/v1/hearings/{id}/comments": {
    get: {
      operationId: "listComments",
      tags: ["participation"],
      summary: "Comments and replies, oldest first, keyset-paginated",
      parameters: [
        idParam,
        langParam,
        {
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 200, default: 50 },
        },
        {
          name: "cursor",
          in: "query",
          schema: { type: "string" },
          description: "nextCursor of the previous page",
        },
        {
          name: "stance",
          in: "query",
          schema: { type: "string", enum: ["for", "against", "neutral"] },
        },
        {
          name: "target",
          in: "query",
          schema: { type: "string", pattern: "^(line|section):\\d+$" },
        },
        { name: "unanswered", in: "query", schema: { type: "string", enum: ["1"] } },
      ],
      responses: {
        200: json("One page of comments", "CommentsPage"),
        404: json("No such hearing", "ApiErrorMessage"),
      },
    },
  },
  "/api/v1/hearings/{id}/comments.csv": {
    get: {
      operationId: "commentsCsv",
      tags: ["participation"],
      summary: "Every comment as CSV (UTF-8 with BOM, CRLF, header row localized by ?lang)",
      parameters: [idParam, langParam],
      responses: {
        200: { description: "The CSV", content: { "text/csv": { schema: { type: "string" } } } },
        404: json("No such hearing", "ApiErrorMessage"),
      },
    },
  },
  "/api/v1/hearings/{id}/results": {
    get: {
      operationId: "getResults",
      tags: ["participation"],
      summary: "Votes and comment figures, after the hearing closed",
      parameters: [idParam, langParam],
      responses: {
        200: json("The results", "ResultsReply"),
        403: json("The hearing has not closed yet (for everyone)", "ApiErrorMessage"),
        404: json("No such hearing", "ApiErrorMessage"),
      },
    },
  },
  "/api/v1/hearings/{id}/protocol": {
    get: {
      operationId: "getProtocol",
      tags: ["protocol"],
      summary: "The protocol's state, versions, resolution, hashes and links",
      parameters: [idParam],
      responses: {
        200: json("The protocol record", "ProtocolReply"),
        404: json("No such hearing", "ApiErrorCode"),
      },
    },
  },
};

let cached: Record<string, unknown> | null = null;

/**
 * The OpenAPI 3.1 document (a plain JSON object). `serverUrl` is the portal's public URL.
 * The component schemas are built once per process.
 */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  cached ??= buildComponents();
  return {
    openapi: "3.1.0",
    info: {
      title: "Jyiyn open data API",
      version: "1.0.0",
      description:
        "Public hearings of Kyrgyz municipalities, read-only, free to use without a key. Keys are camelCase; texts come as { ky, ru }; money is сом with two decimals. Every refusal is { error: { code, message } } (ApiErrorMessage), message in ?lang= or Accept-Language: any other path under /api/ answers 404 and any method but GET, HEAD and OPTIONS 405 (with Allow). See docs/api.md.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: serverUrl }],
    paths: PATHS,
    components: { schemas: cached },
  };
}

function buildComponents(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s;
      return [id, rest];
    }),
  );
}
