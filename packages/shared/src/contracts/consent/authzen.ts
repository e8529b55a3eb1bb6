/**
 * consent contracts: the AuthZEN Authorization API 1.0 (OpenID AuthZEN) form of the closed question, so a policy
 * decision point such as the Nuts knooppunt can ask Regie directly (re-exported by ../consent.ts).
 *
 * subject  = the requester: {type: "organization", id: URA, properties: {organizationType, uziRole?, professional?}}
 * resource = the patient's data at the holder: {type: "patient_data", id: BSN, properties: {holder: {ura, organizationType}, dataCategory}}
 * action   = {name: "share"} (the holder shares with the requester)
 * context  = {purpose_of_use: "TREAT" | "COC"}
 */
import { z } from "@hono/zod-openapi";
import { component, passthroughComponent } from "../component";
import { DataCategoryCode } from "../../codes/data-categories";
import { OrganizationTypeCode } from "../../codes/organisation-types";
import { Bsn } from "../../identifiers/bsn";
import { Ura, UziRole } from "../../identifiers/ura";
import { Organisation, Professional, Purpose } from "./building-blocks";

export const AuthzenSubject = passthroughComponent(
  "AuthzenSubject",
  {
    type: z.literal("organization"),
    id: Ura,
    properties: z.object({ organizationType: OrganizationTypeCode, uziRole: UziRole.optional(), professional: Professional.optional() }).passthrough(),
  },
  { description: "The requester (raadpleger): URA as id, its organisation type" },
);

export const AuthzenResource = passthroughComponent(
  "AuthzenResource",
  { type: z.literal("patient_data"), id: Bsn, properties: z.object({ holder: Organisation, dataCategory: DataCategoryCode }).passthrough() },
  { description: "The patient's data (BSN as id) of one data category at the holder (dossierhouder)" },
);

export const AuthzenAction = passthroughComponent("AuthzenAction", { name: z.literal("share") });
export const AuthzenContext = passthroughComponent("AuthzenContext", { purpose_of_use: Purpose });

export const AuthzenEvaluationRequest = component("AuthzenEvaluationRequest", {
  subject: AuthzenSubject,
  resource: AuthzenResource,
  action: AuthzenAction,
  context: AuthzenContext,
});
export type AuthzenEvaluationRequest = z.infer<typeof AuthzenEvaluationRequest>;

export const AuthzenDecision = component("AuthzenDecision", {
  decision: z.boolean(),
  context: z.object({ reason_admin: z.object({ en: z.string() }), choice_id: z.string().nullable(), temporary: z.boolean() }),
});
export type AuthzenDecision = z.infer<typeof AuthzenDecision>;

export const MAX_AUTHZEN_EVALUATIONS = 100;

/** Defaults at the top level; each evaluation overrides any of them; every evaluation must end up complete. */
export const AuthzenEvaluationsRequest = z
  .object({
    subject: AuthzenSubject.optional(),
    resource: AuthzenResource.optional(),
    action: AuthzenAction.optional(),
    context: AuthzenContext.optional(),
    evaluations: z
      .array(
        z
          .object({
            subject: AuthzenSubject.optional(),
            resource: AuthzenResource.optional(),
            action: AuthzenAction.optional(),
            context: AuthzenContext.optional(),
          })
          .passthrough(),
      )
      .min(1)
      .max(MAX_AUTHZEN_EVALUATIONS),
    options: z
      .object({ evaluations_semantic: z.enum(["execute_all", "deny_on_first_deny", "permit_on_first_permit"]).optional() })
      .passthrough()
      .optional(),
  })
  .superRefine((body, ctx) => {
    body.evaluations.forEach((e, i) => {
      for (const key of ["subject", "resource", "action", "context"] as const) {
        if (!e[key] && !body[key])
          ctx.addIssue({ code: "custom", path: ["evaluations", i, key], message: `No ${key} here and no default ${key} at the top level` });
      }
    });
  })
  .openapi("AuthzenEvaluationsRequest");
export type AuthzenEvaluationsRequest = z.infer<typeof AuthzenEvaluationsRequest>;

export const AuthzenEvaluationsResponse = component("AuthzenEvaluationsResponse", { evaluations: z.array(AuthzenDecision) });
