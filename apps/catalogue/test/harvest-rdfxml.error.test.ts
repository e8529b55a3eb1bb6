// Malformed RDF/XML never gives a 500: pushed, a 400 naming the parser's line and column; pulled, the job ends
// with the error in its record.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestJob, HarvestSource } from "@regie/shared/contracts/catalogue";
import { BASE, harvest, publisher } from "./helpers";
import { datasetRdfXml, rdfXmlDocument } from "./sources/rdfxml-datasets";

const SOURCE = (env as unknown as { TEST_SOURCE_URL: string }).TEST_SOURCE_URL;

describe("malformed RDF/XML", () => {
  it("pushed: 400 problem+json naming the problem, nothing written", async () => {
    const res = await harvest(rdfXmlDocument(datasetRdfXml("bad-push")).replace("</dcat:Dataset>", ""), "application/rdf+xml", "iknl");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^the RDF\/XML document is not valid: .*\d+:\d+/);
    expect((await SELF.fetch(`${BASE}/v1/datasets/rdfxml-bad-push`)).status).toBe(404);
  });

  it("pushed as generic XML: 415 (RDF/XML is application/rdf+xml)", async () => {
    expect((await harvest(rdfXmlDocument(datasetRdfXml("xml")), "application/xml", "iknl")).status).toBe(415);
  });

  it("pulled: the job fails with the parser's message in its record", async () => {
    const auth = { ...(await publisher("nivel")), "content-type": "application/json" };
    const body = JSON.stringify({ url: `${SOURCE}/rdfxml/broken.rdf`, kind: "dcat" });
    const created = await SELF.fetch(`${BASE}/v1/harvest-sources`, { method: "POST", headers: auth, body });
    expect(created.status).toBe(201);
    const source = (await created.json()) as HarvestSource;
    const run = await SELF.fetch(`${BASE}/v1/harvest-sources/${source.id}/run`, { method: "POST", headers: auth });
    expect(run.status).toBe(200);
    const job = (await run.json()) as HarvestJob;
    expect(job).toMatchObject({ status: "failed", added: 0 });
    expect(job.error).toMatch(/^the RDF\/XML document is not valid/);
  });
});
