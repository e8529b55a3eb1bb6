/**
 * The FHIR client of the tests: fhir-kit-client (a real FHIR client), inside workerd. Its requests go through the
 * global fetch; requests to the test origin are routed to the worker under test (SELF), everything else to the
 * original fetch. Errors come back as thrown errors with `response.status` and `response.data` (an OperationOutcome).
 */
import { SELF } from "cloudflare:test";
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { Client } from "fhir-kit-client";
import definitions from "../fixtures/fhir-r4-structure-definitions.json";
import { BASE } from "../helpers";

const originalFetch = globalThis.fetch;
let installed = false;
function routeToSelf(): void {
  if (installed) return;
  installed = true;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(BASE) ? SELF.fetch(input, init) : originalFetch(input, init);
  }) as typeof fetch;
}

export function fhirClient(token?: string): Client {
  routeToSelf();
  return new Client({ baseUrl: `${BASE}/fhir`, ...(token ? { bearerToken: token } : {}) });
}

/** The status and body of a request fhir-kit-client refused (non-2xx). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function fhirError(p: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await p;
  } catch (err) {
    const r = (err as { response?: { status: number; data: unknown } }).response;
    if (r) return r as { status: number; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    throw err;
  }
  throw new Error("expected the FHIR request to fail");
}

type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
indexStructureDefinitionBundle(definitions as unknown as Bundle);

/** FHIR R4 validation (@medplum/core over the R4 definitions); throws on an invalid resource, returns warnings. */
export function validR4(resource: unknown): ReturnType<typeof validateResource> {
  return validateResource(resource as Resource);
}

/** Validates a resource and, for a Bundle or Parameters, every resource inside it. */
export function expectValidR4(resource: unknown): void {
  const r = resource as { resourceType: string; entry?: { resource?: unknown }[]; parameter?: { resource?: unknown }[] };
  const issues = validR4(r);
  if (issues.length) throw new Error(`${r.resourceType} is not valid FHIR R4: ${JSON.stringify(issues)}`);
  for (const e of r.entry ?? []) if (e.resource) expectValidR4(e.resource);
  for (const p of r.parameter ?? []) if (p.resource) expectValidR4(p.resource);
}
