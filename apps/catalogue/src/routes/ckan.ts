/**
 * The CKAN Action API subset that CKAN clients and harvesters use: package_search, package_show,
 * organization_list. Responses have CKAN's `{"help","success","result"}` shape; errors are problem+json that
 * also carry CKAN's `success: false` and `error` fields, so both kinds of client understand them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE, problemBody, type ErrorCode } from "@regie/shared";
import { FACET_FIELDS, SearchQuery, type FacetField } from "@regie/shared/contracts/catalogue";
import { CKAN_FIELDS, CKAN_SORTS, CkanQueryError, parseClauses, toCkanPackage } from "../ckan/package";
import type { AppEnv } from "../env";
import { publisherName } from "../datasets/service";
import { cachedOffsetRead, publishers } from "../search/sharded";
import { DatasetsRepo } from "../storage/datasets-repo";

const HELP = "https://docs.ckan.org/en/latest/api/index.html";

function ckanError(code: ErrorCode, ckanType: string, message: string): Response {
  const body = { ...problemBody(code, message), help: HELP, success: false, error: { __type: ckanType, message } };
  return new Response(JSON.stringify(body), { status: body.status, headers: { "content-type": PROBLEM_CONTENT_TYPE } });
}

const ok = (result: unknown) => ({ help: HELP, success: true, result });

export function ckanRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.get("/api/3/action/package_search", async (c) => {
    const p = new URL(c.req.url).searchParams;
    const selections: Partial<Record<FacetField, string[]>> = {};
    let q: string;
    try {
      q = parseClauses(p.get("q") ?? "", selections);
      for (const fq of p.getAll("fq")) parseClauses(fq, selections);
    } catch (e) {
      if (e instanceof CkanQueryError) return ckanError("BAD_REQUEST", "Validation Error", e.message);
      throw e;
    }
    const num = (name: string, def: number) => {
      const v = p.get(name);
      if (v === null || v === "") return def;
      return /^\d{1,9}$/.test(v) ? Number(v) : NaN;
    };
    const rows = Math.min(1000, num("rows", 10));
    const start = num("start", 0);
    if (Number.isNaN(rows) || Number.isNaN(start)) return ckanError("BAD_REQUEST", "Validation Error", "rows and start must be non-negative integers");
    const sortParam = (p.get("sort") ?? (q ? "score desc, metadata_modified desc" : "metadata_modified desc")).trim().toLowerCase().replace(/\s+/g, " ");
    const sort = CKAN_SORTS[sortParam];
    if (!sort) return ckanError("BAD_REQUEST", "Validation Error", `unsupported sort (use ${Object.keys(CKAN_SORTS).join(" | ")})`);
    let facetFields: string[] = [];
    const ff = p.get("facet.field");
    if (ff) {
      try {
        const parsed = JSON.parse(ff) as unknown;
        if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === "string")) throw new Error();
        facetFields = parsed as string[];
      } catch {
        return ckanError("BAD_REQUEST", "Validation Error", 'facet.field must be a JSON list such as ["tags","organization"]');
      }
      const unknown = facetFields.find((f) => !CKAN_FIELDS[f] && !(FACET_FIELDS as readonly string[]).includes(f));
      if (unknown !== undefined) return ckanError("BAD_REQUEST", "Validation Error", `unsupported facet field ${unknown.slice(0, 50)}`);
    }
    const parsed = SearchQuery.safeParse({ q: q || undefined, sort, ...selections });
    if (!parsed.success) return ckanError("BAD_REQUEST", "Validation Error", parsed.error.issues.map((i) => i.message).join("; "));
    const repo = new DatasetsRepo(c.env.DB);
    const body = await cachedOffsetRead(c.env, repo, `package_search|${JSON.stringify([parsed.data, facetFields, sortParam])}`, parsed.data, { offset: start, limit: rows }, async (page) => {
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
    });
    return c.body(body, 200, { "content-type": "application/json" }) as never;
  });

  app.get("/api/3/action/package_show", async (c) => {
    const id = c.req.query("id");
    if (!id || id.length > 300) return ckanError("BAD_REQUEST", "Validation Error", "id is required");
    const repo = new DatasetsRepo(c.env.DB);
    const doc = await repo.getDoc(id);
    if (!doc) return ckanError("NOT_FOUND", "Not Found Error", "Not found");
    return c.json(ok(toCkanPackage(doc, publisherName(doc.publisherId, doc))), 200);
  });

  app.get("/api/3/action/organization_list", async (c) => {
    const allFields = /^(true|1)$/i.test(c.req.query("all_fields") ?? "");
    const orgs = (await publishers(c.env, new DatasetsRepo(c.env.DB))).map((p) => ({ id: p.id, name: p.id, title: p.name ?? p.id, package_count: p.count }));
    return c.json(ok(allFields ? orgs : orgs.map((o) => o.name)), 200);
  });
  return app;
}
