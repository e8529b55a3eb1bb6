import { SELF } from "cloudflare:test";
import { describe, expect, it, beforeAll } from "vitest";
import type { AccessApplication, AccessApplicationInput } from "@regie/shared/contracts/catalogue";
import { applicationInput, BASE, hdab, minimalDataset, publish, researcher } from "./helpers";

let datasetId: string;
beforeAll(async () => {
  datasetId = (await publish("iknl", minimalDataset({ identifier: "APP-DS" }))).id;
});

function application(overrides: Partial<AccessApplicationInput> = {}): AccessApplicationInput {
  return applicationInput(datasetId, overrides);
}

async function call(path: string, headers: Record<string, string>, body?: unknown, method = body ? "POST" : "GET") {
  return SELF.fetch(`${BASE}${path}`, { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
}

describe("data access applications", () => {
  it("researcher applies; HDAB reviews and approves; the researcher sees the status and history", async () => {
    const created = await call("/v1/access-applications", await researcher(), application());
    expect(created.status).toBe(201);
    const app = (await created.json()) as AccessApplication;
    expect(app).toMatchObject({ status: "submitted", researcher: "researcher-anna", datasetIds: [datasetId], approvedAt: null });

    const review = await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "under_review" });
    expect(review.status).toBe(200);
    const approve = await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "approved", reasons: "Purpose and safeguards are adequate" });
    expect(approve.status).toBe(200);

    const seen = (await (await call(`/v1/access-applications/${app.id}`, await researcher())).json()) as AccessApplication;
    expect(seen.status).toBe("approved");
    expect(seen.approvedAt).toEqual(expect.any(String));
    expect(seen.reasons).toBe("Purpose and safeguards are adequate");
    expect(seen.history.map((h) => h.status)).toEqual(["submitted", "under_review", "approved"]);
  });

  it("rejection needs reasons, which the researcher sees", async () => {
    const app = (await (await call("/v1/access-applications", await researcher(), application({ dataForm: "anonymised", pseudonymisationJustification: undefined }))).json()) as AccessApplication;
    await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "under_review" });
    const noReason = await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "rejected" });
    expect(noReason.status).toBe(400);
    const rejected = await call(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "rejected", reasons: "Aggregated statistics suffice for this purpose" });
    expect(rejected.status).toBe(200);
    const list = (await (await call("/v1/access-applications", await researcher())).json()) as { items: AccessApplication[] };
    expect(list.items.find((a) => a.id === app.id)).toMatchObject({ status: "rejected", reasons: "Aggregated statistics suffice for this purpose" });
  });

  it("the HDAB lists applications by status", async () => {
    // its own applications, one left submitted and one under review, so the filter has something to include and to leave out
    const submitted = (await (await call("/v1/access-applications", await researcher(), application())).json()) as AccessApplication;
    const reviewing = (await (await call("/v1/access-applications", await researcher(), application())).json()) as AccessApplication;
    expect((await call(`/v1/access-applications/${reviewing.id}/status`, await hdab(), { status: "under_review" })).status).toBe(200);
    const r = (await (await call("/v1/access-applications?status=submitted", await hdab())).json()) as { items: AccessApplication[] };
    expect(r.items.map((a) => a.id)).toContain(submitted.id);
    expect(r.items.map((a) => a.id)).not.toContain(reviewing.id);
    expect(r.items.every((a) => a.status === "submitted")).toBe(true);
  });
});
