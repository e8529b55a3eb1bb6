/**
 * catalogue contracts: EHDS data access applications (Art. 67) and health data requests (Art. 69), from draft to
 * decision (re-exported by ../catalogue.ts). Permits, the public register, attachments and notifications are in
 * ./permits.ts.
 */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { CohortFilterRequest, CohortFilterResponse } from "../consent";
import { EHDS_PURPOSES } from "../dcat/vocabularies";

// ---------------------------------------------------------------------------------------------- vocabularies

export const EhdsPurposeCode = z.enum(EHDS_PURPOSES.map((p) => p.code) as [string, ...string[]]).openapi("EhdsPurpose");

/** Art. 67: a data access application (data in a secure processing environment); Art. 69: a health data request (an anonymised statistical answer only). */
export const APPLICATION_KINDS = ["data_access", "data_request"] as const;
export const ApplicationKind = z.enum(APPLICATION_KINDS).openapi("ApplicationKind");
export type ApplicationKind = z.infer<typeof ApplicationKind>;

/** GDPR Art. 6(1) legal bases a health data applicant states (Art. 67(2)). */
export const LEGAL_BASES = [
  { code: "PUBLIC_TASK", en: "Task in the public interest (GDPR Art. 6(1)(e))", nl: "Taak van algemeen belang (AVG art. 6 lid 1 sub e)" },
  { code: "LEGITIMATE_INTEREST", en: "Legitimate interest (GDPR Art. 6(1)(f))", nl: "Gerechtvaardigd belang (AVG art. 6 lid 1 sub f)" },
  { code: "LEGAL_OBLIGATION", en: "Legal obligation (GDPR Art. 6(1)(c))", nl: "Wettelijke verplichting (AVG art. 6 lid 1 sub c)" },
] as const;
export const LegalBasisCode = z.enum(LEGAL_BASES.map((b) => b.code) as [string, ...string[]]).openapi("LegalBasis");

export const APPLICATION_STATUSES = ["draft", "submitted", "under_review", "information_requested", "approved", "rejected"] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
/** The workflow: draft -> submitted -> under_review <-> information_requested -> approved | rejected (final). */
export const APPLICATION_NEXT_STATUSES: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ["submitted"],
  submitted: ["under_review", "information_requested"],
  under_review: ["information_requested", "approved", "rejected"],
  information_requested: ["under_review"],
  approved: [],
  rejected: [],
};
/** What the HDAB may move an application to with POST /status (the applicant submits and answers). */
export const HDAB_STATUSES = ["under_review", "information_requested", "approved", "rejected"] as const;

// ---------------------------------------------------------------------------------------------- the application's fields

const text = (max: number) => z.string().max(max);
export const ApplicantDetails = z.object({ name: text(200), organisation: text(200), email: z.string().max(320) });

/** The fields an applicant fills in; every one may be empty in a draft (the submit step checks completeness). */
export const ApplicationDraftInput = strictComponent("ApplicationDraftInput", {
  kind: ApplicationKind.optional(),
  datasetIds: z.array(z.string().min(1).max(200)).max(50).optional(),
  applicant: ApplicantDetails.partial().optional(),
  purpose: EhdsPurposeCode.optional(),
  /** Art. 67(2)(a): a detailed explanation of the intended use */
  purposeDescription: text(5000).optional(),
  /** Art. 67(2)(b): the data requested, their format and sources */
  requestedData: text(5000).optional(),
  /** Art. 67(2)(c),(d): anonymised, or pseudonymised with a justification (data access only) */
  dataForm: z.enum(["anonymised", "pseudonymised"]).optional(),
  pseudonymisationJustification: text(5000).optional(),
  legalBasis: LegalBasisCode.optional(),
  /** Art. 67(2)(e),(f): safeguards against other use and for the persons concerned */
  safeguards: text(5000).optional(),
  /** Art. 67(2): expected outputs; for a data request (Art. 69(2)) the description of the statistical result */
  expectedOutputs: text(5000).optional(),
  /** Art. 67(2)(g): the period the data are needed */
  durationMonths: z.number().int().min(1).max(120).optional(),
  /** Art. 67(2)(h): tools and computing resources in the secure processing environment (data access only) */
  processingEnvironment: text(500).optional(),
  /** Art. 67(2): the declaration that the use is none of the prohibited uses of Art. 54 */
  notProhibitedDeclaration: z.boolean().optional(),
  /** Art. 67(3): an ethics assessment where national law requires one (in the Netherlands: the METC under the WMO) */
  ethicsAssessmentRequired: z.boolean().optional(),
  ethicsAssessmentReference: text(500).optional(),
});
export type ApplicationDraftInput = z.infer<typeof ApplicationDraftInput>;

export interface MissingField {
  path: string;
  message: string;
}

/** What a draft still lacks before it can be submitted (pure; the submit step's 422 lists these). */
export function missingForSubmission(d: ApplicationDraftInput): MissingField[] {
  const out: MissingField[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) out.push({ path, message });
  };
  const filled = (s: string | undefined, min = 1) => (s?.trim().length ?? 0) >= min;
  const kind = d.kind ?? "data_access";
  need((d.datasetIds?.length ?? 0) > 0, "/datasetIds", "choose at least one dataset");
  need(filled(d.applicant?.name), "/applicant/name", "the applicant's name is required");
  need(filled(d.applicant?.organisation), "/applicant/organisation", "the applicant's organisation is required");
  need(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.applicant?.email ?? ""), "/applicant/email", "a valid e-mail address is required");
  need(!!d.purpose, "/purpose", "choose a permitted purpose (Art. 53)");
  need(filled(d.purposeDescription, 10), "/purposeDescription", "describe the intended use (at least 10 characters)");
  need(filled(d.requestedData, 3), "/requestedData", "describe the data requested");
  need(!!d.legalBasis, "/legalBasis", "state the legal basis");
  need(filled(d.safeguards, 3), "/safeguards", "describe the safeguards");
  need(filled(d.expectedOutputs, 3), "/expectedOutputs", "describe the expected outputs");
  need(d.durationMonths !== undefined, "/durationMonths", "state how many months the data are needed");
  need(d.notProhibitedDeclaration === true, "/notProhibitedDeclaration", "declare that the use is not prohibited (Art. 54)");
  need(d.ethicsAssessmentRequired !== undefined, "/ethicsAssessmentRequired", "say whether national law requires an ethics assessment");
  if (d.ethicsAssessmentRequired) need(filled(d.ethicsAssessmentReference, 3), "/ethicsAssessmentReference", "give the ethics committee's reference");
  if (kind === "data_access") {
    need(!!d.dataForm, "/dataForm", "choose anonymised or pseudonymised data");
    if (d.dataForm === "pseudonymised")
      need(filled(d.pseudonymisationJustification, 10), "/pseudonymisationJustification", "a justification is required for pseudonymised data");
    need(filled(d.processingEnvironment, 3), "/processingEnvironment", "describe the secure processing environment needed");
  }
  return out;
}

/** A complete application (all that submission requires), e.g. for clients that fill everything at once. */
export const AccessApplicationInput = ApplicationDraftInput.superRefine((d, ctx) => {
  for (const m of missingForSubmission(d)) ctx.addIssue({ code: "custom", path: m.path.slice(1).split("/"), message: m.message });
}).openapi("AccessApplicationInput");
export type AccessApplicationInput = z.infer<typeof AccessApplicationInput>;

// ---------------------------------------------------------------------------------------------- the application

export const ApplicationEvent = z.object({
  status: ApplicationStatus,
  at: z.string(),
  by: z.string(),
  reasons: z.string().optional(),
  /** "extended" marks the one extension of the decision period; "answered" an answer to an information request */
  note: z.enum(["extended", "answered", "edited"]).optional(),
});
export type ApplicationEvent = z.infer<typeof ApplicationEvent>;

export const InformationRequest = z.object({ question: z.string(), askedAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() });
export type InformationRequest = z.infer<typeof InformationRequest>;

export const Collaborator = component("Collaborator", {
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  email: z.string().email().max(320),
  addedAt: z.string(),
});
export type Collaborator = z.infer<typeof Collaborator>;
export const CollaboratorInput = Collaborator.omit({ addedAt: true }).strict().openapi("CollaboratorInput");
export type CollaboratorInput = z.infer<typeof CollaboratorInput>;

/** The statutory decision period (see docs/catalogue.md for the articles), computed, never stored. */
export const Deadline = component("Deadline", {
  dueAt: z.string(),
  /** months of the period, including the extension */
  months: z.number().int(),
  extended: z.boolean(),
  /** the clock is stopped while the HDAB waits for information; set to when it stopped */
  pausedSince: z.string().nullable(),
  overdue: z.boolean(),
  /** whole days left (negative when overdue) */
  daysLeft: z.number().int(),
});
export type Deadline = z.infer<typeof Deadline>;

export const AccessApplication = component("AccessApplication", {
  id: z.string(),
  researcher: z.string(),
  kind: ApplicationKind,
  datasetIds: z.array(z.string()),
  applicant: ApplicantDetails.partial(),
  purpose: z.string().optional(),
  purposeDescription: z.string().optional(),
  requestedData: z.string().optional(),
  dataForm: z.enum(["anonymised", "pseudonymised"]).optional(),
  pseudonymisationJustification: z.string().optional(),
  legalBasis: z.string().optional(),
  safeguards: z.string().optional(),
  expectedOutputs: z.string().optional(),
  durationMonths: z.number().int().optional(),
  processingEnvironment: z.string().optional(),
  notProhibitedDeclaration: z.boolean().optional(),
  ethicsAssessmentRequired: z.boolean().optional(),
  ethicsAssessmentReference: z.string().optional(),
  status: ApplicationStatus,
  collaborators: z.array(Collaborator),
  informationRequests: z.array(InformationRequest),
  /** HDAB's reasons for the last decision */
  reasons: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  /** when the data permit was approved (the cohort filter uses it) */
  approvedAt: z.string().nullable(),
  permitId: z.string().nullable(),
  history: z.array(ApplicationEvent),
  /** null for a draft and after the decision */
  deadline: Deadline.nullable(),
});
export type AccessApplication = z.infer<typeof AccessApplication>;

/** HDAB: POST /v1/access-applications/{id}/status */
export const ApplicationStatusChange = z
  .object({
    status: z.enum(HDAB_STATUSES),
    reasons: z.string().min(3).max(5000).optional(),
    /** information_requested: what the HDAB needs to know */
    question: z.string().min(3).max(5000).optional(),
    /** approved: the permit's conditions (Art. 68), one per entry */
    conditions: z.array(z.string().min(3).max(1000)).max(30).optional(),
    /** approved: the permit's end date (default: start + the requested duration) */
    endDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict()
  .refine((s) => s.status !== "rejected" || !!s.reasons, { path: ["reasons"], message: "reasons are required when rejecting" })
  .refine((s) => s.status !== "information_requested" || !!s.question, { path: ["question"], message: "say what information is needed" })
  .openapi("ApplicationStatusChange");
export type ApplicationStatusChange = z.infer<typeof ApplicationStatusChange>;

/** Applicant: POST /v1/access-applications/{id}/answer (resumes the clock) */
export const InformationAnswer = strictComponent("InformationAnswer", { answer: z.string().min(3).max(5000) });
export type InformationAnswer = z.infer<typeof InformationAnswer>;
/** HDAB: POST /v1/access-applications/{id}/extend (once, with reasons) */
export const DeadlineExtension = strictComponent("DeadlineExtension", { reasons: z.string().min(3).max(5000) });
export type DeadlineExtension = z.infer<typeof DeadlineExtension>;

/**
 * HDAB: POST /v1/access-applications/{id}/cohort-filter forwards to the consent service's opt-out filter
 * (POST /v1/secondary-use/cohort-filter) with the application's approval time, so the body is the consent
 * contract's BSN list and the answer the consent contract's answer.
 */
export const ApplicationCohortFilterRequest = component("ApplicationCohortFilterRequest", { bsns: CohortFilterRequest.shape.bsns });
export type ApplicationCohortFilterRequest = z.infer<typeof ApplicationCohortFilterRequest>;
export const ApplicationCohortFilterResponse = CohortFilterResponse.openapi("ApplicationCohortFilterResponse");
export type ApplicationCohortFilterResponse = z.infer<typeof ApplicationCohortFilterResponse>;

export const AccessApplicationList = component("AccessApplicationList", { items: z.array(AccessApplication) });
