/** HDAB: filter a cohort by the secondary-use opt-out list. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import { CohortFilterRequest, CohortFilterResponse } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { filterCohort } from "../secondary-use/cohort";
import { callShard } from "../storage/shards";
import { BEARER } from "./common";

export function secondaryUseRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/secondary-use/cohort-filter",
      tags: ["hdab"],
      summary: "Which BSNs of a cohort may be included in a data permit",
      description: "Up to 100,000 BSNs per call. An opt-out counts only for permits approved after it.",
      security: BEARER,
      middleware: [requireRole("hdab")] as const,
      request: { body: jsonBody(CohortFilterRequest) },
      responses: { 200: jsonResponse(CohortFilterResponse, "The BSNs that may be included"), ...problemResponses(400, 401, 403, 413, 415, 503) },
    }),
    async (c) => {
      const { bsns, permitApprovedAt } = c.req.valid("json");
      return c.json(await callShard(filterCohort(c.env.DB, c.env.PSEUDONYM_KEY, bsns, Date.parse(permitApprovedAt))), 200);
    },
  );
  return app;
}
