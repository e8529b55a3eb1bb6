/** EHDS applications, the applicant's side: drafts (create, edit, delete), submission, reading and listing. */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
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
import { IDEMPOTENCY_NOTE, IdempotencyHeader, idParam, researcher, researcherOrHdab } from "./common";

export const IdParam = idParam(100);

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

export function applicationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    researcher
      .with(idempotent("applications.create"))
      .post("/v1/access-applications", "Start a draft data access application (Art. 67) or data request (Art. 69) (researcher)", {
        headers: IdempotencyHeader,
        json: ApplicationDraftInput,
      })
      .describe(`Every field may be left out; POST /submit checks completeness. ${IDEMPOTENCY_NOTE}`)
      .created(AccessApplication, "The draft", 400, 401, 403, 415, 422),
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
    researcherOrHdab
      .get("/v1/access-applications", "Own and shared applications (researcher) or the HDAB's queue, by deadline", {
        query: z.object({ status: ApplicationStatus.optional() }),
      })
      .ok(AccessApplicationList, "A researcher's newest first; the HDAB's by due date (never drafts)", 400, 401, 403),
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
    researcherOrHdab
      .get("/v1/access-applications/{id}", "One application with its history and deadline (applicant, collaborators, HDAB)", { params: IdParam })
      .ok(AccessApplication, "The application", 401, 403, 404),
    async (c) => c.json(withDeadline((await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id)).app, new Date()), 200),
  );

  app.openapi(
    researcher
      .patch("/v1/access-applications/{id}", "Edit a draft, or an application waiting for information (applicant, collaborators)", {
        params: IdParam,
        json: ApplicationDraftInput,
      })
      .ok(AccessApplication, "The application after the edit", 400, 401, 403, 404, 409, 415, 422),
    async (c) => {
      const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      const patch = c.req.valid("json");
      await checkDatasets(c.env, patch.datasetIds);
      const after = unwrap(edit(before, role, patch, c.get("auth").sub, nowIso()));
      return c.json(await save(c.env, before, after, before.status === "draft" ? null : "edited"), 200);
    },
  );

  app.openapi(
    researcher
      .delete("/v1/access-applications/{id}", "Delete a draft and its attachments (applicant)", { params: IdParam })
      .respond({ 204: { description: "Deleted" } }, 401, 403, 404, 409),
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
    researcher
      .post("/v1/access-applications/{id}/submit", "Submit a complete draft to the HDAB (applicant); the decision period starts", { params: IdParam })
      .describe("A 422 problem+json lists every missing field in `errors[]` (path and message).")
      .ok(AccessApplication, "Submitted, with its deadline", 401, 403, 404, 409, 422),
    async (c) => {
      const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      const after = unwrap(submit(before, role, c.get("auth").sub, nowIso()));
      await checkDatasets(c.env, after.datasetIds);
      return c.json(await save(c.env, before, after, "submitted"), 200);
    },
  );
}
