/** EHDS applications, the review: the HDAB's steps (with the permit on approval), answers, the extension, collaborators, the cohort filter. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import {
  AccessApplication,
  ApplicationCohortFilterRequest,
  ApplicationCohortFilterResponse,
  ApplicationStatusChange,
  CollaboratorInput,
  DeadlineExtension,
  InformationAnswer,
} from "@regie/shared/contracts/catalogue";
import { filterCohort } from "../applications/cohort";
import { loadWithRole, save, unwrap } from "../applications/service";
import { addCollaborator, answer, extend, hdabStep, removeCollaborator } from "../applications/workflow";
import { nowIso } from "../datasets/service";
import type { AppEnv } from "../env";
import { buildPermit, permitIdOf } from "../permits/permit";
import { PermitsRepo } from "../permits/repo";
import { docOf } from "../storage/applications-repo";
import { stepRoute } from "./application-step";
import { IdParam } from "./applications";
import { hdab, pathParam, researcher } from "./common";

const TAGS = ["access applications"];
const CollaboratorParam = IdParam.extend(pathParam("collaboratorId", 200).shape);

/** The EHDS opt-out filter of an approved application's cohort (asked of the consent service). */
const cohortFilter = hdab
  .post("/v1/access-applications/{id}/cohort-filter", "Filter the cohort of an approved application by the EHDS opt-out (HDAB; via the consent service)", {
    params: IdParam,
    json: ApplicationCohortFilterRequest,
  })
  .ok(ApplicationCohortFilterResponse, "The BSNs that may be included", 400, 401, 403, 404, 409, 415, 503);

export function reviewRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    hdab
      .post(
        "/v1/access-applications/{id}/status",
        "Review step (HDAB): under_review, information_requested (question; stops the clock), approved (conditions; issues the permit), rejected (reasons)",
        { params: IdParam, json: ApplicationStatusChange },
      )
      .ok(AccessApplication, "The application after the step", 400, 401, 403, 404, 409, 415),
    async (c) => {
      const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      const change = c.req.valid("json");
      const at = nowIso();
      let after = unwrap(hdabStep(before, role, change, c.get("auth").sub, at));
      const extra: D1PreparedStatement[] = [];
      if (change.status === "approved") {
        const permitId = await permitIdOf(before.id, at);
        after = { ...after, permitId };
        if (change.endDate && change.endDate < at.slice(0, 10))
          throw new ApiError("VALIDATION_FAILED", "The end date is in the past", { errors: [{ path: "/endDate", message: "must be today or later" }] });
        extra.push(new PermitsRepo(c.env.DB).insertStatement(buildPermit(permitId, after, at, change.conditions ?? [], change.endDate), docOf(after)));
      }
      return c.json(await save(c.env, before, after, change.status, extra), 200);
    },
  );

  stepRoute(app, {
    path: "/v1/access-applications/{id}/answer",
    tags: TAGS,
    role: "researcher",
    body: InformationAnswer,
    summary: "Answer the HDAB's information request (applicant); the review and the clock resume",
    answer: "Under review again",
    step: (before, role, body, by, at) => answer(before, role, body.answer, by, at),
    event: "answered",
  });
  stepRoute(app, {
    path: "/v1/access-applications/{id}/extend",
    tags: TAGS,
    role: "hdab",
    body: DeadlineExtension,
    summary: "Extend the decision period once, with reasons (HDAB; data access applications, Art. 68)",
    answer: "With the longer deadline",
    step: (before, role, body, by, at) => extend(before, role, body.reasons, by, at),
    event: "extended",
  });
  stepRoute(app, {
    path: "/v1/access-applications/{id}/collaborators",
    tags: TAGS,
    role: "researcher",
    body: CollaboratorInput,
    summary: "Invite a collaborator, by researcher id (applicant)",
    answer: "With the collaborator",
    step: (before, role, body, _by, at) => addCollaborator(before, role, body, at),
    event: "collaborator_added",
  });

  app.openapi(
    researcher
      .delete("/v1/access-applications/{id}/collaborators/{collaboratorId}", "Remove a collaborator (applicant)", { params: CollaboratorParam })
      .ok(AccessApplication, "Without the collaborator", 401, 403, 404),
    async (c) => {
      const { id, collaboratorId } = c.req.valid("param");
      const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), id);
      const after = unwrap(removeCollaborator(before, role, collaboratorId, nowIso()));
      return c.json(await save(c.env, before, after, null), 200);
    },
  );

  app.openapi(cohortFilter, async (c) => {
    const { app: application } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
    if (application.status !== "approved" || !application.approvedAt) throw new ApiError("CONFLICT", "Only an approved application has a cohort to filter");
    const { bsns } = c.req.valid("json");
    return c.json(await filterCohort(c.env.CONSENT, c.req.header("authorization")!, bsns, application.approvedAt), 200);
  });
}
