/**
 * The answer to a migration Bundle (pure): a `transaction-response` Bundle with one entry per request entry, in
 * order. Imported: 201 (a choice imported before under the same key: 200); invalid: its status and an
 * OperationOutcome whose expression names the element; not imported because another entry of the same patient
 * failed: 422 naming that entry (all or nothing per patient).
 */
import type { Choice } from "@regie/shared/contracts/consent";
import type { ProvenanceRow } from "../storage/shard/provenance";
import { outcome } from "./operation-outcome";

export type EntryResult =
  | { kind: "consent"; choice: Choice & { confirmation?: { code: string; expiresAt: string } }; created: boolean }
  | { kind: "provenance"; provenance: ProvenanceRow; created: boolean }
  | { kind: "failed"; status: number; errors: { path: string; message: string }[] }
  | { kind: "skipped"; because: number; status?: number; detail?: string };

const REASON: Record<number, string> = {
  200: "OK",
  201: "Created",
  400: "Bad Request",
  403: "Forbidden",
  422: "Unprocessable Entity",
  503: "Service Unavailable",
};
const line = (status: number) => `${status} ${REASON[status] ?? ""}`.trim();

function response(r: EntryResult) {
  switch (r.kind) {
    case "consent": {
      const c = r.choice;
      const pending = c.confirmation
        ? {
            outcome: {
              resourceType: "OperationOutcome",
              issue: [
                {
                  severity: "information",
                  code: "informational",
                  diagnostics: `Pending until a parent or guardian confirms with code ${c.confirmation.code} (valid until ${c.confirmation.expiresAt})`,
                },
              ],
            },
          }
        : {};
      return {
        status: line(r.created ? 201 : 200),
        location: `Consent/${c.id}/_history/${c.version}`,
        etag: `W/"${c.version}"`,
        lastModified: c.updatedAt,
        ...pending,
      };
    }
    case "provenance":
      return { status: line(r.created ? 201 : 200), location: `Provenance/${r.provenance.id}`, lastModified: new Date(r.provenance.recorded).toISOString() };
    case "failed":
      return { status: line(r.status), outcome: outcome(r.status, "This entry is invalid; nothing of its patient was imported", r.errors) };
    case "skipped": {
      const status = r.status ?? 422;
      const detail = r.detail ?? `Not imported: entry ${r.because} of the same patient is invalid (a patient's consents import all or nothing)`;
      return { status: line(status), outcome: outcome(status, detail, r.status ? [] : [{ path: `/Bundle/entry/${r.because}`, message: "the failing entry" }]) };
    }
  }
}

export function transactionResponse(results: readonly EntryResult[], fullUrls: readonly (string | undefined)[]) {
  return {
    resourceType: "Bundle" as const,
    type: "transaction-response" as const,
    entry: results.map((r, i) => ({ ...(fullUrls[i] ? { fullUrl: fullUrls[i] } : {}), response: response(r) })),
  };
}
