/** catalogue contracts: export harvest (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { Violation } from "./dataset";

// ---------------------------------------------------------------------------------------------- DCAT export

/** Query parameters of GET /catalog.ttl and /catalog.jsonld: Hydra paging (page from 1, 100 per page, at most 1000). */
export const CatalogPageQuery = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,6}$/, "a page number from 1")
    .optional()
    .transform((v) => Number(v ?? 1)),
  pageSize: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, "a page size from 1 to 1000")
    .optional()
    .transform((v) => Math.min(1000, Number(v ?? 100))),
  modified_since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, "an ISO 8601 date or date-time")
    .optional(),
  after: z
    .string()
    .regex(/^\d{1,15}$/, "the ordinal from a hydra:next link")
    .optional()
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .openapi({
      description:
        "Keyset paging: set by hydra:next links (the page then starts after this dataset ordinal instead of skipping (page - 1) × pageSize datasets, so the last page costs what the first does)",
    }),
});
export type CatalogPageQuery = z.output<typeof CatalogPageQuery>;

/** Development only (POST /dev/seed): the demo catalogue, or `{"count": n}` to grow it to n datasets. */
export const DevSeedRequest = z
  .object({
    count: z.number().int().min(0).max(2_000_000).optional(),
    /** "realistic": 500 publishers and 5 Zipf-distributed keywords from 5,000 per dataset (bench scale mode) */
    variety: z.enum(["demo", "realistic"]).optional(),
  })
  .strict();
export type DevSeedRequest = z.infer<typeof DevSeedRequest>;

// ---------------------------------------------------------------------------------------------- harvest

export const HarvestReport = component("HarvestReport", {
  /** `warnings`: the recommended properties of the dataset's access level that it lacks (the official `_recommended.ttl` shapes) */
  imported: z.array(z.object({ id: z.string(), iri: z.string(), created: z.boolean(), warnings: z.array(Violation).optional() })),
  rejected: z.array(z.object({ iri: z.string(), violations: z.array(Violation) })),
  /** the document's dcat:DataService and dcat:DatasetSeries: imported (created or updated by IRI) or rejected */
  resources: z
    .object({
      imported: z.array(z.object({ kind: z.enum(["dataService", "datasetSeries"]), id: z.string(), iri: z.string(), created: z.boolean() })),
      rejected: z.array(z.object({ kind: z.enum(["dataService", "datasetSeries"]), iri: z.string(), violations: z.array(Violation) })),
    })
    .optional(),
});
export type HarvestReport = z.infer<typeof HarvestReport>;
