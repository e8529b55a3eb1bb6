/** GET /v1/datasets/{id}/revisions (newest first, keyset paging) and /revisions/{n}: the history of a dataset's metadata. */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { DatasetRevision, DatasetRevisionList, ResourcePageQuery } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { KEPT_REVISIONS, RevisionsRepo } from "../revisions/repo";
import { datasetsRepo } from "../storage/repos";
import { idParam, publicDatasets } from "./common";

const IdParam = idParam(200);
const RevisionParams = IdParam.extend({
  n: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "a revision number from 1")
    .openapi({ param: { name: "n", in: "path" } }),
});

export function revisionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    publicDatasets
      .get("/v1/datasets/{id}/revisions", "The revision history of a dataset's metadata (newest first)", { params: IdParam, query: ResourcePageQuery })
      .describe(
        "Every publish, update, harvest update and withdrawal, with who made it and how (API, pushed harvest, harvest source). " +
          `The newest ${KEPT_REVISIONS} per dataset are kept. A withdrawn dataset keeps its history; its last revision says withdrawn.`,
      )
      .ok(DatasetRevisionList, "One page of revisions; nextCursor continues", 400, 404),
    async (c) => {
      const { id } = c.req.valid("param");
      const { cursor, limit } = c.req.valid("query");
      const repo = new RevisionsRepo(c.env.DB);
      const page = await repo.list(id, limit, cursor === undefined ? undefined : Number(cursor));
      const unknown = page.items.length === 0 && cursor === undefined && !(await datasetsRepo(c.env).refById(id));
      if (unknown) throw new ApiError("NOT_FOUND", "No such dataset");
      return c.json({ items: page.items, nextCursor: page.next === null ? null : String(page.next), kept: KEPT_REVISIONS }, 200);
    },
  );
  app.openapi(
    publicDatasets
      .get("/v1/datasets/{id}/revisions/{n}", "One revision of a dataset with its JSON document (null for a withdrawal)", { params: RevisionParams })
      .ok(DatasetRevision, "The revision", 400, 404),
    async (c) => {
      const { id, n } = c.req.valid("param");
      const rev = await new RevisionsRepo(c.env.DB).get(id, Number(n));
      if (!rev) throw new ApiError("NOT_FOUND", `No revision ${n} of dataset ${id} (the newest ${KEPT_REVISIONS} are kept)`);
      return c.json(rev, 200);
    },
  );
}
