// RDF/XML as harvest input, parsed by rdfxml-streaming-parser in the worker: pushed to POST /v1/harvest it imports
// the same datasets as its Turtle twin; a pulled RDF/XML source with Hydra paging (test/sources/server.ts) is
// imported and, run again after a removal, withdraws what vanished.
import { createScheduledController, env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { HarvestJob, HarvestReport, HarvestSource } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import worker from "../src/index";
import { toRdfXml } from "../src/rdf/rdfxml";
import { parseTurtle } from "../src/rdf/serialise";
import ckanDatasetRdf from "../test-shacl/fixtures/ckanext-dcat/dataset.rdf";
import { BASE, getJson, harvest, publisher } from "./helpers";
import { datasetRdfXml, datasetTurtle, rdfXmlDocument } from "./sources/rdfxml-datasets";

const SOURCE = (env as unknown as { TEST_SOURCE_URL: string }).TEST_SOURCE_URL;
const RDFXML = "application/rdf+xml";

/** A stored dataset without what changes on every write: revision, modified, and blank node labels (each parse names them anew). */
async function stored(id: string) {
  const { status, body } = await getJson<Record<string, unknown>>(`/v1/datasets/${id}`);
  expect(status).toBe(200);
  const { revision: _r, modified: _m, ...rest } = body;
  const blankless = (key: string, value: unknown) => (key === "iri" && typeof value === "string" && value.startsWith("_:") ? "_:" : value);
  return JSON.parse(JSON.stringify(rest, blankless)) as unknown;
}

describe("a pushed RDF/XML document", () => {
  it("imports the same datasets as its Turtle twin", async () => {
    const res = await harvest(rdfXmlDocument(datasetRdfXml("push-one") + datasetRdfXml("push-two")), RDFXML, "iknl");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.rejected).toEqual([]);
    expect(report.imported.map((i) => [i.id, i.created])).toEqual([
      ["rdfxml-push-one", true],
      ["rdfxml-push-two", true],
    ]);
    const fromXml = await stored("rdfxml-push-one");
    const title = { en: "RDF/XML dataset push-one", nl: "RDF/XML-dataset push-one" };
    expect(fromXml).toMatchObject({ title, accessRights: "NON_PUBLIC", hasStructuredData: false });

    // the Turtle twin is the same dataset (same IRI): an update that changes nothing but the revision
    const twin = (await (await harvest(datasetTurtle("push-one"), "text/turtle", "iknl")).json()) as HarvestReport;
    expect(twin.imported).toMatchObject([{ id: "rdfxml-push-one", created: false }]);
    expect(await stored("rdfxml-push-one")).toEqual(fromXml);
  });

  it("the official example as RDF/XML is stored as from its Turtle", async () => {
    const xml = toRdfXml(parseTurtle(OFFICIAL_EXAMPLE_TTL, "x_"));
    const first = (await (await harvest(xml, RDFXML, "umcu")).json()) as HarvestReport;
    expect(first.rejected).toEqual([]);
    const id = first.imported[0]!.id;
    const fromXml = await stored(id);
    expect((await harvest(OFFICIAL_EXAMPLE_TTL, "text/turtle", "umcu")).status).toBe(200);
    expect(await stored(id)).toEqual(fromXml);
  });

  it("ckanext-dcat's RDF/XML example (not HealthDCAT-AP) is read and reported dataset by dataset, nothing written", async () => {
    const res = await harvest(ckanDatasetRdf, RDFXML, "iknl");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.imported).toEqual([]);
    expect(report.rejected.map((r) => r.iri)).toEqual(["https://data.some.org/catalog/datasets/9df8df51-63db-37a8-e044-0003ba9b0d98"]);
    expect(report.rejected[0]!.violations.map((v) => v.property)).toEqual(expect.arrayContaining(["healthdcatap:hdab", "healthdcatap:healthCategory"]));
  });
});

describe("a pulled RDF/XML source with Hydra paging", () => {
  beforeAll(async () => {
    expect((await fetch(`${SOURCE}/control/reset?source=rdfxml`, { method: "POST" })).status).toBe(204);
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers = { ...(await publisher("nivel")), "content-type": "application/json" };
    const res = await SELF.fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  }
  const status = async (id: string) => (await SELF.fetch(`${BASE}/v1/datasets/${id}`)).status;

  it("is imported by the Cron Trigger and, run again after a removal at the source, withdraws the dataset", async () => {
    const created = await api<HarvestSource>("POST", "/v1/harvest-sources", { url: `${SOURCE}/rdfxml/catalog.rdf`, kind: "dcat", title: "RDF/XML source" });
    expect(created.status).toBe(201);
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/10 * * * *" }), env as never);
    const jobs = await api<{ items: HarvestJob[] }>("GET", `/v1/harvest-sources/${created.body.id}/jobs`);
    expect(jobs.body.items[0]).toMatchObject({ status: "done", pages: 2, added: 3, updated: 0, withdrawn: 0, rejected: 1, error: null });
    expect(jobs.body.items[0]!.rejections[0]!.violations.map((v) => v.property)).toContain("healthdcatap:hdab");
    for (const n of ["one", "two", "three"]) expect(await status(`rdfxml-pulled-${n}`)).toBe(200);

    expect((await fetch(`${SOURCE}/control/remove?source=rdfxml&name=two`, { method: "POST" })).status).toBe(204);
    try {
      const run = await api<HarvestJob>("POST", `/v1/harvest-sources/${created.body.id}/run`);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ status: "done", added: 0, updated: 2, withdrawn: 1, rejected: 1 });
      expect(await status("rdfxml-pulled-two")).toBe(404);
      expect(await status("rdfxml-pulled-one")).toBe(200);
    } finally {
      await fetch(`${SOURCE}/control/reset?source=rdfxml`, { method: "POST" });
    }
  });
});
