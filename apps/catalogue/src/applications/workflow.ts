/**
 * The EHDS application workflow (pure): who may do what, and the application after each step.
 * draft -> submitted -> under_review <-> information_requested -> approved | rejected.
 * Only the applicant submits, answers information requests, invites collaborators and deletes a draft; collaborators
 * read, edit a draft (or an application waiting for information) and follow it; the HDAB never sees drafts and
 * takes every review step.
 */
import {
  APPLICATION_NEXT_STATUSES,
  missingForSubmission,
  type AccessApplication,
  type ApplicationDraftInput,
  type ApplicationStatus,
  type ApplicationStatusChange,
  type Collaborator,
  type CollaboratorInput,
  type MissingField,
} from "@regie/shared/contracts/catalogue";
import type { Claims } from "@regie/shared";
import { canExtend, clockOf, deadlineOf } from "./deadline";

export type Role = "applicant" | "collaborator" | "hdab";
export type StepResult =
  | { ok: true; app: AccessApplication }
  | { ok: false; code: "CONFLICT" | "FORBIDDEN" | "UNPROCESSABLE" | "NOT_FOUND"; message: string; errors?: MissingField[] };

/** The caller's role on an application, or null when it may not even know the application exists (-> 404). */
export function roleOf(app: AccessApplication, auth: Claims): Role | null {
  if (auth.role === "hdab") return app.status === "draft" ? null : "hdab";
  if (auth.role !== "researcher") return null;
  if (app.researcher === auth.sub) return "applicant";
  return app.collaborators.some((c) => c.id === auth.sub) ? "collaborator" : null;
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_NEXT_STATUSES[from].includes(to);
}

const fail = (code: Exclude<StepResult, { ok: true }>["code"], message: string, errors?: MissingField[]): StepResult => ({ ok: false, code, message, errors });
const label = (s: ApplicationStatus) => s.replace("_", " ");

/** Whether the applicant and collaborators may still change the application (its fields, its attachments): a draft, or one the HDAB asked for information. */
export const isOpenToApplicant = (app: Pick<AccessApplication, "status">): boolean => app.status === "draft" || app.status === "information_requested";

/** A new draft of a researcher (nothing is checked for completeness yet). */
export function newDraft(id: string, researcher: string, input: ApplicationDraftInput, at: string): AccessApplication {
  return {
    ...input,
    id,
    researcher,
    kind: input.kind ?? "data_access",
    datasetIds: input.datasetIds ?? [],
    applicant: input.applicant ?? {},
    status: "draft",
    collaborators: [],
    informationRequests: [],
    reasons: null,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    approvedAt: null,
    permitId: null,
    history: [{ status: "draft", at, by: researcher }],
    deadline: null,
  };
}

/** Edits by the applicant or a collaborator: a draft, or an application the HDAB asked for more information. */
export function edit(app: AccessApplication, role: Role, patch: ApplicationDraftInput, by: string, at: string): StepResult {
  if (role === "hdab") return fail("FORBIDDEN", "The HDAB does not edit applications");
  if (!isOpenToApplicant(app)) return fail("CONFLICT", `An application that is ${label(app.status)} cannot be edited`);
  if (app.status !== "draft" && patch.kind !== undefined && patch.kind !== app.kind)
    return fail("CONFLICT", "The kind of a submitted application cannot change");
  const next: AccessApplication = { ...app, ...patch, applicant: { ...app.applicant, ...patch.applicant }, kind: patch.kind ?? app.kind, updatedAt: at };
  if (app.status !== "draft") next.history = [...app.history, { status: app.status, at, by, note: "edited" }];
  return { ok: true, app: next };
}

export function submit(app: AccessApplication, role: Role, by: string, at: string): StepResult {
  if (role !== "applicant") return fail("FORBIDDEN", "Only the applicant submits the application");
  if (app.status !== "draft") return fail("CONFLICT", `An application that is ${label(app.status)} cannot be submitted again`);
  const missing = missingForSubmission(app);
  if (missing.length) return fail("UNPROCESSABLE", "The application is not complete", missing);
  return { ok: true, app: { ...app, status: "submitted", submittedAt: at, updatedAt: at, history: [...app.history, { status: "submitted", at, by }] } };
}

export function addCollaborator(app: AccessApplication, role: Role, input: CollaboratorInput, at: string): StepResult {
  if (role !== "applicant") return fail("FORBIDDEN", "Only the applicant invites collaborators");
  if (app.status === "approved" || app.status === "rejected") return fail("CONFLICT", "A decided application takes no new collaborators");
  if (input.id === app.researcher)
    return fail("UNPROCESSABLE", "The applicant is not their own collaborator", [{ path: "/id", message: "that is the applicant" }]);
  if (app.collaborators.some((c) => c.id === input.id)) return fail("CONFLICT", "That researcher is already a collaborator");
  if (app.collaborators.length >= 20) return fail("CONFLICT", "An application has at most 20 collaborators");
  const collaborator: Collaborator = { ...input, addedAt: at };
  return { ok: true, app: { ...app, collaborators: [...app.collaborators, collaborator], updatedAt: at } };
}

export function removeCollaborator(app: AccessApplication, role: Role, id: string, at: string): StepResult {
  if (role !== "applicant") return fail("FORBIDDEN", "Only the applicant removes collaborators");
  if (!app.collaborators.some((c) => c.id === id)) return fail("NOT_FOUND", "No such collaborator");
  return { ok: true, app: { ...app, collaborators: app.collaborators.filter((c) => c.id !== id), updatedAt: at } };
}

/** The HDAB's review steps. Approval and rejection end the clock; information_requested stops it. */
export function hdabStep(app: AccessApplication, role: Role, change: ApplicationStatusChange, by: string, at: string): StepResult {
  if (role !== "hdab") return fail("FORBIDDEN", "Only the HDAB reviews applications");
  if (!canMove(app.status, change.status)) return fail("CONFLICT", `An application that is ${label(app.status)} cannot become ${label(change.status)}`);
  const history = [...app.history, { status: change.status, at, by, ...(change.reasons ? { reasons: change.reasons } : {}) }];
  const next: AccessApplication = { ...app, status: change.status, updatedAt: at, history };
  if (change.status === "information_requested")
    next.informationRequests = [...app.informationRequests, { question: change.question!, askedAt: at, answer: null, answeredAt: null }];
  if (change.status === "approved") next.approvedAt = at;
  if (change.status === "approved" || change.status === "rejected") next.reasons = change.reasons ?? null;
  return { ok: true, app: next };
}

/** The applicant answers the open information request; the review (and the clock) resumes. */
export function answer(app: AccessApplication, role: Role, text: string, by: string, at: string): StepResult {
  if (role !== "applicant") return fail("FORBIDDEN", "Only the applicant answers an information request");
  if (app.status !== "information_requested") return fail("CONFLICT", "No information was requested");
  const requests = app.informationRequests.map((r, i) => (i === app.informationRequests.length - 1 ? { ...r, answer: text, answeredAt: at } : r));
  return {
    ok: true,
    app: {
      ...app,
      status: "under_review",
      informationRequests: requests,
      updatedAt: at,
      history: [...app.history, { status: "under_review", at, by, note: "answered" }],
    },
  };
}

/** The HDAB's one extension of the decision period (data access applications only, before the decision). */
export function extend(app: AccessApplication, role: Role, reasons: string, by: string, at: string): StepResult {
  if (role !== "hdab") return fail("FORBIDDEN", "Only the HDAB extends the decision period");
  if (!canExtend(app.kind)) return fail("CONFLICT", "The period for a health data request cannot be extended (Art. 69)");
  if (!["submitted", "under_review", "information_requested"].includes(app.status))
    return fail("CONFLICT", `An application that is ${label(app.status)} has no period to extend`);
  if (app.history.some((h) => h.note === "extended")) return fail("CONFLICT", "The decision period was already extended once");
  return { ok: true, app: { ...app, updatedAt: at, history: [...app.history, { status: app.status, at, by, reasons, note: "extended" }] } };
}

/** The application as answered: with its deadline computed at `now` (null for a draft and after the decision). */
export function withDeadline(app: AccessApplication, now: Date): AccessApplication {
  const open = app.status === "submitted" || app.status === "under_review" || app.status === "information_requested";
  const clock = open ? clockOf(app.kind, app.history) : null;
  return { ...app, deadline: clock ? deadlineOf(clock, now) : null };
}
