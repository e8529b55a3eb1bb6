/**
 * dcat:DataService (/v1/data-services) and dcat:DatasetSeries (/v1/dataset-series): list, read (JSON or RDF by
 * Accept), publish, replace and delete — the same rules as datasets (publisher role; only its own publisher may
 * change or delete one). A series is read with its members in order.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { ApiError, routeGroup } from "@regie/shared";
import {
  DataService,
  DataServiceInput,
  DataServiceList,
  DatasetSeries,
  DatasetSeriesInput,
  DatasetSeriesList,
  DatasetSeriesWithMembers,
  ResourcePageQuery,
} from "@regie/shared/contracts/catalogue";
import { ResourcesRepo, type ResourceDoc } from "../dcat3/repo";
import { resourceToQuads } from "../dcat3/rdf";
import { createResource, deleteResource, resourcePath, updateResource } from "../dcat3/service";
import type { ResourceKind } from "../dcat3/validate";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { negotiate, RDF_TYPES } from "../http/negotiate";
import { toJsonLd, toTurtle } from "../rdf/serialise";
import { toRdfXml } from "../rdf/rdfxml";
import { IDEMPOTENCY_NOTE, IdempotencyHeader, idParam, publisher } from "./common";

interface KindRoutes {
  kind: ResourceKind;
  base: string;
  tag: string;
  noun: string;
  input: z.ZodType;
  output: z.ZodType;
  /** what GET /{id} answers as JSON */
  one: z.ZodType;
  list: z.ZodType;
  rules: string;
}

const KINDS: KindRoutes[] = [
  {
    kind: "service",
    base: "/v1/data-services",
    tag: "data services",
    noun: "data service",
    input: DataServiceInput,
    output: DataService,
    one: DataService,
    list: DataServiceList,
    rules: "DCAT-AP 3.0.1: dct:title and at least one dcat:endpointURL are mandatory; dct:accessRights, dct:license and dct:publisher at most one.",
  },
  {
    kind: "series",
    base: "/v1/dataset-series",
    tag: "dataset series",
    noun: "dataset series",
    input: DatasetSeriesInput,
    output: DatasetSeries,
    one: DatasetSeriesWithMembers,
    list: DatasetSeriesList,
    rules:
      "DCAT-AP 3.0.1 and HealthDCAT-AP R8: dct:title, dct:description and dcatap:applicableLegislation are mandatory. " +
      "Datasets join a series with dcat:inSeries.",
  },
];

const IdParam = idParam(200);
const Body = z.looseObject({});

function kindRoutes(app: OpenAPIHono<AppEnv>, k: KindRoutes) {
  const name = k.kind === "service" ? "DataService" : "DatasetSeries";
  const body = Body.openapi(`${name}InputBody`, { description: `A ${k.noun} input; 422 names every violated property` });
  app.openAPIRegistry.register(`${name}Input`, k.input);

  const publicResources = routeGroup({ tags: [k.tag] });
  app.openapi(
    publicResources
      .get(k.base, `List the ${k.tag} (oldest first, keyset paging)`, { query: ResourcePageQuery })
      .ok(k.list, "One page; nextCursor continues", 400),
    async (c) => {
      const { cursor, limit } = c.req.valid("query");
      const page = await new ResourcesRepo<ResourceDoc>(c.env.DB, k.kind).page(limit, cursor === undefined ? 0 : Number(cursor));
      return c.json({ items: page.items, nextCursor: page.next === null ? null : String(page.next) }, 200) as never;
    },
  );

  app.openapi(
    publicResources
      .get(`${k.base}/{id}`, `One ${k.noun} as JSON, Turtle, JSON-LD or RDF/XML (by Accept)`, { params: IdParam })
      .describe(
        k.kind === "series"
          ? "As JSON with its members (datasets of the series' publisher naming it in dcat:inSeries), oldest first: dct:issued, then dcat:version."
          : undefined,
      )
      .respond(
        {
          200: {
            description: `The ${k.noun}`,
            content: {
              "application/json": { schema: k.one },
              "text/turtle": { schema: z.string() },
              "application/ld+json": { schema: z.object({}).passthrough() },
              "application/rdf+xml": { schema: z.string() },
            },
          },
        },
        404,
        406,
      ),
    async (c) => {
      const rep = negotiate(c.req.header("accept"));
      if (!rep) throw new ApiError("NOT_ACCEPTABLE", `Ask for ${Object.values(RDF_TYPES).join(", ")}`);
      const repo = new ResourcesRepo<ResourceDoc>(c.env.DB, k.kind);
      const doc = await repo.getDoc(c.req.valid("param").id);
      if (!doc) throw new ApiError("NOT_FOUND", `No such ${k.noun}`);
      c.header("vary", "accept");
      if (rep === "json") {
        if (k.kind === "service") return c.json(doc, 200) as never;
        const members = await repo.members(doc.iri, doc.publisherId);
        return c.json({ ...doc, members: members.items, memberCount: members.total }, 200) as never;
      }
      const quads = resourceToQuads(k.kind, doc);
      const out = rep === "turtle" ? toTurtle(quads) : rep === "rdfxml" ? toRdfXml(quads) : toJsonLd(quads);
      return c.body(out, 200, { "content-type": `${RDF_TYPES[rep]}; charset=utf-8` }) as never;
    },
  );

  app.openapi(
    publisher
      .with(idempotent(`${k.kind}.create`))
      .post(k.base, `Publish a ${k.noun} (publisher)`, { headers: IdempotencyHeader, json: body })
      .describe(`${k.rules} ${IDEMPOTENCY_NOTE}`)
      .created(k.output, "Published", 400, 401, 403, 409, 415, 422),
    async (c) => {
      const doc = await createResource(c.env.DB, k.kind, c.req.valid("json"), c.get("auth").publisherId);
      c.header("location", resourcePath(k.kind, doc.id));
      return c.json(doc, 201) as never;
    },
  );

  app.openapi(
    publisher
      .put(`${k.base}/{id}`, `Replace a ${k.noun} (its own publisher only)`, { params: IdParam, json: body })
      .describe("`modified` is set to now and `revision` increases by one.")
      .ok(k.output, "Updated", 400, 401, 403, 404, 415, 422),
    async (c) => c.json(await updateResource(c.env.DB, k.kind, c.req.valid("param").id, c.req.valid("json"), c.get("auth").publisherId), 200) as never,
  );

  app.openapi(
    publisher
      .delete(`${k.base}/{id}`, `Delete a ${k.noun} (its own publisher only)`, { params: IdParam })
      .respond({ 204: { description: "Deleted" } }, 401, 403, 404),
    async (c) => {
      await deleteResource(c.env.DB, k.kind, c.req.valid("param").id, c.get("auth").publisherId);
      return c.body(null, 204);
    },
  );
}

export function dcatResourceRoutes(app: OpenAPIHono<AppEnv>): void {
  for (const k of KINDS) kindRoutes(app, k);
}
