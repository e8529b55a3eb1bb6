/**
 * OperationOutcome, the error (and Mitz's answer) resource of the FHIR side (pure), the one helper every /fhir route
 * uses (the middleware in ../routes/fhir/common.ts, the migration's per-entry outcomes): from the registry's problem
 * details, with the HTTP status kept and each field error as an issue whose `expression` names the element —
 * prefixed with the resource type when the route says which resource its body is (`Subscription.channel.endpoint`).
 */
import type { Problem } from "@regie/shared";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

export type IssueCode =
  | "invalid"
  | "structure"
  | "required"
  | "value"
  | "security"
  | "login"
  | "forbidden"
  | "processing"
  | "not-supported"
  | "duplicate"
  | "not-found"
  | "deleted"
  | "conflict"
  | "too-long"
  | "business-rule"
  | "throttled"
  | "transient"
  | "exception"
  | "informational";

export interface OutcomeIssue {
  severity: "fatal" | "error" | "warning" | "information";
  code: IssueCode;
  details?: { coding?: { system: string; code: string; display?: string }[]; text?: string };
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: "OperationOutcome";
  issue: OutcomeIssue[];
}

/** The FHIR issue type for an HTTP status. */
export function issueCodeFor(status: number): IssueCode {
  switch (status) {
    case 400:
      return "invalid";
    case 401:
      return "login";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 405:
    case 406:
    case 415:
      return "not-supported";
    case 409:
      return "conflict";
    case 410:
      return "deleted";
    case 412:
      return "conflict";
    case 413:
      return "too-long";
    case 422:
      return "business-rule";
    case 429:
      return "throttled";
    case 503:
      return "transient";
    default:
      return status >= 500 ? "exception" : "processing";
  }
}

/**
 * A JSON pointer of a field error as a FHIRPath-like expression: "/query/patient" -> "patient",
 * "/entry/2/resource/status" -> "entry[2].resource.status", or with `resource` "Bundle" -> "Bundle.entry[2].resource.status".
 */
export function expressionOf(pointer: string, resource?: string): string {
  const parts = pointer
    .split("/")
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "query" || parts[0] === "param") parts.shift();
  else if (resource && parts[0] !== resource) parts.unshift(resource);
  let out = "";
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export function outcome(status: number, diagnostics: string, errors: { path: string; message: string }[] = [], resource?: string): OperationOutcome {
  const code = issueCodeFor(status);
  if (!errors.length) return { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] };
  return {
    resourceType: "OperationOutcome",
    issue: errors.map((e) => {
      const expression = expressionOf(e.path, resource);
      return { severity: "error" as const, code, diagnostics: `${diagnostics}: ${e.message}`, ...(expression ? { expression: [expression] } : {}) };
    }),
  };
}

export function problemToOutcome(p: Pick<Problem, "status" | "title" | "detail" | "errors">, resource?: string): OperationOutcome {
  return outcome(p.status, p.detail ?? p.title, p.errors ?? [], resource);
}
