import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { BASE, hdab, minimalDataset, publish, publisher, researcher } from "./helpers";

async function call(path: string, headers: Record<string, string>, body?: unknown) {
  return SELF.fetch(`${BASE}${path}`, { method: body ? "POST" : "GET", headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
}

describe("application access control", () => {
  it("a researcher sees only their own applications; only the HDAB reviews", async () => {
    const ds = await publish("iknl", minimalDataset());
    const body = {
      datasetIds: [ds.id], applicant: { name: "A", organisation: "B", email: "a@b.nl" }, purpose: "STATISTICS", purposeDescription: "Regional statistics",
      requestedData: "counts", dataForm: "anonymised", safeguards: "aggregation", durationMonths: 6, processingEnvironment: "SPE",
    };
    const anna = (await (await call("/v1/access-applications", await researcher("researcher-anna"), body)).json()) as AccessApplication;
    const tom = await researcher("researcher-tom");
    expect((await call(`/v1/access-applications/${anna.id}`, tom)).status).toBe(404);
    const tomsList = (await (await call("/v1/access-applications", tom)).json()) as { items: AccessApplication[] };
    expect(tomsList.items.find((a) => a.id === anna.id)).toBeUndefined();
    expect((await call(`/v1/access-applications/${anna.id}`, await hdab())).status).toBe(200);

    expect((await call(`/v1/access-applications/${anna.id}/status`, tom, { status: "under_review" })).status).toBe(403);
    expect((await call(`/v1/access-applications/${anna.id}/status`, await publisher("iknl"), { status: "under_review" })).status).toBe(403);
    expect((await call(`/v1/access-applications/${anna.id}/cohort-filter`, tom, { bsns: ["999990007"] })).status).toBe(403);
    expect((await call("/v1/access-applications", await hdab(), body)).status).toBe(403);
    expect((await call("/v1/access-applications", {}, body)).status).toBe(401);
    expect((await call("/v1/access-applications", {})).status).toBe(401);
  });

  it("the researcher is taken from the token, not the body", async () => {
    const ds = await publish("iknl", minimalDataset());
    const res = await call("/v1/access-applications", await researcher("researcher-anna"), {
      datasetIds: [ds.id], applicant: { name: "A", organisation: "B", email: "a@b.nl" }, purpose: "STATISTICS", purposeDescription: "Regional statistics",
      requestedData: "counts", dataForm: "anonymised", safeguards: "aggregation", durationMonths: 6, processingEnvironment: "SPE", researcher: "researcher-tom", status: "approved",
    });
    const app = (await res.json()) as AccessApplication;
    expect(app).toMatchObject({ researcher: "researcher-anna", status: "submitted" });
  });
});
