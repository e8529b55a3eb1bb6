/** EHDS applications, the applicant's side: drafts (create, edit, delete), submission, reading and listing. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ApiError, jsonBody, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import {
  AccessApplication,
  AccessApplicationList,
  ApplicationDraftInput,
  ApplicationStatus,
  type AccessApplication as App,
} from "@regie/shared/contracts/catalogue";
import { loadWithRole, save, unwrap } from "../applications/service";
import { edit, newDraft, submit, withDeadline } from "../applications/workflow";
import { AttachmentStore } from "../attachments/store";
import { nowIso } from "../datasets/service";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { notify } from "../notifications/notify";
import { emailSender } from "../notifications/sender";
import { ApplicationsRepo } from "../storage/applications-repo";
import { datasetsRepo } from "../storage/repos";
import { BEARER, IDEMPOTENCY_NOTE, IdempotencyHeader, idParam } from "./common";

export const IdParam = idParam(100);
const TAGS = ["access applications"];

async function checkDatasets(env: Env, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = await datasetsRepo(env).idsTaken([...new Set(ids)]);
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length) {
    throw new ApiError("UNPROCESSABLE", "Some requested datasets do not exist", {
      errors: missing.map(({ id, i }) => ({ path: `/datasetIds/${i}`, message: `no dataset ${id.slice(0, 100)}` })),
    });
  }
}

/** The HDAB's queue order: open applications by due date (soonest, i.e. most overdue, first), then decided ones, newest first. */
export function queueOrder(items: App[]): App[] {
  const open = items.filter((a) => a.deadline).sort((a, b) => a.deadline!.dueAt.localeCompare(b.deadline!.dueAt) || a.id.localeCompare(b.id));
  const rest = items.filter((a) => !a.deadline).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  return [...open, ...rest];
}

export function applicationRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/access-applications",
      tags: TAGS,
      summary: "Start a draft data access application (Art. 67) or data request (Art. 69) (researcher)",
      description: `Every field may be left out; POST /submit checks completeness. ${IDEMPOTENCY_NOTE}`,
      security: BEARER,
      middleware: [requireRole("researcher"), idempotent("applications.create")] as const,
      request: { headers: IdempotencyHeader, body: jsonBody(ApplicationDraftInput) },
      responses: { 201: jsonResponse(AccessApplication, "The draft"), ...problemResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await checkDatasets(c.env, input.datasetIds);
      const draft = newDraft(
        crypto.randomUUID(),
        c.get("auth").sub,
        { ...input, datasetIds: input.datasetIds ? [...new Set(input.datasetIds)] : undefined },
        nowIso(),
      );
      await new ApplicationsRepo(c.env.DB).insert(draft);
      await notify(c.env.DB, emailSender(c.env), draft, "created", draft.createdAt);
      c.header("location", `/v1/access-applications/${draft.id}`);
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/access-applications",
      tags: TAGS,
      summary: "Own and shared applications (researcher) or the HDAB's queue, by deadline",
      security: BEARER,
      middleware: [requireRole("researcher", "hdab")] as const,
      request: { query: z.object({ status: ApplicationStatus.optional() }) },
      responses: {
        200: jsonResponse(AccessApplicationList, "A researcher's newest first; the HDAB's by due date (never drafts)"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const auth = c.get("auth");
      const { status } = c.req.valid("query");
      const now = new Date();
      const items = (await new ApplicationsRepo(c.env.DB).list({ researcher: auth.role === "researcher" ? auth.sub : undefined, status })).map((a) =>
        withDeadline(a, now),
      );
      return c.json({ items: auth.role === "hdab" ? queueOrder(items) : items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/access-applications/{id}",
      tags: TAGS,
      summary: "One application with its history and deadline (applicant, collaborators, HDAB)",
      security: BEARER,
      middleware: [requireRole("researcher", "hdab")] as const,
      request: { params: IdParam },
      responses: { 200: jsonResponse(AccessApplication, "The application"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(withDeadline((await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id)).app, new Date()), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/v1/access-applications/{id}",
      tags: TAGS,
      summary: "Edit a draft, or an application waiting for information (applicant, collaborators)",
      security: BEARER,
      middleware: [requireRole("researcher")] as const,
      request: { params: IdParam, body: jsonBody(ApplicationDraftInput) },
      responses: { 200: jsonResponse(AccessApplication, "The application after the edit"), ...problemResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      const patch = c.req.valid("json");
      await checkDatasets(c.env, patch.datasetIds);
      const after = unwrap(edit(before, role, patch, c.get("auth").sub, nowIso()));
      return c.json(await save(c.env, before, after, before.status === "draft" ? null : "edited"), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/access-applications/{id}",
      tags: TAGS,
      summary: "Delete a draft and its attachments (applicant)",
      security: BEARER,
      middleware: [requireRole("researcher")] as const,
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { app, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      if (role !== "applicant") throw new ApiError("FORBIDDEN", "Only the applicant deletes a draft");
      if (app.status !== "draft") throw new ApiError("CONFLICT", "Only a draft can be deleted");
      if (!(await new ApplicationsRepo(c.env.DB).deleteDraft(app.id))) throw new ApiError("CONFLICT", "The application was submitted meanwhile");
      await new AttachmentStore(c.env.DB, c.env.ATTACHMENTS).deleteAll(app.id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/access-applications/{id}/submit",
      tags: TAGS,
      summary: "Submit a complete draft to the HDAB (applicant); the decision period starts",
      description: "A 422 problem+json lists every missing field in `errors[]` (path and message).",
      security: BEARER,
      middleware: [requireRole("researcher")] as const,
      request: { params: IdParam },
      responses: { 200: jsonResponse(AccessApplication, "Submitted, with its deadline"), ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      const after = unwrap(submit(before, role, c.get("auth").sub, nowIso()));
      await checkDatasets(c.env, after.datasetIds);
      return c.json(await save(c.env, before, after, "submitted"), 200);
    },
  );
  return app;
}
