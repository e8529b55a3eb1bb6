// dcat:DataService: published, listed, read as JSON and RDF, replaced and deleted by its publisher; listed on the
// catalogue with dcat:service; distributions point at it with dcat:accessService.
import { describe, expect, it } from "vitest";
import type { DataService, DataServiceList } from "@regie/shared/contracts/catalogue";
import { DataService as DataServiceSchema, DataServiceList as DataServiceListSchema } from "@regie/shared/contracts/catalogue";
import { EHDS, minimalDataset, publish } from "./helpers";
import { call, created, serviceInput } from "./dcat3-helpers";

describe("data services", () => {
  it("are published with an id, IRI and revision 1, and read back the same as JSON", async () => {
    const res = await call("POST", "/v1/data-services", "iknl", serviceInput({ identifier: "cancer-api" }));
    expect(res.status).toBe(201);
    const svc = DataServiceSchema.parse(await res.json());
    expect(svc).toMatchObject({ id: "cancer-api", publisherId: "iknl", revision: 1, endpointURL: ["https://api.example.nl/fhir"] });
    expect(svc.iri).toBe("https://data.regie.nl/catalogue/data-services/cancer-api");
    expect(res.headers.get("location")).toBe("/v1/data-services/cancer-api");
    const got = await call("GET", `/v1/data-services/${svc.id}`);
    expect(got.status).toBe(200);
    expect(DataServiceSchema.parse(await got.json())).toEqual(svc);
  });

  it("are listed oldest first with keyset paging", async () => {
    const a = await created<DataService>("/v1/data-services", "iknl", serviceInput());
    const b = await created<DataService>("/v1/data-services", "iknl", serviceInput());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call("GET", `/v1/data-services?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page: DataServiceList = DataServiceListSchema.parse(await res.json());
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(b.id)).toBeGreaterThan(seen.indexOf(a.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("as Turtle: a dcat:DataService with its endpoint, licence, access rights and served datasets", async () => {
    const ds = await publish("iknl", minimalDataset());
    const svc = await created<DataService>("/v1/data-services", "iknl", serviceInput({ servesDataset: [ds.iri] }));
    const res = await call("GET", `/v1/data-services/${svc.id}`, undefined, undefined, { accept: "text/turtle" });
    expect(res.headers.get("content-type")).toMatch(/^text\/turtle/);
    const ttl = await res.text();
    expect(ttl).toContain("dcat:DataService");
    expect(ttl).toMatch(/dcat:endpointURL <https:\/\/api\.example\.nl\/fhir>/);
    expect(ttl).toContain(`dcat:servesDataset <${ds.iri}>`);
    expect(ttl).toContain("licence/CC_BY_4_0");
  });

  it("are replaced by their publisher (revision 2) and deleted (then 404)", async () => {
    const svc = await created<DataService>("/v1/data-services", "iknl", serviceInput());
    const put = await call("PUT", `/v1/data-services/${svc.id}`, "iknl", serviceInput({ title: { en: "Renamed API" } }));
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ id: svc.id, iri: svc.iri, revision: 2, title: { en: "Renamed API" } });
    expect((await call("DELETE", `/v1/data-services/${svc.id}`, "iknl")).status).toBe(204);
    expect((await call("GET", `/v1/data-services/${svc.id}`)).status).toBe(404);
  });

  it("appear in catalog.ttl with dcat:service, and a distribution's dcat:accessService is exported", async () => {
    const svc = await created<DataService>("/v1/data-services", "iknl", serviceInput());
    const dist = { applicableLegislation: [EHDS], accessURL: "https://example.nl/access", format: "CSV", accessService: [svc.iri] };
    const ds = await publish("iknl", minimalDataset({ distribution: [dist] }));
    const ttl = await (await call("GET", "/catalog.ttl?pageSize=1000")).text();
    expect(ttl).toContain(`dcat:service <${svc.iri}>`);
    expect(ttl).toContain(`dcat:accessService <${svc.iri}>`);
    const json = (await (await call("GET", `/v1/datasets/${ds.id}`)).json()) as { distribution: { accessService?: string[] }[] };
    expect(json.distribution[0]!.accessService).toEqual([svc.iri]);
  });
});
