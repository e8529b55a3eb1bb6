/**
 * The data permit issued on approval (Art. 68) or the record of an answered health data request (Art. 69), pure.
 * Start = the approval date; end = the HDAB's end date, or the start plus the requested duration.
 */
import type { AccessApplication, Permit } from "@regie/shared/contracts/catalogue";
import { addMonths } from "../applications/deadline";

export type StoredPermit = Omit<Permit, "status">;

/** A readable, unique permit id: EHDS-NL-<year>-<8 hex of the application id's hash>. */
export async function permitIdOf(applicationId: string, at: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(applicationId)));
  const hex = [...hash.slice(0, 4)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
  return `EHDS-NL-${at.slice(0, 4)}-${hex}`;
}

export function buildPermit(id: string, app: AccessApplication, at: string, conditions: string[], endDate?: string): StoredPermit {
  const start = at.slice(0, 10);
  return {
    id,
    kind: app.kind,
    applicationId: app.id,
    organisation: app.applicant.organisation ?? "",
    datasetIds: app.datasetIds,
    purpose: app.purpose ?? "",
    purposeDescription: app.purposeDescription ?? "",
    conditions,
    processingEnvironment: app.kind === "data_access" ? (app.processingEnvironment ?? null) : null,
    dataForm: app.kind === "data_access" ? (app.dataForm ?? null) : null,
    issuedAt: at,
    startDate: start,
    endDate:
      endDate ??
      addMonths(`${start}T00:00:00Z`, app.durationMonths ?? 12)
        .toISOString()
        .slice(0, 10),
  };
}

/** The permit as read at `now`: expired once its end date has passed (the end date is the last valid day). */
export function withStatus(p: StoredPermit, now: Date): Permit {
  return { ...p, status: now.toISOString().slice(0, 10) > p.endDate ? "expired" : "active" };
}
