import { describe, expect, it } from "vitest";
import { datasetsFromQuads } from "../src/rdf/from-rdf";
import { parseTurtle } from "../src/rdf/serialise";
import { validateDataset } from "../src/validation/rules";
import { EXAMPLE_TTL, parse, shacl } from "./helpers";

const H = "http://healthdataportal.eu/ns/health#";
const DCAT = "http://www.w3.org/ns/dcat#";
const R5R = "http://data.europa.eu/r5r/";
const DCT = "http://purl.org/dc/terms/";

/** Each mutation of the official example, and the property that both validators must name. */
const MUTATIONS: { name: string; ttl: string; property: string; iri: string }[] = [
  { name: "no HDAB", ttl: EXAMPLE_TTL.replace("healthdcatap:hdab ex:hdab-agent ;", ""), property: "healthdcatap:hdab", iri: `${H}hdab` },
  {
    name: "two HDABs",
    ttl: EXAMPLE_TTL.replace("healthdcatap:hdab ex:hdab-agent ;", "healthdcatap:hdab ex:hdab-agent, ex:custodian-agent ;"),
    property: "healthdcatap:hdab",
    iri: `${H}hdab`,
  },
  {
    name: "access rights outside the access-right vocabulary",
    ttl: EXAMPLE_TTL.replace(
      "dct:accessRights <http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC>",
      "dct:accessRights <http://publications.europa.eu/resource/authority/access-right/OP_DATPRO>",
    ),
    property: "dct:accessRights",
    iri: `${DCT}accessRights`,
  },
  {
    name: "hasStructuredData true without variables",
    ttl: EXAMPLE_TTL.replace("healthdcatap:hasVariables ex:variables-group ;", ""),
    property: "healthdcatap:hasVariables",
    iri: `${H}hasStructuredData`,
  },
  {
    name: "no HEAL theme",
    ttl: EXAMPLE_TTL.replace("dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> ;", ""),
    property: "dcat:theme",
    iri: `${DCAT}theme`,
  },
  {
    name: "an age as xsd:integer",
    ttl: EXAMPLE_TTL.replace('healthdcatap:minTypicalAge "18"^^xsd:nonNegativeInteger', 'healthdcatap:minTypicalAge "18"^^xsd:integer'),
    property: "healthdcatap:minTypicalAge",
    iri: `${H}minTypicalAge`,
  },
  {
    name: "a distribution without applicable legislation",
    ttl: EXAMPLE_TTL.replace(
      /(ex:distribution-main-csv\s+a dcat:Distribution ;[\s\S]*?)dcatap:applicableLegislation <http:\/\/data.europa.eu\/eli\/reg\/2022\/868\/oj> ;/,
      "$1",
    ),
    property: "dcatap:applicableLegislation",
    iri: `${R5R}applicableLegislation`,
  },
];

describe("the publishing validator agrees with the official shapes", () => {
  it.each(MUTATIONS)("$name: both reject it, naming $property", async ({ ttl, property, iri }) => {
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
