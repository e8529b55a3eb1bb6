import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestReport } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { BASE, hdab, harvest } from "./helpers";

describe("harvest security", () => {
  it("401 without a token, 403 for a non-publisher", async () => {
    expect((await SELF.fetch(`${BASE}/v1/harvest`, { method: "POST", headers: { "content-type": "text/turtle" }, body: OFFICIAL_EXAMPLE_TTL })).status).toBe(
      401,
    );
    expect(
      (await SELF.fetch(`${BASE}/v1/harvest`, { method: "POST", headers: { ...(await hdab()), "content-type": "text/turtle" }, body: OFFICIAL_EXAMPLE_TTL }))
        .status,
    ).toBe(403);
  });

  it("cannot overwrite a dataset that another publisher harvested", async () => {
    expect(((await (await harvest(OFFICIAL_EXAMPLE_TTL, "text/turtle", "iknl")).json()) as HarvestReport).imported).toHaveLength(1);
    const changed = OFFICIAL_EXAMPLE_TTL.replace("Cross-border oncology EHR cohort 2024", "Taken over");
    const report = (await (await harvest(changed, "text/turtle", "rivm")).json()) as HarvestReport;
    expect(report.imported).toEqual([]);
    expect(report.rejected[0]!.violations[0]!.property).toBe("dct:publisher");
    const ds = (await (await SELF.fetch(`${BASE}/v1/datasets/eu-hdca-r7-oncology-ehrs-2024`)).json()) as { title: { en: string }; publisherId: string };
    expect(ds).toMatchObject({ title: { en: "Cross-border oncology EHR cohort 2024" }, publisherId: "iknl" });
  });
});
