/**
 * POST /v1/validate (public): a DCAT-AP / HealthDCAT-AP document in, the official shapes' report out, per dataset
 * and access level; nothing is read from or written to storage.
 *
 * Public on purpose: it touches no data (like the HealthData@EU and SEMIC validators, which publicValidate may use), so a
 * publisher, a harvester or a source's maintainer can check a description before any account exists. It is
 * rate-limited per client like every route, and its CPU per request is bounded by MAX_VALIDATE_TRIPLES.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, routeGroup } from "@regie/shared";
import { ValidateQuery, ValidationReport } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { parseRequestDocument, readRdfBody } from "../rdf/request-body";
import { MAX_VALIDATE_TRIPLES, validateDocument } from "../validation/document";

/** Blank node labels of the parsed document carry this prefix; the report shows them without it. */
const BLANK_PREFIX = "v_";

export function validateRoutes(app: OpenAPIHono<AppEnv>): void {
  const publicValidate = routeGroup({ tags: ["publishing"] });

  app.openapi(
    publicValidate
      .post("/v1/validate", "Validate a DCAT-AP / HealthDCAT-AP document against the official shapes (public; nothing is written)", { query: ValidateQuery })
      .describe(
        [
          "Body: a Turtle (text/turtle), JSON-LD (application/ld+json) or RDF/XML (application/rdf+xml) document, at most 8 MiB and",
          `${MAX_VALIDATE_TRIPLES} triples. The official HealthDCAT-AP Release 8 shapes of an access level (with DCAT-AP 3.0.1 and the graph guard) run`,
          "over the whole graph; each result is reported under the dataset its focus node belongs to, or under `document`.",
          "The level's `_recommended` shapes come back as recommendations (sh:Warning). `regie` says whether POST /v1/harvest would import the dataset.",
          "`level`: omitted, each dataset at the level its dct:accessRights declares; PUBLIC, RESTRICTED or NON_PUBLIC,",
          "every dataset at that level; `all`, all three.",
        ].join(" "),
      )
      .ok(ValidationReport, "The validation report (also when the document does not conform)", 400, 413, 415, 429),
    async (c) => {
      const { type, body } = await readRdfBody(c.req);
      const quads = await parseRequestDocument(body, type, BLANK_PREFIX);
      if (quads.length > MAX_VALIDATE_TRIPLES) {
        const detail = `The document holds ${quads.length} triples; at most ${MAX_VALIDATE_TRIPLES} are validated per request (split it by dataset)`;
        throw new ApiError("PAYLOAD_TOO_LARGE", detail);
      }
      return c.json(await validateDocument(quads, c.req.valid("query"), BLANK_PREFIX), 200);
    },
  );
}
