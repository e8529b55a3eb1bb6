import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, getJson } from "./helpers";

// A file of its own: storage is isolated per test file, so this starts from an empty catalogue whatever dev.happy does.
describe("development seed with a size", () => {
  it("grows the demo catalogue to a requested size", async () => {
    const seeded = await SELF.fetch(`${BASE}/dev/seed`, { method: "POST" });
    expect(await seeded.json()).toEqual({ datasets: 201, added: 201 });
    const res = await SELF.fetch(`${BASE}/dev/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 1000 }),
    });
    expect(await res.json()).toEqual({ datasets: 1000, added: 799 });
    expect((await getJson<{ total: number }>("/v1/datasets?limit=1")).body.total).toBe(1000);
  });
});
