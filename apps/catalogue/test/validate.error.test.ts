// POST /v1/validate refuses what it cannot read with a problem+json naming the problem: 415, 413, 400. Never a 500.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_ENTITY_EXPANSION } from "../src/rdf/parse-rdfxml";
import { MAX_VALIDATE_TRIPLES } from "../src/validation/document";
import { BASE } from "./helpers";
import { datasetRdfXml, rdfXmlDocument } from "./sources/rdfxml-datasets";

async function problem(body: string, type: string, query = "") {
  const res = await SELF.fetch(`${BASE}/v1/validate${query}`, { method: "POST", headers: { "content-type": type }, body });
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return { status: res.status, detail: ((await res.json()) as { detail: string }).detail };
}

describe("POST /v1/validate input errors", () => {
  it("415 for a type that is not Turtle, JSON-LD or RDF/XML", async () => {
    for (const type of ["application/json", "text/plain", "application/xml"]) {
      const p = await problem("{}", type);
      expect(p.status, type).toBe(415);
    }
  });

  it("400 for an empty body, bad Turtle, bad JSON-LD and malformed RDF/XML, naming the problem", async () => {
    expect((await problem("  ", "text/turtle")).status).toBe(400);
    const ttl = await problem("@prefix x: <http://x/> . x:a x:b ", "text/turtle");
    expect(ttl).toMatchObject({ status: 400, detail: expect.stringMatching(/^the Turtle document is not valid/) });
    expect((await problem("{not json", "application/ld+json")).status).toBe(400);
    const xml = await problem(rdfXmlDocument(datasetRdfXml("x")).replace("</dcat:Dataset>", ""), "application/rdf+xml");
    expect(xml).toMatchObject({ status: 400, detail: expect.stringMatching(/^the RDF\/XML document is not valid: .*\d+:\d+/) });
  });

  it("400 when DTD entities would expand beyond a bound (one long entity used many times); namespace entities are fine", async () => {
    const doc = (entity: string, uses: number) => `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY big "${entity}"><!ENTITY dct "http://purl.org/dc/terms/">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="&dct;">
<rdf:Description rdf:about="http://x.example/a"><dct:title>${"&big;".repeat(uses)}</dct:title></rdf:Description></rdf:RDF>`;
    const bomb = await problem(doc("a".repeat(100_000), 100), "application/rdf+xml");
    expect(bomb).toMatchObject({ status: 400, detail: expect.stringContaining(`would expand to more than ${MAX_ENTITY_EXPANSION} characters`) });
    // small entities, a namespace among them, parse: the report (no dcat:Dataset) comes back
    const ok = await SELF.fetch(`${BASE}/v1/validate`, { method: "POST", headers: { "content-type": "application/rdf+xml" }, body: doc("abc", 3) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { triples: number }).triples).toBe(1);
  });

  it("400 for an unknown level", async () => {
    expect((await problem("<http://x.example/a> <http://x.example/b> <http://x.example/c> .", "text/turtle", "?level=SECRET")).status).toBe(400);
  });

  it(`413 for more than ${MAX_VALIDATE_TRIPLES} triples, and for a body over 8 MiB`, async () => {
    const many = Array.from({ length: MAX_VALIDATE_TRIPLES + 1 }, (_, i) => `<http://x.example/s${i}> <http://x.example/p> "${i}" .`).join("\n");
    const p = await problem(many, "text/turtle");
    expect(p).toMatchObject({ status: 413, detail: expect.stringContaining(`at most ${MAX_VALIDATE_TRIPLES}`) });
    expect((await problem("#".repeat(8 * 1024 * 1024 + 1), "text/turtle")).status).toBe(413);
  });
});
