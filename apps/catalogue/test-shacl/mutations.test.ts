import { describe, expect, it } from "vitest";
import { datasetsFromQuads } from "../src/rdf/from-rdf";
import { expand } from "../src/rdf/namespaces";
import { parseTurtle } from "../src/rdf/serialise";
import { validateDataset } from "../src/validation/rules";
import { EXAMPLE_TTL, parse, shacl } from "./helpers";

/**
 * Each mutation of the official example (a replacement in its Turtle), and the property that both validators must name;
 * the official report points at that property, or at `reportedOn` (the sh:or of hasStructuredData reports on it).
 */
const MUTATIONS: { name: string; replace: [string | RegExp, string]; property: string; reportedOn?: string }[] = [
  { name: "no HDAB", replace: ["healthdcatap:hdab ex:hdab-agent ;", ""], property: "healthdcatap:hdab" },
  { name: "two HDABs", replace: ["healthdcatap:hdab ex:hdab-agent ;", "healthdcatap:hdab ex:hdab-agent, ex:custodian-agent ;"], property: "healthdcatap:hdab" },
  {
    name: "access rights outside the access-right vocabulary",
    replace: [
      "dct:accessRights <http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC>",
      "dct:accessRights <http://publications.europa.eu/resource/authority/access-right/OP_DATPRO>",
    ],
    property: "dct:accessRights",
  },
  {
    name: "hasStructuredData true without variables",
    replace: ["healthdcatap:hasVariables ex:variables-group ;", ""],
    property: "healthdcatap:hasVariables",
    reportedOn: "healthdcatap:hasStructuredData",
  },
  { name: "no HEAL theme", replace: ["dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> ;", ""], property: "dcat:theme" },
  {
    name: "an age as xsd:integer",
    replace: ['healthdcatap:minTypicalAge "18"^^xsd:nonNegativeInteger', 'healthdcatap:minTypicalAge "18"^^xsd:integer'],
    property: "healthdcatap:minTypicalAge",
  },
  {
    name: "a distribution without applicable legislation",
    replace: [
      /(ex:distribution-main-csv\s+a dcat:Distribution ;[\s\S]*?)dcatap:applicableLegislation <http:\/\/data.europa.eu\/eli\/reg\/2022\/868\/oj> ;/,
      "$1",
    ],
    property: "dcatap:applicableLegislation",
  },
];

describe("the publishing validator agrees with the official shapes", () => {
  it.each(MUTATIONS)("$name: both reject it, naming $property", async ({ replace: [from, to], property, reportedOn = property }) => {
    const ttl = EXAMPLE_TTL.replace(from, to);
    const iri = expand(reportedOn);
    expect(ttl).not.toBe(EXAMPLE_TTL);
    const official = await shacl(parse(ttl));
    expect(official.length).toBeGreaterThan(0);
    // the official report points at the property (the sh:or of hasStructuredData reports on hasStructuredData)
    expect(official.some((r) => r.path === iri || r.message.includes(property))).toBe(true);

    const [h] = datasetsFromQuads(parseTurtle(ttl));
    const result = validateDataset(h!.value, h!.violations);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.property)).toContain(property);
  });

  it("replacing HEAL by another theme passes the official shapes but not Regie's stricter health rule", async () => {
    const ttl = EXAMPLE_TTL.replace("data-theme/HEAL>", "data-theme/SOCI>");
    expect(await shacl(parse(ttl))).toEqual([]);
    const [h] = datasetsFromQuads(parseTurtle(ttl));
    const result = validateDataset(h!.value, h!.violations);
    expect(result.ok ? [] : result.violations.map((v) => v.property)).toEqual(["dcat:theme"]);
  });
});
