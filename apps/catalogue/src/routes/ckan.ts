/**
 * The CKAN Action API subset that CKAN clients and harvesters use: package_search, package_show,
 * organization_list. Responses have CKAN's `{"help","success","result"}` shape; errors are problem+json that
 * also carry CKAN's `success: false` and `error` fields, so both kinds of client understand them.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import {
  CkanOrganizationListParams,
  CkanPackageListParams,
  CkanPackageSearchParams,
  CkanPackageShowParams,
  FACET_FIELDS,
  SearchQuery,
  type FacetField,
} from "@regie/shared/contracts/catalogue";
import { CKAN_FIELDS, CKAN_SORTS, CkanQueryError, parseClauses, toCkanPackage } from "../ckan/package";
import { deletedCkanPackage, isSyncListing } from "../ckan/sync";
import { ckanError, ok } from "../ckan/response";
import { syncListing } from "./ckan-sync";
import type { AppEnv } from "../env";
import { publisherName } from "../datasets/service";
import { cachedOffsetRead, publishers } from "../search/sharded";
import { datasetsRepo, syncRepo } from "../storage/repos";

export function ckanRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get("/api/3/action/package_search", async (c) => {
    const params = CkanPackageSearchParams.safeParse(c.req.queries());
    if (!params.success) return ckanError("BAD_REQUEST", "Validation Error", params.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const p = params.data;
    if (isSyncListing(p.sort, p.fq) || p.include_deleted === true) return syncListing(c, p);
    const selections: Partial<Record<FacetField, string[]>> = {};
    let q: string;
    try {
      q = parseClauses(p.q ?? "", selections);
      for (const fq of p.fq) parseClauses(fq, selections);
    } catch (e) {
      if (e instanceof CkanQueryError) return ckanError("BAD_REQUEST", "Validation Error", e.message);
      throw e;
    }
    const { rows, start } = p;
    const sortParam = (p.sort ?? (q ? "score desc, metadata_modified desc" : "metadata_modified desc")).trim().toLowerCase().replace(/\s+/g, " ");
    const sort = CKAN_SORTS[sortParam];
    if (!sort) return ckanError("BAD_REQUEST", "Validation Error", `unsupported sort (use ${[...Object.keys(CKAN_SORTS), "id asc"].join(" | ")})`);
    const facetFields = p["facet.field"];
    const unknown = facetFields.find((f) => !CKAN_FIELDS[f] && !(FACET_FIELDS as readonly string[]).includes(f));
    if (unknown !== undefined) return ckanError("BAD_REQUEST", "Validation Error", `unsupported facet field ${unknown.slice(0, 50)}`);
    const parsed = SearchQuery.safeParse({ q: q || undefined, sort, ...selections });
    if (!parsed.success) return ckanError("BAD_REQUEST", "Validation Error", parsed.error.issues.map((i) => i.message).join("; "));
    const repo = datasetsRepo(c.env);
    const body = await cachedOffsetRead(
      c.env,
      repo,
      `package_search|${JSON.stringify([parsed.data, facetFields, sortParam])}`,
      parsed.data,
      { offset: start, limit: rows },
      async (page) => {
        const { version, docs } = await repo.docsAt(page.ords);
        const facets: Record<string, Record<string, number>> = {};
        const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
        for (const name of facetFields) {
          const field = (CKAN_FIELDS[name] ?? name) as FacetField;
          const counts = page.facets[field];
          facets[name] = Object.fromEntries(counts.map((f) => [f.value, f.count]));
          searchFacets[name] = { title: name, items: counts.map((f) => ({ name: f.value, display_name: f.label, count: f.count })) };
        }
        const body = JSON.stringify(
          ok({
            count: page.total,
            results: docs.map((d) => toCkanPackage(d, publisherName(d.publisherId, d))),
            facets,
            search_facets: searchFacets,
            sort: sortParam,
          }),
        );
        return { body, version };
      },
    );
    return c.body(body, 200, { "content-type": "application/json" }) as never;
  });

  app.get("/api/3/action/package_show", async (c) => {
    const params = CkanPackageShowParams.safeParse(c.req.queries());
    if (!params.success) return ckanError("BAD_REQUEST", "Validation Error", "id is required");
    const { id } = params.data;
    const repo = datasetsRepo(c.env);
    const doc = await repo.getDoc(id);
    if (!doc) {
      // a withdrawn dataset shows as CKAN shows a deleted one: state "deleted"
      const tombstone = await syncRepo(c.env).tombstone(id);
      if (tombstone) return c.json(ok(deletedCkanPackage(tombstone)), 200);
      return ckanError("NOT_FOUND", "Not Found Error", "Not found");
    }
    return c.json(ok(toCkanPackage(doc, publisherName(doc.publisherId, doc))), 200);
  });

  app.get("/api/3/action/package_list", async (c) => {
    const params = CkanPackageListParams.safeParse(c.req.queries());
    if (!params.success) return ckanError("BAD_REQUEST", "Validation Error", params.error.issues.map((i) => i.message).join("; "));
    return c.json(ok(await syncRepo(c.env).ids(params.data.offset, params.data.limit)), 200);
  });

  app.get("/api/3/action/organization_list", async (c) => {
    const params = CkanOrganizationListParams.safeParse(c.req.queries());
    if (!params.success) return ckanError("BAD_REQUEST", "Validation Error", "all_fields must be true or false");
    const allFields = params.data.all_fields ?? false;
    const orgs = (await publishers(c.env, datasetsRepo(c.env))).map((p) => ({ id: p.id, name: p.id, title: p.name ?? p.id, package_count: p.count }));
    return c.json(ok(allFields ? orgs : orgs.map((o) => o.name)), 200);
  });
}
