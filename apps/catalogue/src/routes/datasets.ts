/** GET /v1/datasets (search), GET /v1/datasets/{id} (content negotiation), publishing (publisher only). */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, zodIssuesToErrors } from "@regie/shared";
import { Dataset, DatasetInput, SearchParams, SearchResponse } from "@regie/shared/contracts/catalogue";
import { createDataset, deleteDataset, updateDataset } from "../datasets/service";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { negotiate, RDF_TYPES } from "../http/negotiate";
import { datasetToQuads } from "../rdf/to-rdf";
import { toJsonLd, toTurtle } from "../rdf/serialise";
import { toRdfXml } from "../rdf/rdfxml";
import { qualityScore } from "../quality/score";
import { searchDatasets } from "../search/sharded";
import { decodePageCursor, type PageCursor } from "../search/cursor";
import { DatasetIdParam, IDEMPOTENCY_NOTE, IdempotencyHeader, publicDatasets, publicSearch, publisher } from "./common";
import { datasetsRepo } from "../storage/repos";

/** Any JSON object: the HealthDCAT-AP validator (422 with every violated property) checks it as a DatasetInput. */
const DatasetBody = z
  .looseObject({})
  .openapi("DatasetInputBody", { description: "A DatasetInput; checked against the HealthDCAT-AP Release 8 rules (422 names every violated property)" });

export function datasetRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.register("DatasetInput", DatasetInput);

  app.openapi(
    publicSearch
      .get("/v1/datasets", "Search datasets with facets", { query: SearchParams })
      .describe(
        "Full text (Dutch and English, prefix matching; title ranked above keywords above description), facets (several values of one facet OR, facets AND; a facet's counts ignore its own selection), range filters (age overlap, temporal overlap, minimum unique individuals), sort relevance|modified|title|quality (MQA score, best first), cursor paging.",
      )
      .ok(SearchResponse, "One page of hits, the total and facet counts", 400),
    async (c) => {
      const { cursor, limit, lang, ...query } = c.req.valid("query");
      let page: PageCursor = { offset: 0 };
      if (cursor) {
        const decoded = decodePageCursor(cursor);
        if (decoded === null) throw new ApiError("BAD_REQUEST", "The cursor is not valid: use nextCursor from a previous response");
        page = decoded;
      }
      const body = await searchDatasets(c.env, datasetsRepo(c.env), query, { offset: page.offset, after: page.after, limit, lang });
      return c.body(body, 200, { "content-type": "application/json" }) as never;
    },
    (result) => {
      if (!result.success)
        throw new ApiError("VALIDATION_FAILED", "The search parameters are not valid", { errors: zodIssuesToErrors(result.error.issues, "/query") });
      return undefined;
    },
  );

  app.openapi(
    publicDatasets
      .get("/v1/datasets/{id}", "One dataset as JSON, Turtle, JSON-LD or RDF/XML (by Accept)", { params: DatasetIdParam })
      .respond(
        {
          200: {
            description: "The dataset",
            content: {
              "application/json": { schema: Dataset },
              "text/turtle": { schema: z.string() },
              "application/rdf+xml": { schema: z.string() },
              "application/ld+json": { schema: z.object({}).passthrough() },
            },
          },
        },
        404,
        406,
      ),
    async (c) => {
      const rep = negotiate(c.req.header("accept"));
      if (!rep) throw new ApiError("NOT_ACCEPTABLE", `Ask for ${Object.values(RDF_TYPES).join(", ")}`);
      const doc = await datasetsRepo(c.env).getDoc(c.req.valid("param").id);
      if (!doc) throw new ApiError("NOT_FOUND", "No such dataset");
      c.header("vary", "accept");
      if (rep === "json") return c.json({ ...doc, quality: qualityScore(doc) }, 200);
      const quads = datasetToQuads(doc);
      const body = rep === "turtle" ? toTurtle(quads) : rep === "rdfxml" ? toRdfXml(quads) : toJsonLd(quads);
      return c.body(body, 200, { "content-type": `${RDF_TYPES[rep]}; charset=utf-8` }) as never;
    },
  );

  app.openapi(
    publisher
      .with(idempotent("datasets.create"))
      .post("/v1/datasets", "Publish a dataset (publisher)", { headers: IdempotencyHeader, json: DatasetBody })
      .describe("Validated against the HealthDCAT-AP Release 8 rules (non-public level): 422 names every violated property. " + IDEMPOTENCY_NOTE)
      .created(Dataset, "Published", 400, 401, 403, 409, 415, 422),
    async (c) => {
      const doc = await createDataset(datasetsRepo(c.env), c.req.valid("json"), c.get("auth").publisherId);
      c.header("location", `/v1/datasets/${encodeURIComponent(doc.id)}`);
      return c.json(doc, 201);
    },
  );

  app.openapi(
    publisher
      .put("/v1/datasets/{id}", "Replace a dataset (its own publisher only)", { params: DatasetIdParam, json: DatasetBody })
      .describe("`modified` is set to now and `revision` increases by one.")
      .ok(Dataset, "Updated", 400, 401, 403, 404, 415, 422),
    async (c) => c.json(await updateDataset(datasetsRepo(c.env), c.req.valid("param").id, c.req.valid("json"), c.get("auth").publisherId), 200),
  );

  app.openapi(
    publisher
      .delete("/v1/datasets/{id}", "Delete a dataset (its own publisher only)", { params: DatasetIdParam })
      .respond({ 204: { description: "Deleted" } }, 401, 403, 404),
    async (c) => {
      await deleteDataset(datasetsRepo(c.env), c.req.valid("param").id, c.get("auth").publisherId);
      return c.body(null, 204);
    },
  );
}
