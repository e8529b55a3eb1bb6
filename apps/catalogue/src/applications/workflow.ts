/** The HDAB review workflow of a data access application: submitted -> under_review -> approved | rejected. Pure. */
import { APPLICATION_NEXT_STATUSES, type AccessApplication, type ApplicationStatus } from "@regie/shared/contracts/catalogue";

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_NEXT_STATUSES[from].includes(to);
}

/** The application after a status change, or an error message when the change is not allowed. */
export function applyStatus(app: AccessApplication, to: ApplicationStatus, by: string, at: string, reasons?: string): AccessApplication | string {
  if (!canMove(app.status, to)) return `An application that is ${app.status.replace("_", " ")} cannot become ${to.replace("_", " ")}`;
  return {
    ...app,
    status: to,
    reasons: reasons ?? (to === "under_review" ? null : app.reasons),
    updatedAt: at,
    approvedAt: to === "approved" ? at : app.approvedAt,
    history: [...app.history, { status: to, at, by, ...(reasons ? { reasons } : {}) }],
  };
}
