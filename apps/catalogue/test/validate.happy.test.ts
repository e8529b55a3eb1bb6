// POST /v1/validate in the worker: public, nothing written, the official shapes per dataset and access level, in
// Turtle, JSON-LD and RDF/XML. (That its results are the official shapes' is test-shacl/validate.test.ts.)
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ValidationReport } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { toJsonLd, parseTurtle } from "../src/rdf/serialise";
import ckanDatasetRdf from "../test-shacl/fixtures/ckanext-dcat/dataset.rdf";
import { BASE } from "./helpers";

const EXAMPLE_ID = "eu-hdca-r7-oncology-ehrs-2024";
const atLevel = (level: string) => OFFICIAL_EXAMPLE_TTL.replaceAll("access-right/NON_PUBLIC>", `access-right/${level}>`);

async function validate(body: string, type = "text/turtle", query = ""): Promise<ValidationReport> {
  const res = await SELF.fetch(`${BASE}/v1/validate${query}`, { method: "POST", headers: { "content-type": type }, body });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return (await res.json()) as ValidationReport;
}

const properties = (r: ValidationReport["datasets"][number]["levels"][number]["violations"]) => [...new Set(r.map((v) => v.path))].sort();

describe("POST /v1/validate", () => {
  it("the official example conforms at its declared level, without a token, and nothing is written", async () => {
    const report = await validate(OFFICIAL_EXAMPLE_TTL);
    expect(report.conforms).toBe(true);
    expect(report.triples).toBe(parseTurtle(OFFICIAL_EXAMPLE_TTL).length);
    expect(report.datasets).toHaveLength(1);
    const [d] = report.datasets;
    expect(d).toMatchObject({
      iri: "https://healthdcat-ap.example.org/release-7/example/dataset-oncology-ehrs-2024",
      declaredLevel: "NON_PUBLIC",
      regie: { importable: true, violations: [] },
    });
    expect(d!.levels).toMatchObject([{ level: "NON_PUBLIC", conforms: true, violations: [] }]);
    // the NON_PUBLIC _recommended.ttl asks for dct:source, which the example lacks: a recommendation
    expect(d!.levels[0]!.recommendations).toMatchObject([{ path: "dct:source", severity: "Warning", constraint: "MinCountConstraintComponent" }]);
    expect(report.document).toEqual([{ level: "NON_PUBLIC", violations: [] }]);
    expect((await SELF.fetch(`${BASE}/v1/datasets/${EXAMPLE_ID}`)).status).toBe(404);
  });

  it("level=all: the PUBLIC example passes its own shapes and fails the other two only on dct:accessRights", async () => {
    const report = await validate(atLevel("PUBLIC"), "text/turtle", "?level=all");
    const [d] = report.datasets;
    expect(d!.declaredLevel).toBe("PUBLIC");
    expect(d!.levels.map((l) => [l.level, l.conforms, properties(l.violations)])).toEqual([
      ["PUBLIC", true, []],
      ["RESTRICTED", false, ["dct:accessRights"]],
      ["NON_PUBLIC", false, ["dct:accessRights"]],
    ]);
    expect(report.conforms).toBe(false);
  });

  it("an explicit level holds every dataset to it", async () => {
    const report = await validate(atLevel("RESTRICTED"), "text/turtle", "?level=NON_PUBLIC");
    expect(report.datasets[0]!.levels.map((l) => [l.level, properties(l.violations)])).toEqual([["NON_PUBLIC", ["dct:accessRights"]]]);
  });

  it("each dataset of a document at its own level; a violation belongs to the dataset it is about", async () => {
    const second = OFFICIAL_EXAMPLE_TTL.replace(/^@prefix.*$/gm, "")
      .replaceAll("ex:dataset-oncology-ehrs-2024", "ex:second")
      .replace(/\n\s+dcat:keyword [^\n]*;\n/, "\n");
    const report = await validate(`${atLevel("PUBLIC")}\n${second}`);
    const byIri = new Map(report.datasets.map((d) => [d.iri.split("/").pop()!, d]));
    expect(byIri.get("dataset-oncology-ehrs-2024")!.levels).toMatchObject([{ level: "PUBLIC", conforms: true, violations: [] }]);
    // the second declares NON_PUBLIC (its copy of the access right), where dcat:keyword is mandatory
    expect(byIri.get("second")!.levels.map((l) => [l.level, l.conforms, properties(l.violations)])).toEqual([["NON_PUBLIC", false, ["dcat:keyword"]]]);
    expect(byIri.get("second")!.regie.importable).toBe(false);
    expect(report.conforms).toBe(false);
  });

  it("reads JSON-LD and RDF/XML: ckanext-dcat's RDF/XML example fails HealthDCAT-AP, naming the properties", async () => {
    const ld = await validate(toJsonLd(parseTurtle(OFFICIAL_EXAMPLE_TTL)), "application/ld+json");
    expect(ld.conforms).toBe(true);
    const xml = await validate(ckanDatasetRdf, "application/rdf+xml");
    expect(xml.conforms).toBe(false);
    const [d] = xml.datasets;
    expect(d!.iri).toBe("https://data.some.org/catalog/datasets/9df8df51-63db-37a8-e044-0003ba9b0d98");
    expect(d!.declaredLevel).toBeNull();
    expect(properties(d!.levels[0]!.violations)).toEqual(expect.arrayContaining(["healthdcatap:hdab", "healthdcatap:healthCategory", "dct:accessRights"]));
    expect(d!.regie.importable).toBe(false);
  });

  it("is documented in /openapi.json as public, with the level parameter and the report schema", async () => {
    const doc = (await (await SELF.fetch(`${BASE}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { security?: unknown[]; parameters?: { name: string }[]; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths["/v1/validate"]!.post!;
    expect(op.security ?? []).toEqual([]);
    expect(op.parameters!.map((p) => p.name)).toEqual(["level"]);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "413", "415", "429"]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["ValidationReport", "ShaclResult", "LevelVerdict"]));
  });

  it("a document without a dcat:Dataset gets the graph guard's violation", async () => {
    const report = await validate("<http://x.example/a> <http://x.example/b> <http://x.example/c> .");
    expect(report.conforms).toBe(false);
    expect(report.datasets).toEqual([]);
    const guard = { focusNode: "urn:x-shacl:guard", constraint: "SPARQLConstraintComponent", message: expect.stringContaining("at least one dcat:Dataset") };
    expect(report.document[0]!.violations).toMatchObject([guard]);
  });
});
