/** HDAB: filter a cohort by the secondary-use opt-out list. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { routeGroup } from "@regie/shared";
import { CohortFilterRequest, CohortFilterResponse } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { filterCohort } from "../secondary-use/cohort";
import { callShard } from "../storage/shards";

export function secondaryUseRoutes(app: OpenAPIHono<AppEnv>): void {
  const hdab = routeGroup({ tags: ["hdab"], role: "hdab" });

  app.openapi(
    hdab
      .post("/v1/secondary-use/cohort-filter", "Which BSNs of a cohort may be included in a data permit", { json: CohortFilterRequest })
      .describe("Up to 100,000 BSNs per call. An opt-out counts only for permits approved after it.")
      .ok(CohortFilterResponse, "The BSNs that may be included", 400, 401, 403, 413, 415, 503),
    async (c) => {
      const { bsns, permitApprovedAt } = c.req.valid("json");
      return c.json(await callShard(filterCohort(c.env.DB, c.env.PSEUDONYM_KEY, bsns, Date.parse(permitApprovedAt))), 200);
    },
  );
}
