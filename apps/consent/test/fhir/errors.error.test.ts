/**
 * Every error under /fhir is a FHIR R4 OperationOutcome (`application/fhir+json`) with the HTTP status of the error:
 * also those raised before the FHIR routes (content type 415, rate limit 429) and by the address book's bearer check.
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mintToken } from "@regie/shared/testing/tokens";
import { buildApp } from "../../src/app";
import { BASE, citizenToken, freshBsn, providerToken } from "../helpers";
import { expectValidR4, fhirClient, fhirError } from "./client";

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics?: string }[];
}

/** The answer is an R4-valid OperationOutcome with `status`, whose first issue has `code`. */
async function expectOutcome(res: Response, status: number, code: string): Promise<Outcome> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
  const body = (await res.json()) as Outcome;
  expect(body.resourceType).toBe("OperationOutcome");
  expectValidR4(body);
  expect(body.issue[0]!.code).toBe(code);
  return body;
}

async function fetchApp(app: ReturnType<typeof buildApp>, path: string, init: RequestInit, vars: Record<string, string | undefined> = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(BASE + path, init), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("errors on /fhir are OperationOutcomes with the same status", () => {
  it("401 without a token (fhir-kit-client), on the address book and on Consent", async () => {
    for (const resourceType of ["Organization", "Consent"]) {
      const err = await fhirError(fhirClient().search({ resourceType, searchParams: { name: "rivierenland", patient: freshBsn() } }));
      expect(err.status, resourceType).toBe(401);
      expect(err.data.resourceType).toBe("OperationOutcome");
      expectValidR4(err.data);
      expect(err.data.issue[0].code).toBe("login");
    }
  });

  it("403 for a role the route does not serve (a researcher on the address book)", async () => {
    const token = await mintToken(env, { role: "researcher", sub: "researcher-1", name: "A. Researcher", organisation: "Umc" });
    const app = buildApp("development");
    const res = await fetchApp(app, "/fhir/Organization?name=rivierenland", { headers: { authorization: `Bearer ${token}` } });
    await expectOutcome(res, 403, "forbidden");
  });

  it("404 for a path below /fhir that names no resource", async () => {
    const err = await fhirError(fhirClient(await citizenToken(freshBsn())).read({ resourceType: "Nothing", id: "1" }));
    expect(err.status).toBe(404);
    expectValidR4(err.data);
    expect(err.data.issue[0].code).toBe("not-found");
  });

  it("400 for a search without its required parameter", async () => {
    const err = await fhirError(fhirClient(await providerToken("huisarts")).search({ resourceType: "Consent", searchParams: {} }));
    expect(err.status).toBe(400);
    expectValidR4(err.data);
    expect(err.data.issue[0].code).toBe("invalid");
  });

  it("415 for a body that is not JSON, naming application/fhir+json (the framework's check and the route's)", async () => {
    const token = await providerToken("huisarts");
    const body = "resourceType=Parameters";
    const headers = { authorization: `Bearer ${token}`, "content-type": "text/plain" };
    // announced (content-length): the app factory's check before any route; without it: the route's own check
    const announced = await SELF.fetch(`${BASE}/fhir/Consent/$has-mitz-consent`, {
      method: "POST",
      headers: { ...headers, "content-length": String(body.length) },
      body,
    });
    const streamed = await fetchApp(buildApp("development"), "/fhir/Consent/$has-mitz-consent", { method: "POST", headers, body });
    for (const res of [announced, streamed]) {
      const outcome = await expectOutcome(res, 415, "not-supported");
      expect(outcome.issue[0]!.diagnostics).toBe("Send the body as application/fhir+json or application/json");
      expect(res.headers.get("accept")).toBe("application/fhir+json, application/json");
    }
  });

  it("429 once the client's rate limit is used up, with Retry-After", async () => {
    const app = buildApp("development");
    const vars = { RATE_LIMIT: "2/60", RATE_LIMITER: undefined }; // the in-isolate fallback (no binding)
    const init = { headers: { authorization: `Bearer ${await citizenToken(freshBsn())}` } };
    for (let i = 0; i < 2; i++) expect((await fetchApp(app, "/fhir/metadata", init, vars)).status).toBe(200);
    const res = await fetchApp(app, "/fhir/metadata", init, vars);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await expectOutcome(res, 429, "throttled");
  });
});
