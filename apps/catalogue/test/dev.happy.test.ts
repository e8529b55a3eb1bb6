import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, getJson } from "./helpers";

describe("development seed", () => {
  it("seeds the demo catalogue once (idempotent), with the official example and generated datasets", async () => {
    const first = await SELF.fetch(`${BASE}/dev/seed`, { method: "POST" });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ datasets: 201, added: 201 });
    const again = await SELF.fetch(`${BASE}/dev/seed`, { method: "POST" });
    expect(await again.json()).toEqual({ datasets: 201, added: 0 });
    const r = await getJson<{ total: number; facets: Record<string, { value: string }[]> }>("/v1/datasets?limit=1");
    expect(r.body.total).toBe(201);
    expect(r.body.facets.publisher!.map((p) => p.value).sort()).toEqual(["cbs", "iknl", "nivel", "rivm", "umcu"]);
    expect((await SELF.fetch(`${BASE}/v1/datasets/eu-hdca-r7-oncology-ehrs-2024`)).status).toBe(200);
  });
});
