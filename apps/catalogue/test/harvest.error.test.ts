import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestReport } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { BASE, publisher, harvest } from "./helpers";

/** The mutations of the official example from the issue, and the property each rejection must name. */
const MUTATIONS: [string, string, string][] = [
  ["no HDAB", OFFICIAL_EXAMPLE_TTL.replace("healthdcatap:hdab ex:hdab-agent ;", ""), "healthdcatap:hdab"],
  [
    "two HDABs",
    OFFICIAL_EXAMPLE_TTL.replace("healthdcatap:hdab ex:hdab-agent ;", "healthdcatap:hdab ex:hdab-agent, ex:custodian-agent ;"),
    "healthdcatap:hdab",
  ],
  [
    "access rights outside the access-right vocabulary",
    OFFICIAL_EXAMPLE_TTL.replace("access-right/NON_PUBLIC> ;", "access-right/OP_DATPRO> ;"),
    "dct:accessRights",
  ],
  ["hasStructuredData true without variables", OFFICIAL_EXAMPLE_TTL.replace("healthdcatap:hasVariables ex:variables-group ;", ""), "healthdcatap:hasVariables"],
  ["no HEAL theme", OFFICIAL_EXAMPLE_TTL.replace("dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> ;", ""), "dcat:theme"],
  ["an age as xsd:integer", OFFICIAL_EXAMPLE_TTL.replace('"18"^^xsd:nonNegativeInteger', '"18"^^xsd:integer'), "healthdcatap:minTypicalAge"],
  [
    "a distribution without applicable legislation",
    OFFICIAL_EXAMPLE_TTL.replace(/(ex:distribution-main-csv\s+a dcat:Distribution ;[\s\S]*?)dcatap:applicableLegislation <[^>]+> ;/, "$1"),
    "dcatap:applicableLegislation",
  ],
];

describe("harvest rejects each mutation of the official example, naming the property", () => {
  it.each(MUTATIONS)("%s", async (_name, ttl, property) => {
    expect(ttl).not.toBe(OFFICIAL_EXAMPLE_TTL);
    const res = await harvest(ttl, "text/turtle", "umcu");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.imported).toEqual([]);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.violations.map((v) => v.property)).toContain(property);
    expect(report.rejected[0]!.violations.find((v) => v.property === property)!.message).toContain(property);
    expect((await SELF.fetch(`${BASE}/v1/datasets/eu-hdca-r7-oncology-ehrs-2024`)).status).toBe(404);
  });
});

describe("harvest input errors", () => {
  it("400 for Turtle with a syntax error", async () => {
    const res = await harvest("@prefix x: <http://x/> . x:a x:b ", "text/turtle");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
  it("400 for invalid JSON-LD and for a remote context (never fetched)", async () => {
    expect((await harvest("{not json", "application/ld+json")).status).toBe(400);
    const remote = await harvest(JSON.stringify({ "@context": "https://evil.example/context.jsonld", "@id": "http://x/a" }), "application/ld+json");
    expect(remote.status).toBe(400);
    expect(((await remote.json()) as { detail: string }).detail).toMatch(/remote JSON-LD contexts are not loaded/);
  });
  it("422 when the document has no dcat:Dataset", async () => {
    expect((await harvest("<http://x/a> <http://x/b> <http://x/c> .", "text/turtle")).status).toBe(422);
  });
  it("400 for an empty document, 415 for another media type", async () => {
    expect((await harvest(" ", "text/turtle")).status).toBe(400);
    const res = await SELF.fetch(`${BASE}/v1/harvest`, {
      method: "POST",
      headers: { ...(await publisher("iknl")), "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(415);
  });
});

describe("hostile JSON-LD shapes", () => {
  it("400 for JSON-LD nested absurdly deep", async () => {
    const deep = '{"@context":{"x":"http://x/"},"x:a":'.repeat(200) + "1" + "}".repeat(200);
    const res = await harvest(deep, "application/ld+json");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/nested deeper/);
  });
});
