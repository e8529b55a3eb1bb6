/** catalogue contracts: ckan (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";

// ---------------------------------------------------------------------------------------------- CKAN Action API

export const CkanResource = z.object({ id: z.string(), url: z.string(), format: z.string(), name: z.string(), description: z.string() });
export const CkanPackage = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    notes: z.string(),
    url: z.string(),
    metadata_modified: z.string(),
    owner_org: z.string(),
    organization: z.object({ id: z.string(), name: z.string(), title: z.string() }),
    tags: z.array(z.object({ name: z.string() })),
    groups: z.array(z.object({ name: z.string(), title: z.string() })),
    resources: z.array(CkanResource),
    num_resources: z.number().int(),
    extras: z.array(z.object({ key: z.string(), value: z.string() })),
  })
  .openapi("CkanPackage");
export type CkanPackage = z.infer<typeof CkanPackage>;

export const CkanSearchResult = z.object({
  count: z.number().int(),
  results: z.array(CkanPackage),
  facets: z.record(z.string(), z.record(z.string(), z.number().int())),
  search_facets: z.record(z.string(), z.object({ title: z.string(), items: z.array(z.object({ name: z.string(), display_name: z.string(), count: z.number().int() })) })),
  sort: z.string(),
});
