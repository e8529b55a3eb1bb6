// The three HealthDCAT-AP access levels: each dataset is held to its own level's official shapes, by the shapes
// themselves (rdf-validate-shacl) and by the worker's publishing validator, naming the same property.
import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { datasetsFromQuads } from "../src/rdf/from-rdf";
import { NS } from "../src/rdf/namespaces";
import { datasetToQuads } from "../src/rdf/to-rdf";
import { parseTurtle, toTurtle } from "../src/rdf/serialise";
import { validateDataset } from "../src/validation/rules";
import { canonical, exampleAt, parse, shacl, shaclRecommended, type Level } from "./helpers";

const LEVELS: Level[] = ["PUBLIC", "RESTRICTED", "NON_PUBLIC"];

function check(ttl: string) {
  const [h] = datasetsFromQuads(parseTurtle(ttl, "b0_"));
  return { h: h!, result: validateDataset(h!.value, h!.violations) };
}

const curie = (iri: string | null) => {
  if (!iri) return "";
  for (const [p, ns] of Object.entries(NS)) if (iri.startsWith(ns)) return `${p}:${iri.slice(ns.length)}`;
  return iri;
};

/** Removes the first statement line of `property` (the dataset's own; it comes first in the example). */
const without = (ttl: string, property: string) => {
  const out = ttl.replace(new RegExp(`\\n\\s+${property} [^\\n]*;\\n`), "\n");
  expect(out, `${property} removed`).not.toBe(ttl);
  return out;
};

describe.each(LEVELS)("the official example at access level %s", (level) => {
  const ttl = exampleAt(level);

  it("passes its own level's shapes and fails the others' on dct:accessRights", async () => {
    expect(await shacl(parse(ttl), level)).toEqual([]);
    for (const other of LEVELS.filter((l) => l !== level)) {
      const report = await shacl(parse(ttl), other);
      expect(report.map((r) => curie(r.path))).toEqual(["dct:accessRights"]);
    }
  });

  it("is accepted by the publishing validator, and its export passes the level's shapes and is isomorphic", async () => {
    const { h, result } = check(ttl);
    expect(result.ok ? [] : result.violations).toEqual([]);
    if (!result.ok) return;
    expect(result.value.accessRights).toBe(level);
    const stored: Dataset = { ...result.value, id: "x", iri: h.iri, publisherId: "p", revision: 1, modified: result.value.modified! };
    const out = parse(toTurtle(datasetToQuads(stored)));
    expect(await shacl(out, level)).toEqual([]);
    expect(await canonical(out)).toBe(await canonical(parse(ttl)));
  });

  /** Mandatory at every level: both validators reject the mutation, naming the property. */
  const mandatory: { name: string; ttl: string; property: string }[] = [
    { name: "no HDAB", ttl: ttl.replace("healthdcatap:hdab ex:hdab-agent ;", ""), property: "healthdcatap:hdab" },
    {
      name: "no distribution",
      ttl: ttl.replace("dcat:distribution ex:distribution-main-csv , ex:distribution-fhir-package ;", ""),
      property: "dcat:distribution",
    },
    {
      name: "no applicable legislation",
      ttl: ttl.replace("    dcatap:applicableLegislation <http://data.europa.eu/eli/reg/2022/868/oj> ;\n    dct:type", "    dct:type"),
      property: "dcatap:applicableLegislation",
    },
    { name: "no health category", ttl: without(ttl, "healthdcatap:healthCategory"), property: "healthdcatap:healthCategory" },
    { name: "no identifier", ttl: without(ttl, "dct:identifier"), property: "dct:identifier" },
    { name: "an access right outside the vocabulary", ttl: ttl.replace(`access-right/${level}> ;`, "access-right/OP_DATPRO> ;"), property: "dct:accessRights" },
  ];
  it.each(mandatory)("$name: both reject it, naming $property", async ({ ttl: mutated, property }) => {
    expect(mutated).not.toBe(ttl);
    const official = await shacl(parse(mutated), level);
    expect(official.length).toBeGreaterThan(0);
    expect(official.some((r) => curie(r.path) === property || r.message.includes(property))).toBe(true);
    const { result } = check(mutated);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.property)).toContain(property);
  });

  /** dcat:contactPoint, dcat:keyword, dct:type and dct:provenance: mandatory at NON_PUBLIC only. */
  it.each(["dcat:contactPoint", "dcat:keyword", "dct:type", "dct:provenance"])(
    `without %s: ${level === "NON_PUBLIC" ? "both reject it" : "both accept it"}`,
    async (property) => {
      const mutated = without(ttl, property);
      const official = await shacl(parse(mutated), level);
      const { result } = check(mutated);
      if (level === "NON_PUBLIC") {
        expect(official.map((r) => curie(r.path))).toContain(property);
        expect(result.ok ? [] : result.violations.map((v) => v.property)).toEqual([property]);
      } else {
        expect(official).toEqual([]);
        expect(result.ok ? [] : result.violations).toEqual([]);
      }
    },
  );

  it("reports the same recommended properties as the level's _recommended.ttl (warnings)", async () => {
    let stripped = ttl;
    for (const p of [
      "dcat:keyword",
      "dcat:contactPoint",
      "healthdcatap:healthTheme",
      "dpv:hasPurpose",
      "healthdcatap:retentionPeriod",
      "dct:language",
      "dcat:landingPage",
      "dqv:hasQualityAnnotation",
    ]) {
      stripped = without(stripped, p);
    }
    for (const doc of [ttl, stripped]) {
      const official = (await shaclRecommended(parse(doc), level))
        .filter((r) => r.severity.endsWith("Warning"))
        .map((r) => curie(r.path))
        .sort();
      const { result } = check(doc);
      const ours = result.warnings.map((w) => w.property).sort();
      expect(ours).toEqual(official);
      if (doc === stripped) expect(official).toEqual(expect.arrayContaining(["dpv:hasPurpose", "healthdcatap:healthTheme", "dqv:hasQualityAnnotation"]));
    }
  });
});
