/**
 * On the /fhir/Subscription routes every error is a FHIR `OperationOutcome` (application/fhir+json) with the status the
 * JSON API would give. This middleware turns the problem+json every Regie error becomes (validation 400, 401/403 from
 * the auth middleware, 404, 422, 503, …) into one, so the error paths stay the app's own.
 */
import type { MiddlewareHandler } from "hono";

const ISSUE_CODE: Record<number, string> = {
  400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 409: "conflict", 410: "deleted", 413: "too-long", 415: "not-supported",
  422: "business-rule", 429: "throttled", 503: "transient",
};

interface Problem {
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** A JSON pointer into the request body as a FHIRPath expression on the resource (`/channel/endpoint` -> `Subscription.channel.endpoint`). */
function expression(path: string, resource: string): string {
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "query" || parts[0] === "param") return parts.slice(1).join(".");
  return [resource, ...parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : p))].join(".").replace(/\.\[/g, "[");
}

export function operationOutcome(status: number, problem: Problem, resource = "Subscription") {
  const fields = problem.errors ?? [];
  const code = ISSUE_CODE[status] ?? (status >= 500 ? "exception" : "processing");
  const issues = fields.length
    ? fields.map((e) => ({ severity: "error" as const, code, diagnostics: e.message, expression: [expression(e.path, resource)] }))
    : [{ severity: "error" as const, code, diagnostics: problem.detail ?? problem.title ?? "Error" }];
  return { resourceType: "OperationOutcome" as const, issue: issues };
}

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

export function fhirOutcomes(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get("content-type") ?? "").includes("application/problem+json")) return;
    const problem = (await c.res.clone().json()) as Problem;
    const headers = new Headers(c.res.headers);
    headers.set("content-type", FHIR_JSON);
    headers.delete("content-length");
    const status = c.res.status;
    c.res = undefined; // replace, not merge: Hono would otherwise copy the old headers back
    c.res = new Response(JSON.stringify(operationOutcome(status, problem)), { status, headers });
  };
}
