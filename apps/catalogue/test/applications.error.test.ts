import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { BASE, hdab, minimalDataset, publish, researcher } from "./helpers";

async function call(path: string, headers: Record<string, string>, body?: unknown) {
  return SELF.fetch(`${BASE}${path}`, { method: body ? "POST" : "GET", headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
}

async function newApplication() {
  const ds = await publish("iknl", minimalDataset());
  const res = await call("/v1/access-applications", await researcher(), {
    datasetIds: [ds.id], applicant: { name: "A", organisation: "B", email: "a@b.nl" }, purpose: "STATISTICS", purposeDescription: "Regional statistics on care use",
    requestedData: "counts", dataForm: "anonymised", safeguards: "aggregation", durationMonths: 6, processingEnvironment: "SPE",
  });
  expect(res.status).toBe(201);
  return (await res.json()) as AccessApplication;
}

describe("application input errors", () => {
  it("400 for a purpose outside the EHDS list, missing justification for pseudonymised data, bad duration", async () => {
    const base = { datasetIds: ["x"], applicant: { name: "A", organisation: "B", email: "a@b.nl" }, purposeDescription: "Something long enough", requestedData: "abc", safeguards: "abc", processingEnvironment: "SPE" };
    for (const body of [
      { ...base, purpose: "MARKETING", dataForm: "anonymised", durationMonths: 6 },
      { ...base, purpose: "STATISTICS", dataForm: "pseudonymised", durationMonths: 6 },
      { ...base, purpose: "STATISTICS", dataForm: "anonymised", durationMonths: 0 },
    ]) {
      const res = await call("/v1/access-applications", await researcher(), body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("422 for datasets that do not exist", async () => {
    const res = await call("/v1/access-applications", await researcher(), {
      datasetIds: ["does-not-exist"], applicant: { name: "A", organisation: "B", email: "a@b.nl" }, purpose: "STATISTICS", purposeDescription: "Regional statistics",
      requestedData: "counts", dataForm: "anonymised", safeguards: "aggregation", durationMonths: 6, processingEnvironment: "SPE",
    });
    expect(res.status).toBe(422);
  });

  it("409 for a step out of order; 404 for an unknown application", async () => {
    const app = await newApplication();
    expect((await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "approved" })).status).toBe(409);
    expect((await call(`/v1/access-applications/nope/status`, await hdab(), { status: "under_review" })).status).toBe(404);
  });

  it("cohort filter: 409 before approval, clean 503 problem+json when the consent service is down", async () => {
    const app = await newApplication();
    const bsns = { bsns: ["999990007", "999990019"] };
    expect((await call(`/v1/access-applications/${app.id}/cohort-filter`, await hdab(), bsns)).status).toBe(409);
    await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "under_review" });
    await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "approved", reasons: "ok for statistics" });
    const res = await call(`/v1/access-applications/${app.id}/cohort-filter`, await hdab(), bsns);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const text = await res.text();
    expect(text).not.toContain("999990007");
    expect((await call(`/v1/access-applications/${app.id}/cohort-filter`, await hdab(), { bsns: ["12"] })).status).toBe(400);
  });
});
