import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, minimalDataset, publish, publisher, researcher } from "./helpers";

describe("who may publish", () => {
  it("401 without a token, 403 for another role", async () => {
    const body = JSON.stringify(minimalDataset());
    expect((await SELF.fetch(`${BASE}/v1/datasets`, { method: "POST", headers: { "content-type": "application/json" }, body })).status).toBe(401);
    const res = await SELF.fetch(`${BASE}/v1/datasets`, { method: "POST", headers: { ...(await researcher()), "content-type": "application/json" }, body });
    expect(res.status).toBe(403);
  });

  it("a publisher cannot change or delete another publisher's dataset (403), and it stays unchanged", async () => {
    const d = await publish("umcu", minimalDataset({ title: { en: "Owned by UMCU" } }));
    const put = await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, {
      method: "PUT",
      headers: { ...(await publisher("rivm")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ title: { en: "Hijacked" } })),
    });
    expect(put.status).toBe(403);
    expect(put.headers.get("content-type")).toBe("application/problem+json");
    const del = await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, { method: "DELETE", headers: await publisher("rivm") });
    expect(del.status).toBe(403);
    const now = (await (await SELF.fetch(`${BASE}/v1/datasets/${d.id}`)).json()) as { title: { en: string }; revision: number };
    expect(now).toMatchObject({ title: { en: "Owned by UMCU" }, revision: 1 });
  });

  it("the owner is taken from the token, never from the body", async () => {
    const d = await publish("umcu", { ...minimalDataset(), publisherId: "rivm" } as never);
    expect((d as unknown as { publisherId: string }).publisherId).toBe("umcu");
  });

  it("a dataset IRI cannot be moved by an update", async () => {
    const d = await publish("umcu", minimalDataset());
    const put = await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, {
      method: "PUT",
      headers: { ...(await publisher("umcu")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ iri: "https://evil.example/ds" })),
    });
    expect(put.status).toBe(422);
  });

  it("dev seed is open only in development (this test env is development) and accepts only a count", async () => {
    const bad = await SELF.fetch(`${BASE}/dev/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"count":-1}' });
    expect(bad.status).toBe(400);
  });
});
