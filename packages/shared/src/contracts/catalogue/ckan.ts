/** catalogue contracts: ckan (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";

// ---------------------------------------------------------------------------------------------- CKAN Action API

export const CkanResource = z.object({ id: z.string(), url: z.string(), format: z.string(), name: z.string(), description: z.string() });
export const CkanPackage = component("CkanPackage", {
  id: z.string(),
  name: z.string(),
  title: z.string(),
  notes: z.string(),
  url: z.string(),
  metadata_modified: z.string(),
  owner_org: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), title: z.string() }),
  /** "active", or "deleted" for a withdrawn dataset (listed by incremental searches, see CkanPackageSearchParams) */
  state: z.enum(["active", "deleted"]),
  tags: z.array(z.object({ name: z.string() })),
  groups: z.array(z.object({ name: z.string(), title: z.string() })),
  resources: z.array(CkanResource),
  num_resources: z.number().int(),
  extras: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type CkanPackage = z.infer<typeof CkanPackage>;

export const CkanSearchResult = z.object({
  count: z.number().int(),
  results: z.array(CkanPackage),
  facets: z.record(z.string(), z.record(z.string(), z.number().int())),
  search_facets: z.record(
    z.string(),
    z.object({ title: z.string(), items: z.array(z.object({ name: z.string(), display_name: z.string(), count: z.number().int() })) }),
  ),
  sort: z.string(),
});

// ---------------------------------------------------------------------------------------------- CKAN query parameters
// As they arrive: a parameter is a string, or string[] when it repeats; CKAN takes the first value of a single one.

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) => z.preprocess(first, z.string().max(max)).optional();
const count = (name: string, max: number, fallback: number) =>
  z
    .preprocess(first, z.string().optional())
    .transform((v) => (v === undefined || v === "" ? String(fallback) : v))
    .pipe(z.string().regex(/^\d{1,9}$/, `${name} must be a non-negative integer`))
    .transform((v) => Math.min(max, Number(v)));
const flag = z
  .preprocess(first, z.string().optional())
  .transform((v) => (v === undefined || v === "" ? undefined : v.toLowerCase()))
  .pipe(z.enum(["true", "false", "1", "0"], { message: "must be true or false" }).optional())
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

/**
 * package_search (`/api/3/action/package_search`). `fq` may repeat; `facet.field` is a JSON list of field names;
 * `rows` is capped at 1000. `include_deleted` (CKAN 2.9+): also list withdrawn datasets (`state: "deleted"`); it
 * defaults to true when an `fq` holds a `metadata_modified:[… TO …]` range (the incremental form ckanext-harvest
 * sends), so an incremental harvester learns of deletions, and to false otherwise.
 */
export const CkanPackageSearchParams = z.object({
  q: text(500),
  fq: z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(20)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .transform((v) => v ?? []),
  rows: count("rows", 1000, 10),
  start: count("start", 999_999_999, 0),
  sort: text(200),
  "facet.field": z.preprocess(first, z.string().max(2000).optional()).transform((v, ctx) => {
    if (v === undefined || v === "") return [] as string[];
    try {
      const parsed = JSON.parse(v) as unknown;
      if (Array.isArray(parsed) && parsed.length <= 20 && parsed.every((x) => typeof x === "string")) return parsed as string[];
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: 'facet.field must be a JSON list such as ["tags","organization"]' });
    return z.NEVER;
  }),
  include_deleted: flag,
});
export type CkanPackageSearchParams = z.output<typeof CkanPackageSearchParams>;

/** package_show: `id` is the dataset's id (its CKAN name). */
export const CkanPackageShowParams = z.object({ id: z.preprocess(first, z.string({ message: "id is required" }).min(1, "id is required").max(300)) });

/** package_list: the names of the active datasets, in name order; `limit` (at most 1000) and `offset` page it. */
export const CkanPackageListParams = z.object({ limit: count("limit", 1000, 1000), offset: count("offset", 10_000_000, 0) });

/** organization_list */
export const CkanOrganizationListParams = z.object({ all_fields: flag });
