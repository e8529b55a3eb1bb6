// When every partition holds its capacity (3 × 4 here), a new dataset is refused with a 503 naming the remedy and
// nothing of it is written; updates of stored datasets still work (they stay in their partition).
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, minimalDataset, publish, publisher } from "../test/helpers";
import { allDocs, directory, rowCount } from "./helpers";

describe("full document partitions", () => {
  it("refuse a new dataset (503) and write nothing, while updates go on", { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await publish("umcu", minimalDataset({ identifier: `FULL-${i}` }))).id);
    const perPart = [0, 0, 0, 0];
    for (const d of await allDocs()) perPart[d.part]!++;
    expect(perPart).toEqual([3, 3, 3, 3]);
    const res = await SELF.fetch(`${BASE}/v1/datasets`, {
      method: "POST",
      headers: { ...(await publisher("umcu")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ identifier: "FULL-13" })),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/DOCS_4/);
    expect(await rowCount()).toBe(12);
    expect((await allDocs()).length).toBe(12);
    expect((await directory()).length).toBe(12);
    const put = await SELF.fetch(`${BASE}/v1/datasets/${ids[5]}`, {
      method: "PUT",
      headers: { ...(await publisher("umcu")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ identifier: "FULL-5", title: { nl: "Nog steeds" } })),
    });
    expect(put.status).toBe(200);
    expect((await allDocs()).length).toBe(12);
  });
});
