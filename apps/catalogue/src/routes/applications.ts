/** Data access applications (EHDS): researchers apply and follow their own; the HDAB reviews and filters cohorts. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ApiError, jsonBody, jsonResponse, problemResponses, requireRole, type Claims } from "@regie/shared";
import {
  AccessApplication, AccessApplicationInput, AccessApplicationList, ApplicationStatus, ApplicationStatusChange, ApplicationCohortFilterRequest, ApplicationCohortFilterResponse,
} from "@regie/shared/contracts/catalogue";
import { filterCohort } from "../applications/cohort";
import { applyStatus } from "../applications/workflow";
import { nowIso } from "../datasets/service";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { ApplicationsRepo } from "../storage/applications-repo";
import { DatasetsRepo } from "../storage/datasets-repo";
import { BEARER, IDEMPOTENCY_NOTE, IdempotencyHeader } from "./common";

const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: "id", in: "path" } }) });

/** A researcher sees only their own applications (others are "not found", so ids do not leak); the HDAB sees all. */
function visible(app: AccessApplication | null, auth: Claims): AccessApplication {
  if (!app || (auth.role === "researcher" && app.researcher !== auth.sub)) throw new ApiError("NOT_FOUND", "No such application");
  return app;
}

export function applicationRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "post", path: "/v1/access-applications", tags: ["access applications"], summary: "Apply for access to datasets (researcher)",
      description: IDEMPOTENCY_NOTE,
      security: BEARER, middleware: [requireRole("researcher"), idempotent("applications.create")] as const,
      request: { headers: IdempotencyHeader, body: jsonBody(AccessApplicationInput) },
      responses: { 201: jsonResponse(AccessApplication, "Submitted"), ...problemResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const auth = c.get("auth");
      const ids = [...new Set(input.datasetIds)];
      const found = await new DatasetsRepo(c.env.DB).idsTaken(ids);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) {
        throw new ApiError("UNPROCESSABLE", "Some requested datasets do not exist", {
          errors: missing.map((id) => ({ path: `/datasetIds/${input.datasetIds.indexOf(id)}`, message: `no dataset ${id.slice(0, 100)}` })),
        });
      }
      const now = nowIso();
      const application: AccessApplication = {
        id: crypto.randomUUID(),
        researcher: auth.sub,
        ...input,
        datasetIds: ids,
        status: "submitted",
        reasons: null,
        createdAt: now,
        updatedAt: now,
        approvedAt: null,
        history: [{ status: "submitted", at: now, by: auth.sub }],
      };
      await new ApplicationsRepo(c.env.DB).insert(application);
      c.header("location", `/v1/access-applications/${application.id}`);
      return c.json(application, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get", path: "/v1/access-applications", tags: ["access applications"], summary: "Own applications (researcher) or all (HDAB)",
      security: BEARER, middleware: [requireRole("researcher", "hdab")] as const,
      request: { query: z.object({ status: ApplicationStatus.optional() }) },
      responses: { 200: jsonResponse(AccessApplicationList, "Newest first"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const auth = c.get("auth");
      const { status } = c.req.valid("query");
      const items = await new ApplicationsRepo(c.env.DB).list({ researcher: auth.role === "researcher" ? auth.sub : undefined, status });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get", path: "/v1/access-applications/{id}", tags: ["access applications"], summary: "One application with its status history",
      security: BEARER, middleware: [requireRole("researcher", "hdab")] as const,
      request: { params: IdParam },
      responses: { 200: jsonResponse(AccessApplication, "The application"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(visible(await new ApplicationsRepo(c.env.DB).get(c.req.valid("param").id), c.get("auth")), 200),
  );

  app.openapi(
    createRoute({
      method: "post", path: "/v1/access-applications/{id}/status", tags: ["access applications"], summary: "Review step (HDAB): under_review, approved, rejected (with reasons)",
      security: BEARER, middleware: [requireRole("hdab")] as const,
      request: { params: IdParam, body: jsonBody(ApplicationStatusChange) },
      responses: { 200: jsonResponse(AccessApplication, "The application after the step"), ...problemResponses(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const repo = new ApplicationsRepo(c.env.DB);
      const current = await repo.get(c.req.valid("param").id);
      if (!current) throw new ApiError("NOT_FOUND", "No such application");
      const change = c.req.valid("json");
      const next = applyStatus(current, change.status, c.get("auth").sub, nowIso(), change.reasons);
      if (typeof next === "string") throw new ApiError("CONFLICT", next);
      if (!(await repo.update(next, current.status))) throw new ApiError("CONFLICT", "The application was changed meanwhile; reload it");
      return c.json(next, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post", path: "/v1/access-applications/{id}/cohort-filter", tags: ["access applications"],
      summary: "Filter the cohort of an approved application by the EHDS opt-out (HDAB; via the consent service)",
      security: BEARER, middleware: [requireRole("hdab")] as const,
      request: { params: IdParam, body: jsonBody(ApplicationCohortFilterRequest) },
      responses: { 200: jsonResponse(ApplicationCohortFilterResponse, "The BSNs that may be included"), ...problemResponses(400, 401, 403, 404, 409, 415, 503) },
    }),
    async (c) => {
      const application = await new ApplicationsRepo(c.env.DB).get(c.req.valid("param").id);
      if (!application) throw new ApiError("NOT_FOUND", "No such application");
      if (application.status !== "approved" || !application.approvedAt) throw new ApiError("CONFLICT", "Only an approved application has a cohort to filter");
      const { bsns } = c.req.valid("json");
      return c.json(await filterCohort(c.env.CONSENT, c.req.header("authorization")!, bsns, application.approvedAt), 200);
    },
  );
  return app;
}
