/**
 * Helpers of the FHIR route modules: FHIR JSON responses, OperationOutcome errors, reading a FHIR request body, and
 * whose patient a citizen may read.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError, jsonResponse, PROBLEM_CONTENT_TYPE, pseudonymise, routeGroup, zodIssuesToErrors, type ClaimsOf, type Problem } from "@regie/shared";
import type { z } from "@hono/zod-openapi";
import { isMinor } from "../../citizens/subject";
import type { Bindings } from "../../env";
import type { FhirSearchParam } from "../../fhir/capabilities";
import { FHIR_JSON, problemToOutcome } from "../../fhir/operation-outcome";
import { isGuardian } from "../../storage/directory";
import { providerActor } from "../common";

/** A FHIR JSON response entry of a route definition (`application/fhir+json`). */
export const fhirResponse = <T extends z.ZodType>(schema: T, description: string) => jsonResponse(schema, description, "application/fhir+json");

/** The `patient` search parameter of the FHIR searches (a BSN, plain or as a token); `note`: its parenthesised remark. */
export const patientSearchParam = (note = "required"): FhirSearchParam => ({
  name: "patient",
  type: "reference",
  documentation: `BSN, or http://fhir.nl/fhir/NamingSystem/bsn|<bsn> (${note})`,
});

/** The FHIR searches a citizen (own, or a child's) or a provider may read: /fhir/Consent, /fhir/Provenance, /fhir/AuditEvent. */
export const fhirReaders = routeGroup({ tags: ["fhir"], role: ["citizen", "provider"] });

/** The FHIR interactions only a care provider uses (Mitz questions, recording consent, migration, subscriptions). */
export const fhirProvider = routeGroup({ tags: ["fhir"], role: "provider" });

/** The reader as the shard's log records them: a provider with its organisation, or a citizen. */
export function readerActor(auth: ClaimsOf<"citizen" | "provider">) {
  return auth.role === "provider" ? providerActor(auth) : { role: "citizen" as const };
}

/** A FHIR resource as the response (`application/fhir+json`). */
export function fhirJson(c: Context, resource: unknown, status: 200 | 201 | 202 = 200, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(resource), status, { "content-type": FHIR_JSON, ...headers });
}

/** The request bodies /fhir takes (any JSON type passes the content-type check; FHIR's own comes first). */
const FHIR_BODY_TYPES = ["application/fhir+json", "application/json"];

/**
 * Errors on /fhir are OperationOutcome resources with the same HTTP status (and headers such as Retry-After): every
 * problem+json answer below this middleware (validation, 401/403, 404, 415, 429, 503, …) is rewritten; a 415 names the
 * FHIR media types. Mounted once around the whole app (../../app.ts), so that it also sees the answers given before
 * any route; `resource`: the type of a route group's request body, which prefixes the issues' expressions
 * (`Subscription.channel.endpoint`).
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
    if (res.status === 415) {
      // the framework's and the routes' content-type checks speak of JSON in general; /fhir takes FHIR JSON
      problem.detail = `Send the body as ${FHIR_BODY_TYPES.join(" or ")}`;
      headers.set("accept", FHIR_BODY_TYPES.join(", "));
    }
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

/**
 * The pseudonym of the patient a /fhir read names, once the reader may read it: a citizen their own or, as a
 * registered guardian, their child's (`minorsOnly`: only while the child is under 16), else 403 `refusal`; a provider
 * passes (the route limits what it sees).
 */
export async function readablePatient(
  env: Bindings,
  auth: ClaimsOf<"citizen" | "provider">,
  bsn: string,
  refusal: string,
  minorsOnly = false,
): Promise<string> {
  const pseudonym = await pseudonymise(bsn, env.PSEUDONYM_KEY);
  if (auth.role === "citizen" && auth.bsn !== bsn) {
    const self = await pseudonymise(auth.bsn, env.PSEUDONYM_KEY);
    const allowed = (await isGuardian(env.DB, self, pseudonym)) && (!minorsOnly || (await isMinor(env, pseudonym)));
    if (!allowed) throw new ApiError("FORBIDDEN", refusal);
  }
  return pseudonym;
}
