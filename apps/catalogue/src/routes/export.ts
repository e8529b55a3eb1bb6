/** GET /catalog.ttl and /catalog.jsonld: the whole catalogue as DCAT, paged with Hydra, `modified_since` for harvesters. */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, routeGroup } from "@regie/shared";
import { CatalogPageQuery } from "@regie/shared/contracts/catalogue";
import { catalogQuads } from "../dcat/catalog";
import { catalogueResources } from "../dcat3/export";
import type { AppEnv } from "../env";
import { toJsonLd, toTurtle } from "../rdf/serialise";
import { toRdfXml } from "../rdf/rdfxml";
import { withdrawnQuads } from "../dcat/withdrawn";
import { datasetsRepo, syncRepo } from "../storage/repos";

export function exportRoutes(app: OpenAPIHono<AppEnv>): void {
  const publicDcat = routeGroup({ tags: ["dcat"] });

  for (const [path, type] of [
    ["/catalog.ttl", "text/turtle"],
    ["/catalog.jsonld", "application/ld+json"],
    ["/catalog.rdf", "application/rdf+xml"],
  ] as const) {
    app.openapi(
      publicDcat
        .get(path, `The catalogue as ${type} (DCAT-AP / HealthDCAT-AP), Hydra-paged`, { query: CatalogPageQuery })
        .respond({ 200: { description: "One page of the catalogue", content: { [type]: { schema: z.string() } } } }, 400),
      async (c) => {
        const q = c.req.valid("query");
        const { page, pageSize } = q;
        if (q.modified_since && Number.isNaN(Date.parse(q.modified_since))) throw new ApiError("BAD_REQUEST", "modified_since is not a valid date");
        const { total, docs, lastOrd } = await datasetsRepo(c.env).exportPage({
          offset: (page - 1) * pageSize,
          after: q.after,
          limit: pageSize,
          modifiedSince: q.modified_since,
        });
        const url = new URL(c.req.url);
        const pageUrl = (p: number, after?: number) => {
          const u = new URL(url.toString());
          u.searchParams.set("page", String(p));
          if (after === undefined) u.searchParams.delete("after");
          else u.searchParams.set("after", String(after));
          return u.toString();
        };
        // withdrawn datasets since modified_since, paged beside the datasets by page number (see dcat/withdrawn.ts)
        const withdrawn = q.modified_since ? await syncRepo(c.env).tombstonesSince(q.modified_since, (page - 1) * pageSize, pageSize) : { total: 0, items: [] };
        // data services and dataset series: on the first page (at most MAX_LISTED of each, see dcat3/export.ts)
        const { services, series } = page === 1 && q.after === undefined ? await catalogueResources(c.env.DB, q.modified_since) : { services: [], series: [] };
        const quads = [
          ...catalogQuads({
            datasets: docs,
            services,
            series,
            total,
            page,
            pageSize,
            pageUrl,
            nextAfter: lastOrd,
            pages: Math.ceil(withdrawn.total / pageSize),
          }),
          ...withdrawnQuads(withdrawn.items),
        ];
        // Accept: application/rdf+xml on any of the paths gives RDF/XML (many DCAT harvesters and the HealthData@EU validator use it)
        const out = type === "application/rdf+xml" || /application\/rdf\+xml/i.test(c.req.header("accept") ?? "") ? "application/rdf+xml" : type;
        const body = out === "text/turtle" ? toTurtle(quads) : out === "application/rdf+xml" ? toRdfXml(quads) : toJsonLd(quads);
        if (out !== type || path !== "/catalog.rdf") c.header("vary", "accept");
        return c.body(body, 200, { "content-type": `${out}; charset=utf-8` }) as never;
      },
    );
  }
}
