/** GET /catalog.ttl and /catalog.jsonld: the whole catalogue as DCAT, paged with Hydra, `modified_since` for harvesters. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ApiError, problemResponses } from "@regie/shared";
import { CatalogPageQuery } from "@regie/shared/contracts/catalogue";
import { catalogQuads } from "../dcat/catalog";
import type { AppEnv } from "../env";
import { toJsonLd, toTurtle } from "../rdf/serialise";
import { DatasetsRepo } from "../storage/datasets-repo";

export function exportRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  for (const [path, type] of [
    ["/catalog.ttl", "text/turtle"],
    ["/catalog.jsonld", "application/ld+json"],
  ] as const) {
    app.openapi(
      createRoute({
        method: "get", path, tags: ["dcat"], summary: `The catalogue as ${type} (DCAT-AP / HealthDCAT-AP), Hydra-paged`,
        request: { query: CatalogPageQuery },
        responses: { 200: { description: "One page of the catalogue", content: { [type]: { schema: z.string() } } }, ...problemResponses(400) },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const { page, pageSize } = q;
        if (q.modified_since && Number.isNaN(Date.parse(q.modified_since))) throw new ApiError("BAD_REQUEST", "modified_since is not a valid date");
        const { total, docs, lastOrd } = await new DatasetsRepo(c.env.DB).exportPage({ offset: (page - 1) * pageSize, after: q.after, limit: pageSize, modifiedSince: q.modified_since });
        const url = new URL(c.req.url);
        const pageUrl = (p: number, after?: number) => {
          const u = new URL(url.toString());
          u.searchParams.set("page", String(p));
          if (after === undefined) u.searchParams.delete("after");
          else u.searchParams.set("after", String(after));
          return u.toString();
        };
        const quads = catalogQuads({ datasets: docs, total, page, pageSize, pageUrl, nextAfter: lastOrd });
        const body = type === "text/turtle" ? toTurtle(quads) : toJsonLd(quads);
        return c.body(body, 200, { "content-type": `${type}; charset=utf-8` }) as never;
      },
    );
  }
  return app;
}
