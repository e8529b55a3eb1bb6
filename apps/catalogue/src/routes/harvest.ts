/**
 * POST /v1/harvest (publisher): import a DCAT-AP / HealthDCAT-AP document (Turtle, JSON-LD or RDF/XML). A document
 * with at most HARVEST_INVOCATION_DATASETS datasets is answered at once (200, as always); a bigger one continues over
 * several invocations through the harvest queue (202 with the job; GET /v1/harvest/jobs/{id} polls it).
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, jsonResponse } from "@regie/shared";
import { HarvestPushJob, HarvestReport } from "@regie/shared/contracts/catalogue";
import { harvestPrefix, harvestQuads, readHarvestDocument } from "../datasets/service";
import { planResources } from "../dcat3/harvest";
import { readRdfBody } from "../rdf/request-body";
import type { AppEnv } from "../env";
import { chunkSize } from "../harvest-push/consume";
import { HarvestPushRepo } from "../harvest-push/repo";
import { startHarvestJob } from "../harvest-push/start";
import { datasetsRepo } from "../storage/repos";
import { publisher } from "./common";

const JobParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

export function harvestRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    publisher
      .post("/v1/harvest", "Harvest a DCAT-AP / HealthDCAT-AP document (publisher)")
      .describe(
        "Every dcat:Dataset in the document is mapped and validated. Conformant datasets are imported (created, or updated when the IRI is known); " +
          "the others are reported with their violations and nothing of them is written. " +
          "dcat:DataService and dcat:DatasetSeries nodes are imported the same way (the report's `resources`). " +
          "Body: a Turtle (text/turtle), JSON-LD (application/ld+json) or RDF/XML (application/rdf+xml) document. " +
          "A document with at most as many datasets as one invocation writes (100 in production) is imported in one atomic write and answered with the report (200). " +
          "A bigger one is answered with a job (202, `location: /v1/harvest/jobs/{id}`) and its datasets imported in chunks, each dataset whole or not at all " +
          "(its data services and series are imported before the job starts).",
      )
      .respond(
        {
          200: jsonResponse(HarvestReport, "What was imported and what was rejected"),
          202: jsonResponse(HarvestPushJob, "A big document: the job importing it (poll its location)"),
        },
        400,
        401,
        403,
        413,
        415,
        422,
      ),
    async (c) => {
      const { type, body } = await readRdfBody(c.req);
      const publisherId = c.get("auth").publisherId;
      const prefix = harvestPrefix();
      const { quads, total } = await readHarvestDocument(body, type, prefix);
      const chunk = chunkSize(c.env);
      if (total > chunk) {
        const resources = await planResources(c.env.DB, quads, publisherId);
        if (resources.statements.length) await datasetsRepo(c.env).commit(resources.statements);
        const job = await startHarvestJob(c.env, { quads, mediaType: type, prefix, total, chunk }, publisherId);
        c.header("location", `/v1/harvest/jobs/${job.id}`);
        return c.json(job, 202);
      }
      return c.json(await harvestQuads(datasetsRepo(c.env), quads, total, publisherId), 200);
    },
  );

  app.openapi(
    publisher
      .get("/v1/harvest/jobs/{id}", "A pushed harvest job: progress and each dataset's outcome (its publisher)", { params: JobParam })
      .ok(HarvestPushJob, "The job", 400, 401, 403, 404),
    async (c) => {
      const jobs = new HarvestPushRepo(c.env.DB);
      const { id } = c.req.valid("param");
      const j = await jobs.get(id);
      // another publisher's job is not found, so ids do not leak
      if (!j || j.publisherId !== c.get("auth").publisherId) throw new ApiError("NOT_FOUND", "No such harvest job");
      const { publisherId: _p, mediaType: _m, prefix: _x, ...job } = j;
      return c.json({ ...job, items: await jobs.items(id) }, 200);
    },
  );
}
