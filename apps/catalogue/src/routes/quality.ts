/** GET /v1/datasets/{id}/quality: the dataset's MQA metadata quality score in detail (src/quality). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { DatasetQuality } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { assessQuality } from "../quality/score";
import { datasetsRepo } from "../storage/repos";
import { DatasetIdParam, publicDatasets } from "./common";

export function qualityRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    publicDatasets
      .get("/v1/datasets/{id}/quality", "The dataset's metadata quality score (data.europa.eu MQA dimensions and weights)", { params: DatasetIdParam })
      .describe(
        "Score (0–405), rating, points per dimension (findability, accessibility, interoperability, reusability, contextuality), " +
          "every metric with its weight, and `toRaise`: the unmet metrics, most points first. URL reachability is judged offline (see docs/catalogue.md).",
      )
      .ok(DatasetQuality, "The quality assessment", 404),
    async (c) => {
      const doc = await datasetsRepo(c.env).getDoc(c.req.valid("param").id);
      if (!doc) throw new ApiError("NOT_FOUND", "No such dataset");
      // stored datasets passed their access level's shapes when published or harvested
      return c.json(assessQuality(doc, { conformant: true }), 200);
    },
  );
}
