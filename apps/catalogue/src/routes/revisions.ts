/** GET /v1/datasets/{id}/revisions (newest first, keyset paging) and /revisions/{n}: the history of a dataset's metadata. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ApiError, jsonResponse, problemResponses } from "@regie/shared";
import { DatasetRevision, DatasetRevisionList, ResourcePageQuery } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { KEPT_REVISIONS, RevisionsRepo } from "../revisions/repo";
import { datasetsRepo } from "../storage/repos";
import { idParam } from "./common";

const IdParam = idParam(200);
const RevisionParams = IdParam.extend({
  n: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "a revision number from 1")
    .openapi({ param: { name: "n", in: "path" } }),
});

export function revisionRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/datasets/{id}/revisions",
      tags: ["datasets"],
      summary: "The revision history of a dataset's metadata (newest first)",
      description:
        "Every publish, update, harvest update and withdrawal, with who made it and how (API, pushed harvest, harvest source). " +
        `The newest ${KEPT_REVISIONS} per dataset are kept. A withdrawn dataset keeps its history; its last revision says withdrawn.`,
      request: { params: IdParam, query: ResourcePageQuery },
      responses: { 200: jsonResponse(DatasetRevisionList, "One page of revisions; nextCursor continues"), ...problemResponses(400, 404) },
    }),
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
    createRoute({
      method: "get",
      path: "/v1/datasets/{id}/revisions/{n}",
      tags: ["datasets"],
      summary: "One revision of a dataset with its JSON document (null for a withdrawal)",
      request: { params: RevisionParams },
      responses: { 200: jsonResponse(DatasetRevision, "The revision"), ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { id, n } = c.req.valid("param");
      const rev = await new RevisionsRepo(c.env.DB).get(id, Number(n));
      if (!rev) throw new ApiError("NOT_FOUND", `No revision ${n} of dataset ${id} (the newest ${KEPT_REVISIONS} are kept)`);
      return c.json(rev, 200);
    },
  );
  return app;
}
