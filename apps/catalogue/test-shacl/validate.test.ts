// POST /v1/validate gives the official shapes' verdict: each document below goes through the official shapes
// (rdf-validate-shacl over the files in standards/, parsed here with n3 and rdfxml-streaming-parser) and through
// Regie's validate logic (the worker's parser and src/validation/document.ts), at each access level; both must
// agree on conformance and on every result (focus node, path, severity, message).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ShaclResult, ValidationReport } from "@regie/shared/contracts/catalogue";
import { parseDocument, type RdfMediaType } from "../src/rdf/parse";
import { curie, validateDocument } from "../src/validation/document";
import { SHAPE_FILES, GRAPH_GUARD_TTL } from "../src/validation/shapes";
import { EXAMPLE_TTL, exampleAt, parse, parseRdf, readStandard, shacl, shaclRecommended, type Level, type ShaclResult as Official } from "./helpers";

const LEVELS: Level[] = ["PUBLIC", "RESTRICTED", "NON_PUBLIC"];
const fixture = (rel: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${rel}`, import.meta.url)), "utf8");

/** [name, document, media type, the verdict at its declared level (also checked against the official one)] */
const DOCUMENTS: [string, string, RdfMediaType, boolean][] = [
  ["the official example (NON_PUBLIC)", EXAMPLE_TTL, "text/turtle", true],
  ["the official example at PUBLIC", exampleAt("PUBLIC"), "text/turtle", true],
  ["the official example at RESTRICTED", exampleAt("RESTRICTED"), "text/turtle", true],
  ["PUBLIC without an HDAB", exampleAt("PUBLIC").replace("healthdcatap:hdab ex:hdab-agent ;", ""), "text/turtle", false],
  [
    "RESTRICTED without a distribution",
    exampleAt("RESTRICTED").replace("dcat:distribution ex:distribution-main-csv , ex:distribution-fhir-package ;", ""),
    "text/turtle",
    false,
  ],
  ["NON_PUBLIC without a keyword", EXAMPLE_TTL.replace(/\n\s+dcat:keyword [^\n]*;\n/, "\n"), "text/turtle", false],
  ["PUBLIC without a keyword (recommended there only)", exampleAt("PUBLIC").replace(/\n\s+dcat:keyword [^\n]*;\n/, "\n"), "text/turtle", true],
  ["NON_PUBLIC with an age as xsd:integer", EXAMPLE_TTL.replace('"18"^^xsd:nonNegativeInteger', '"18"^^xsd:integer'), "text/turtle", false],
  ["ckanext-dcat dataset.rdf (RDF/XML)", fixture("ckanext-dcat/dataset.rdf"), "application/rdf+xml", false],
  ["ckanext-dcat catalog.rdf (RDF/XML)", fixture("ckanext-dcat/catalog.rdf"), "application/rdf+xml", false],
  ["ckanext-dcat dataset_health.ttl (HealthDCAT-AP)", fixture("ckanext-dcat/dataset_health.ttl"), "text/turtle", false],
  ["ckanext-dcat dataset_health_no_blank.ttl", fixture("ckanext-dcat/dataset_health_no_blank.ttl"), "text/turtle", false],
  ["Health-RI example-dataset.ttl", fixture("health-ri/example-dataset.ttl"), "text/turtle", false],
  ["Health-RI example-catalog.ttl", fixture("health-ri/example-catalog.ttl"), "text/turtle", false],
  ["Health-RI example-dataset-bad.ttl", fixture("health-ri/example-dataset-bad.ttl"), "text/turtle", false],
  ["Health-RI dataset-iso8601.ttl", fixture("health-ri/dataset-iso8601.ttl"), "text/turtle", false],
  ["Health-RI dataset-nodescription.ttl", fixture("health-ri/dataset-nodescription.ttl"), "text/turtle", false],
];

const node = (v: string) => (v.startsWith("_:") || /^(n3-|df_|b\d)/.test(v) ? "_:" : v);
/** Complex paths: the official helper gives the shape's blank node, Regie the path in SPARQL syntax. */
const officialPath = (p: string | null) => (!p ? "" : /^[a-z][a-z0-9+.-]*:/i.test(p) ? curie(p) : "(complex)");
const oursPath = (p: string | null) => (!p ? "" : /[|^()*+?]/.test(p) || (p.includes("/") && !/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) ? "(complex)" : p);
const officialKey = (r: Official) => `${node(r.focus)}|${officialPath(r.path)}|${r.severity.replace("http://www.w3.org/ns/shacl#", "")}|${r.message}`;
const oursKey = (r: ShaclResult) => `${node(r.focusNode)}|${oursPath(r.path)}|${r.severity}|${r.message}`;
const keys = (xs: string[]) => [...new Set(xs)].sort();

async function official(doc: string, type: RdfMediaType, level: Level) {
  const quads = await parseRdf(doc, type);
  return { violations: await shacl(quads, level), recommended: await shaclRecommended(quads, level) };
}

async function ours(doc: string, type: RdfMediaType, level?: Level): Promise<ValidationReport> {
  return validateDocument(await parseDocument(doc, type, "v_"), { level }, "v_");
}

const atLevel = (r: ValidationReport, level: Level) => ({
  violations: [
    ...r.datasets.flatMap((d) => d.levels.filter((l) => l.level === level).flatMap((l) => l.violations)),
    ...r.document.filter((d) => d.level === level).flatMap((d) => d.violations),
  ],
  recommendations: r.datasets.flatMap((d) => d.levels.filter((l) => l.level === level).flatMap((l) => l.recommendations)),
});

describe("POST /v1/validate agrees with the official shapes", () => {
  it("has at least ten documents, from the standard, ckanext-dcat and Health-RI", () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(10);
    expect(DOCUMENTS.filter(([n]) => n.startsWith("ckanext-dcat")).length).toBeGreaterThanOrEqual(3);
    expect(DOCUMENTS.filter(([n]) => n.startsWith("Health-RI")).length).toBeGreaterThanOrEqual(3);
  });

  it.each(DOCUMENTS)("%s: the same results at every level", async (_name, doc, type) => {
    const report = await ours(doc, type, undefined);
    for (const level of LEVELS) {
      const theirs = await official(doc, type, level);
      const mine = atLevel(await ours(doc, type, level), level);
      expect(keys(mine.violations.map(oursKey)), `violations at ${level}`).toEqual(keys(theirs.violations.map(officialKey)));
      const officialWarnings = theirs.recommended.filter((r) => r.severity.endsWith("Warning")).map(officialKey);
      expect(keys(mine.recommendations.map(oursKey)), `recommendations at ${level}`).toEqual(keys(officialWarnings));
      const officialConforms = !theirs.violations.some((r) => r.severity.endsWith("Violation"));
      const mineConforms = !mine.violations.some((r) => r.severity === "Violation");
      expect(mineConforms, `verdict at ${level}`).toBe(officialConforms);
    }
    expect(report.triples).toBeGreaterThan(0);
  });

  it.each(DOCUMENTS)("%s: the verdict at the declared level", async (_name, doc, type, conforms) => {
    const report = await ours(doc, type, undefined);
    expect(report.conforms).toBe(conforms);
    for (const d of report.datasets) {
      expect(d.levels.map((l) => l.level)).toEqual([d.declaredLevel ?? "NON_PUBLIC"]);
      const level = d.levels[0]!.level;
      const theirs = await official(doc, type, level);
      const focusOfDataset = theirs.violations.filter((r) => r.focus === d.iri && r.severity.endsWith("Violation"));
      // a result on the dataset node itself is the dataset's (results on nested nodes are checked above, per level)
      if (focusOfDataset.length) expect(d.levels[0]!.conforms).toBe(false);
    }
  });

  it("ckanext-dcat dataset.ttl is not Turtle (an undefined prefix): the official parser and Regie's both refuse it", async () => {
    const doc = fixture("ckanext-dcat/dataset.ttl");
    expect(() => parse(doc)).toThrow(/Undefined prefix "healthdcatap:"/);
    await expect(parseDocument(doc, "text/turtle", "v_")).rejects.toThrow(/the Turtle document is not valid: Undefined prefix "healthdcatap:"/);
  });

  it("a complex path is reported in SPARQL syntax, never as a label of the shapes graph", async () => {
    const report = await ours(fixture("health-ri/example-dataset-bad.ttl"), "text/turtle", "PUBLIC");
    const paths = report.datasets.flatMap((d) => d.levels.flatMap((l) => l.violations.map((v) => v.path)));
    expect(paths).toContain("vcard:hasURL|vcard:hasEmail");
    expect(paths.filter((p) => p && /^_:|n3-/.test(p))).toEqual([]);
  });

  it("the bundled shapes are the files in standards/", () => {
    const files: Record<Level, string> = { PUBLIC: "public-shapes", RESTRICTED: "restricted-shapes", NON_PUBLIC: "non-public-shapes" };
    for (const level of LEVELS) {
      expect(SHAPE_FILES[level].mandatory).toEqual([readStandard(`healthdcat-ap-r8/${files[level]}.ttl`), readStandard("dcat-ap-3.0.1/shapes.ttl")]);
      expect(SHAPE_FILES[level].recommended).toEqual([readStandard(`healthdcat-ap-r8/${files[level]}_recommended.ttl`)]);
    }
    expect(GRAPH_GUARD_TTL).toBe(readStandard("healthdcat-ap-r8/graph-guard.ttl"));
  });
});
