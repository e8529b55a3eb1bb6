/** Small helpers shared by the route modules. */
import { z } from "@hono/zod-openapi";
import { routeGroup } from "@regie/shared";

/** The public reading routes of datasets, and search. */
export const publicDatasets = routeGroup({ tags: ["datasets"] });
export const publicSearch = routeGroup({ tags: ["search"] });
/** A publisher's routes: datasets and DCAT resources, harvest sources. */
export const publisher = routeGroup({ tags: ["publishing"], role: "publisher" });
/** Data access applications (EHDS): the applicant's and collaborators' side, the HDAB's, and both. */
const APPLICATION_TAGS = ["access applications"];
export const researcher = routeGroup({ tags: APPLICATION_TAGS, role: "researcher" });
export const hdab = routeGroup({ tags: APPLICATION_TAGS, role: "hdab" });
export const researcherOrHdab = routeGroup({ tags: APPLICATION_TAGS, role: ["researcher", "hdab"] });

/** The optional Idempotency-Key request header of POSTs that create things (see http/idempotency.ts). */
export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({
      param: { name: "idempotency-key", in: "header" },
      description: "Send the same key to retry safely: one thing is created, the first answer is replayed",
    }),
});
export const IDEMPOTENCY_NOTE = "With an `Idempotency-Key` header a retry creates nothing new and gets the first answer again.";

/** A path parameter `name` of 1 to `max` characters (with an example for the reference where one helps). */
export function pathParam<N extends string>(name: N, max: number, example?: string) {
  const schema = z
    .string()
    .min(1)
    .max(max)
    .openapi({ param: { name, in: "path" }, ...(example ? { example } : {}) });
  return z.object({ [name]: schema } as { [K in N]: typeof schema });
}

/** A path parameter `id` of 1 to `max` characters. */
export function idParam(max: number, example?: string) {
  return pathParam("id", max, example);
}

/** A dataset's `id` in the path. */
export const DatasetIdParam = idParam(200, "eu-hdca-r7-oncology-ehrs-2024");
