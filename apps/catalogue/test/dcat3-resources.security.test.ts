// Security of the DCAT-AP 3 routes: a publisher cannot change another's service or series (by the API or by
// harvest), cannot add members to another's series, and the owner always comes from the token.
import { describe, expect, it } from "vitest";
import { DatasetSeriesWithMembers, type DataService, type DatasetSeries } from "@regie/shared/contracts/catalogue";
import { SELF } from "cloudflare:test";
import { BASE, harvest, minimalDataset, publish, researcher } from "./helpers";
import { call, created, serviceInput, seriesInput } from "./dcat3-helpers";

describe("another publisher's data services and series", () => {
  it("cannot be replaced or deleted (403 problem+json); they stay unchanged", async () => {
    const svc = await created<DataService>("/v1/data-services", "umcu", serviceInput({ title: { en: "UMCU API" } }));
    const series = await created<DatasetSeries>("/v1/dataset-series", "umcu", seriesInput({ title: { en: "UMCU series" } }));
    for (const [path, body] of [
      [`/v1/data-services/${svc.id}`, serviceInput({ title: { en: "Hijacked" } })],
      [`/v1/dataset-series/${series.id}`, seriesInput({ title: { en: "Hijacked" } })],
    ] as const) {
      const before = await (await call("GET", path)).text();
      const put = await call("PUT", path, "rivm", body);
      expect(put.status).toBe(403);
      expect(put.headers.get("content-type")).toBe("application/problem+json");
      expect((await call("DELETE", path, "rivm")).status).toBe(403);
      expect(await (await call("GET", path)).text()).toBe(before);
    }
  });

  it("cannot be taken over by harvesting their IRI; the harvest report rejects them naming dct:publisher", async () => {
    const svc = await created<DataService>("/v1/data-services", "umcu", serviceInput({ title: { en: "UMCU API" } }));
    const ttl = await (await call("GET", `/v1/data-services/${svc.id}`, undefined, undefined, { accept: "text/turtle" })).text();
    const res = await harvest(ttl.replace("UMCU API", "Hijacked API"), "text/turtle", "rivm");
    expect(res.status).toBe(200);
    const report = (await res.json()) as { resources: { imported: unknown[]; rejected: { iri: string; violations: { property: string }[] }[] } };
    expect(report.resources.imported).toEqual([]);
    expect(report.resources.rejected).toEqual([{ kind: "dataService", iri: svc.iri, violations: [expect.objectContaining({ property: "dct:publisher" })] }]);
    expect(await (await call("GET", `/v1/data-services/${svc.id}`)).json()).toMatchObject({ title: { en: "UMCU API" }, publisherId: "umcu", revision: 1 });
  });

  it("a dataset of another publisher naming a series in dcat:inSeries is not listed as its member", async () => {
    const series = await created<DatasetSeries>("/v1/dataset-series", "umcu", seriesInput());
    const own = await publish("umcu", minimalDataset({ inSeries: [series.iri] }));
    await publish("rivm", minimalDataset({ inSeries: [series.iri] }));
    const body = DatasetSeriesWithMembers.parse(await (await call("GET", `/v1/dataset-series/${series.id}`)).json());
    expect(body.members.map((m) => m.id)).toEqual([own.id]);
    expect(body.memberCount).toBe(1);
  });

  it("the owner is taken from the token, never from the body", async () => {
    const svc = await created<DataService>("/v1/data-services", "umcu", { ...serviceInput(), publisherId: "rivm" });
    expect(svc.publisherId).toBe("umcu");
  });

  it("without a token, or as a researcher, nothing can be published (401, 403)", async () => {
    expect((await call("POST", "/v1/dataset-series", undefined, seriesInput())).status).toBe(401);
    const res = await SELF.fetch(`${BASE}/v1/data-services`, {
      method: "POST",
      headers: { ...(await researcher()), "content-type": "application/json" },
      body: JSON.stringify(serviceInput()),
    });
    expect(res.status).toBe(403);
  });
});
