/** catalogue contracts: access applications (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { CohortFilterRequest, CohortFilterResponse } from "../consent";
import { EHDS_PURPOSES } from "../dcat/vocabularies";

// ---------------------------------------------------------------------------------------------- access applications (EHDS)

export const EhdsPurposeCode = z.enum(EHDS_PURPOSES.map((p) => p.code) as [string, ...string[]]).openapi("EhdsPurpose");
export const APPLICATION_STATUSES = ["submitted", "under_review", "approved", "rejected"] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
/** The HDAB review workflow: submitted -> under_review -> approved | rejected (the last two are final). */
export const APPLICATION_NEXT_STATUSES: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  submitted: ["under_review"],
  under_review: ["approved", "rejected"],
  approved: [],
  rejected: [],
};

export const AccessApplicationInput = z
  .object({
    datasetIds: z.array(z.string().min(1).max(200)).min(1).max(50),
    applicant: z.object({
      name: z.string().min(1).max(200),
      organisation: z.string().min(1).max(200),
      email: z.string().email().max(320),
    }),
    purpose: EhdsPurposeCode,
    purposeDescription: z.string().min(10).max(5000),
    requestedData: z.string().min(3).max(5000),
    dataForm: z.enum(["anonymised", "pseudonymised"]),
    /** required when dataForm is pseudonymised (EHDS Art. 66: why anonymised data are not enough) */
    pseudonymisationJustification: z.string().min(10).max(5000).optional(),
    safeguards: z.string().min(3).max(5000),
    durationMonths: z.number().int().min(1).max(120),
    processingEnvironment: z.string().min(3).max(500),
  })
  .refine((a) => a.dataForm !== "pseudonymised" || !!a.pseudonymisationJustification, {
    path: ["pseudonymisationJustification"],
    message: "a justification is required for pseudonymised data",
  })
  .openapi("AccessApplicationInput");
export type AccessApplicationInput = z.infer<typeof AccessApplicationInput>;

export const ApplicationEvent = z.object({ status: ApplicationStatus, at: z.string(), by: z.string(), reasons: z.string().optional() });

export const AccessApplication = z
  .object({
    id: z.string(),
    researcher: z.string(),
    datasetIds: z.array(z.string()),
    applicant: z.object({ name: z.string(), organisation: z.string(), email: z.string() }),
    purpose: z.string(),
    purposeDescription: z.string(),
    requestedData: z.string(),
    dataForm: z.enum(["anonymised", "pseudonymised"]),
    pseudonymisationJustification: z.string().optional(),
    safeguards: z.string(),
    durationMonths: z.number().int(),
    processingEnvironment: z.string(),
    status: ApplicationStatus,
    /** HDAB's reasons for the last decision */
    reasons: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** when the data permit was approved (the cohort filter uses it) */
    approvedAt: z.string().nullable(),
    history: z.array(ApplicationEvent),
  })
  .openapi("AccessApplication");
export type AccessApplication = z.infer<typeof AccessApplication>;

/** HDAB: POST /v1/access-applications/{id}/status */
export const ApplicationStatusChange = z
  .object({ status: z.enum(["under_review", "approved", "rejected"]), reasons: z.string().min(3).max(5000).optional() })
  .refine((s) => s.status !== "rejected" || !!s.reasons, { path: ["reasons"], message: "reasons are required when rejecting" })
  .openapi("ApplicationStatusChange");
export type ApplicationStatusChange = z.infer<typeof ApplicationStatusChange>;

/**
 * HDAB: POST /v1/access-applications/{id}/cohort-filter forwards to the consent service's opt-out filter
 * (POST /v1/secondary-use/cohort-filter) with the application's approval time, so the body is the consent
 * contract's BSN list and the answer the consent contract's answer.
 */
export const ApplicationCohortFilterRequest = z.object({ bsns: CohortFilterRequest.shape.bsns }).openapi("ApplicationCohortFilterRequest");
export type ApplicationCohortFilterRequest = z.infer<typeof ApplicationCohortFilterRequest>;
export const ApplicationCohortFilterResponse = CohortFilterResponse.openapi("ApplicationCohortFilterResponse");
export type ApplicationCohortFilterResponse = z.infer<typeof ApplicationCohortFilterResponse>;

export const AccessApplicationList = z.object({ items: z.array(AccessApplication) }).openapi("AccessApplicationList");
