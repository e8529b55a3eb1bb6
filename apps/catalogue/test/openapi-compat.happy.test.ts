import { SELF } from "cloudflare:test";
import { breakingChanges, type OpenApiDoc } from "@regie/shared/testing";
import { describe, expect, it } from "vitest";
import baselineJson from "../openapi.baseline.json";

const baseline = baselineJson as unknown as OpenApiDoc;

// The API answers as it did: the live document only adds to the committed one (`npm run openapi:baseline` refreshes it).
describe("/openapi.json against openapi.baseline.json", () => {
  it("removes, narrows or changes nothing a client of the baseline relies on", async () => {
    const res = await SELF.fetch("http://localhost/openapi.json");
    expect(res.status).toBe(200);
    const live = (await res.json()) as OpenApiDoc;
    expect(Object.keys(live.paths ?? {}).length).toBeGreaterThanOrEqual(Object.keys(baseline.paths ?? {}).length);
    expect(breakingChanges(baseline, live)).toEqual([]);
  });
});
