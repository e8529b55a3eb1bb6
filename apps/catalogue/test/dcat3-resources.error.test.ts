// Errors of the DCAT-AP 3 routes: 422 problem+json naming the missing mandatory properties, 404s, bad cursors.
import { describe, expect, it } from "vitest";
import { minimalDataset, publish } from "./helpers";
import { call, created, serviceInput, seriesInput } from "./dcat3-helpers";

async function problem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { detail: string; errors?: { path: string; property: string; message: string }[] };
}
const properties = (p: { errors?: { property: string }[] }) => (p.errors ?? []).map((e) => e.property).sort();

describe("data services: errors", () => {
  it("422 names dct:title and dcat:endpointURL when they are missing, and nothing is stored", async () => {
    const { title: _t, endpointURL: _e, ...rest } = serviceInput({ identifier: "no-title-service" });
    const p = await problem(await call("POST", "/v1/data-services", "iknl", rest), 422);
    expect(properties(p)).toEqual(["dcat:endpointURL", "dct:title"]);
    expect(p.detail).toContain("dcat:endpointURL");
    await problem(await call("GET", "/v1/data-services/no-title-service"), 404);
  });

  it("422 for an empty endpoint list and for a malformed endpoint IRI, naming dcat:endpointURL", async () => {
    expect(properties(await problem(await call("POST", "/v1/data-services", "iknl", serviceInput({ endpointURL: [] })), 422))).toEqual(["dcat:endpointURL"]);
    const bad = await problem(await call("POST", "/v1/data-services", "iknl", serviceInput({ endpointURL: ["not an iri"] })), 422);
    expect(bad.errors).toEqual([expect.objectContaining({ path: "/endpointURL/0", property: "dcat:endpointURL" })]);
  });

  it("422 for two licences (dct:license is at most one: one value in JSON)", async () => {
    const p = await problem(await call("POST", "/v1/data-services", "iknl", { ...serviceInput(), license: ["a:b", "c:d"] }), 422);
    expect(properties(p)).toEqual(["dct:license"]);
  });

  it("404 to read, replace or delete a service that does not exist; 409 for a taken IRI; the IRI cannot change", async () => {
    await problem(await call("GET", "/v1/data-services/nope"), 404);
    await problem(await call("PUT", "/v1/data-services/nope", "iknl", serviceInput()), 404);
    await problem(await call("DELETE", "/v1/data-services/nope", "iknl"), 404);
    const svc = await created<{ id: string; iri: string }>("/v1/data-services", "iknl", serviceInput());
    await problem(await call("POST", "/v1/data-services", "iknl", serviceInput({ iri: svc.iri })), 409);
    const moved = await problem(await call("PUT", `/v1/data-services/${svc.id}`, "iknl", serviceInput({ iri: "https://elsewhere.example/svc" })), 422);
    expect(properties(moved)).toEqual(["dcat:DataService"]);
  });

  it("400 for a bad cursor or limit, 406 for an unknown Accept", async () => {
    await problem(await call("GET", "/v1/data-services?cursor=abc"), 400);
    await problem(await call("GET", "/v1/data-services?limit=0"), 400);
    const svc = await created<{ id: string }>("/v1/data-services", "iknl", serviceInput());
    await problem(await call("GET", `/v1/data-services/${svc.id}`, undefined, undefined, { accept: "image/png" }), 406);
  });
});

describe("dataset series: errors", () => {
  it("422 names dct:title, dct:description and dcatap:applicableLegislation when missing", async () => {
    const p = await problem(await call("POST", "/v1/dataset-series", "iknl", { publisher: seriesInput().publisher }), 422);
    expect(properties(p)).toEqual(["dcatap:applicableLegislation", "dct:description", "dct:title"]);
  });

  it("422 for a malformed dct:issued; 404 for an unknown series", async () => {
    const p = await problem(await call("POST", "/v1/dataset-series", "iknl", seriesInput({ issued: "last year" })), 422);
    expect(properties(p)).toEqual(["dct:issued"]);
    await problem(await call("GET", "/v1/dataset-series/nope"), 404);
    await problem(await call("DELETE", "/v1/dataset-series/nope", "iknl"), 404);
  });
});

describe("versions on datasets: errors", () => {
  it("422 names dcat:previousVersion for a malformed IRI and for the dataset itself; dcat:inSeries for a malformed series", async () => {
    const iri = "https://data.example.nl/ds/self";
    const self = await problem(await call("POST", "/v1/datasets", "iknl", minimalDataset({ iri, previousVersion: iri })), 422);
    expect(properties(self)).toEqual(["dcat:previousVersion"]);
    const bad = await problem(await call("POST", "/v1/datasets", "iknl", minimalDataset({ previousVersion: "nope" })), 422);
    expect(properties(bad)).toEqual(["dcat:previousVersion"]);
    const series = await problem(await call("POST", "/v1/datasets", "iknl", minimalDataset({ inSeries: ["no iri"] })), 422);
    expect(properties(series)).toEqual(["dcat:inSeries"]);
  });
});

describe("revisions: errors", () => {
  it("404 for a dataset that never existed and for a revision number it does not have; 400 for a bad number", async () => {
    await problem(await call("GET", "/v1/datasets/never-was/revisions"), 404);
    const ds = await publish("iknl", minimalDataset());
    await problem(await call("GET", `/v1/datasets/${ds.id}/revisions/7`), 404);
    await problem(await call("GET", `/v1/datasets/${ds.id}/revisions/0`), 400);
    await problem(await call("GET", `/v1/datasets/${ds.id}/revisions?cursor=x`), 400);
  });
});
