import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { AccessApplication, AccessApplicationInput } from "@regie/shared/contracts/catalogue";
import { applicationInput, BASE, minimalDataset, publish, publisher, researcher } from "./helpers";

let datasetId: string;
beforeAll(async () => {
  datasetId = (await publish("iknl", minimalDataset({ identifier: "IDEM-DS" }))).id;
});

function application(overrides: Partial<AccessApplicationInput> = {}): AccessApplicationInput {
  return applicationInput(datasetId, { dataForm: "anonymised", pseudonymisationJustification: undefined, durationMonths: 12, ...overrides });
}

async function post(path: string, auth: Record<string, string>, body: unknown, key?: string) {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });
}

async function myApplications(sub: string): Promise<AccessApplication[]> {
  const res = await SELF.fetch(`${BASE}/v1/access-applications`, { headers: await researcher(sub) });
  return ((await res.json()) as { items: AccessApplication[] }).items;
}

describe("Idempotency-Key on POST /v1/access-applications", () => {
  it("the same key twice creates one application and replays the first answer", async () => {
    const auth = await researcher("researcher-idem-1");
    const first = await post("/v1/access-applications", auth, application(), "apply-1");
    expect(first.status).toBe(201);
    const second = await post("/v1/access-applications", auth, application(), "apply-1");
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const a = (await first.json()) as AccessApplication;
    const b = (await second.json()) as AccessApplication;
    expect(b.id).toBe(a.id);
    expect(await myApplications("researcher-idem-1")).toHaveLength(1);
    expect((await post("/v1/access-applications", auth, application(), "apply-2")).status).toBe(201);
    expect(await myApplications("researcher-idem-1")).toHaveLength(2);
  });

  it("ten concurrent retries with one key create exactly one application", async () => {
    const auth = await researcher("researcher-idem-2");
    const answers = await Promise.all(Array.from({ length: 10 }, () => post("/v1/access-applications", auth, application(), "burst")));
    for (const res of answers) expect([201, 409]).toContain(res.status);
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(await Promise.all(created.map(async (r) => ((await r.json()) as AccessApplication).id)));
    expect(ids.size).toBe(1);
    expect(await myApplications("researcher-idem-2")).toHaveLength(1);
  });

  it("a key reused for a different request -> 422, and nothing is created", async () => {
    const auth = await researcher("researcher-idem-3");
    expect((await post("/v1/access-applications", auth, application(), "k")).status).toBe(201);
    const res = await post("/v1/access-applications", auth, application({ durationMonths: 36 }), "k");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await myApplications("researcher-idem-3")).toHaveLength(1);
  });

  it("a refused first attempt does not use up the key", async () => {
    const auth = await researcher("researcher-idem-4");
    const bad = await post("/v1/access-applications", auth, application({ datasetIds: ["no-such-dataset"] }), "retry-me");
    expect(bad.status).toBe(422);
    expect((await post("/v1/access-applications", auth, application(), "retry-me")).status).toBe(201);
    expect(await myApplications("researcher-idem-4")).toHaveLength(1);
  });

  it("keys are per caller: another researcher's same key creates their own application", async () => {
    const a = await post("/v1/access-applications", await researcher("researcher-idem-5"), application(), "shared-key");
    const b = await post("/v1/access-applications", await researcher("researcher-idem-6"), application(), "shared-key");
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect(((await a.json()) as AccessApplication).id).not.toBe(((await b.json()) as AccessApplication).id);
  });

  it("an unusable key -> 400", async () => {
    const res = await post("/v1/access-applications", await researcher("researcher-idem-7"), application(), "x".repeat(201));
    expect(res.status).toBe(400);
    expect(await myApplications("researcher-idem-7")).toHaveLength(0);
  });
});

describe("Idempotency-Key on POST /v1/datasets", () => {
  it("a retried publication with the same key answers the first dataset again instead of a conflict", async () => {
    const auth = await publisher("rivm");
    const ds = minimalDataset({ identifier: "IDEM-PUBLISH" });
    const first = await post("/v1/datasets", auth, ds, "publish-1");
    expect(first.status).toBe(201);
    const second = await post("/v1/datasets", auth, ds, "publish-1");
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const a = (await first.json()) as { id: string; revision: number };
    expect(((await second.json()) as { id: string }).id).toBe(a.id);
    const stored = await SELF.fetch(`${BASE}/v1/datasets/${encodeURIComponent(a.id)}`);
    expect(((await stored.json()) as { revision: number }).revision).toBe(a.revision);
  });
});
