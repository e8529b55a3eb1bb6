/** Helpers of the FHIR route modules: FHIR JSON responses, OperationOutcome errors, reading a FHIR request body. */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError, PROBLEM_CONTENT_TYPE, zodIssuesToErrors, type Problem } from "@regie/shared";
import type { z } from "@hono/zod-openapi";
import { FHIR_JSON, problemToOutcome } from "../../fhir/operation-outcome";

/** A FHIR resource as the response (`application/fhir+json`). */
export function fhirJson(c: Context, resource: unknown, status: 200 | 201 | 202 = 200, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(resource), status, { "content-type": FHIR_JSON, ...headers });
}

/**
 * Errors on /fhir are OperationOutcome resources with the same HTTP status (and headers such as Retry-After): every
 * problem+json answer below this middleware (validation, 401/403, 404, 503, …) is rewritten. `resource`: the type of
 * the routes' request body, which prefixes the issues' expressions (`Subscription.channel.endpoint`).
 */
export function fhirErrors(resource?: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!res.headers.get("content-type")?.startsWith(PROBLEM_CONTENT_TYPE)) return;
    const problem = (await res.clone().json()) as Problem;
    const headers = new Headers(res.headers);
    headers.set("content-type", FHIR_JSON);
    headers.delete("content-length");
    c.res = undefined as unknown as Response; // hono: replacing a finalized response
    c.res = new Response(JSON.stringify(problemToOutcome({ ...problem, status: res.status }, resource)), { status: res.status, headers });
  };
}

/** Reads a JSON body and parses it with a contract schema; a failure is a 400 naming each element. */
export async function fhirBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON");
  }
  const r = schema.safeParse(json);
  if (!r.success)
    throw new ApiError("VALIDATION_FAILED", "The request body is not a valid resource for this interaction", { errors: zodIssuesToErrors(r.error.issues) });
  return r.data;
}
