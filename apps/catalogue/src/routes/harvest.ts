/** POST /v1/harvest (publisher): import a DCAT-AP / HealthDCAT-AP document (Turtle, JSON-LD or RDF/XML). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import { HarvestReport } from "@regie/shared/contracts/catalogue";
import { harvest } from "../datasets/service";
import { isRdfInputType, RDF_INPUT_TYPES } from "../rdf/parse";
import type { AppEnv } from "../env";
import { DatasetsRepo } from "../storage/datasets-repo";
import { BEARER } from "./common";

export function harvestRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/harvest",
      tags: ["publishing"],
      summary: "Harvest a DCAT-AP / HealthDCAT-AP document (publisher)",
      description:
        "Every dcat:Dataset in the document is mapped and validated. Conformant datasets are imported (created, or updated when the IRI is known) " +
        "in one atomic write; the others are reported with their violations and nothing of them is written. " +
        "dcat:DataService and dcat:DatasetSeries nodes are imported the same way (the report's `resources`). " +
        "Body: a Turtle (text/turtle), JSON-LD (application/ld+json) or RDF/XML (application/rdf+xml) document.",
      security: BEARER,
      middleware: [requireRole("publisher")] as const,
      responses: { 200: jsonResponse(HarvestReport, "What was imported and what was rejected"), ...problemResponses(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => {
      const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
      if (!isRdfInputType(type)) {
        throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Send the document as ${RDF_INPUT_TYPES.join(", ")}`, { headers: { accept: RDF_INPUT_TYPES.join(", ") } });
      }
      const body = await c.req.text();
      if (!body.trim()) throw new ApiError("BAD_REQUEST", "The document is empty");
      return c.json(await harvest(new DatasetsRepo(c.env.DB), body, type, c.get("auth").publisherId), 200);
    },
  );
  return app;
}
