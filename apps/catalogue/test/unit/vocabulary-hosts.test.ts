import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../../src/generator/official-example";
import { datasetsFromQuads } from "../../src/rdf/from-rdf";
import { parseTurtle, toTurtle } from "../../src/rdf/serialise";
import { datasetToQuads } from "../../src/rdf/to-rdf";
import { validateDataset } from "../../src/validation/rules";

describe("vocabulary IRIs from older hosts", () => {
  it("are normalised to the canonical host on harvest and exported canonically", () => {
    const old = OFFICIAL_EXAMPLE_TTL.replace(
      "<https://hdeu-dcat.data.health.europa.eu/resource/authority/healthcategories/EHRS>",
      "<http://13.81.34.152:1101/resource/authority/healthcategories/EHRS>",
    ).replace("<http://publications.europa.eu/resource/authority/data-theme/HEAL>", "<https://publications.europa.eu/resource/authority/data-theme/HEAL>");
    expect(old).toContain("13.81.34.152");
    const [h] = datasetsFromQuads(parseTurtle(old));
    const r = validateDataset(h!.value, h!.violations);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.healthCategory).toEqual(["EHRS"]);
    expect(r.value.theme).toEqual(["HEAL"]);
    const ttl = toTurtle(datasetToQuads({ ...r.value, id: "x", iri: h!.iri, publisherId: "p", revision: 1, modified: r.value.modified! } as Dataset));
    expect(ttl).toContain("<https://hdeu-dcat.data.health.europa.eu/resource/authority/healthcategories/EHRS>");
    expect(ttl).not.toContain("13.81.34.152");
  });

  it("an unknown health category is a violation naming the property", () => {
    const bad = OFFICIAL_EXAMPLE_TTL.replace("healthcategories/EHRS>", "healthcategories/NOPE>");
    const [h] = datasetsFromQuads(parseTurtle(bad));
    const r = validateDataset(h!.value, h!.violations);
    expect(r.ok ? [] : r.violations.map((v) => v.property)).toContain("healthdcatap:healthCategory");
  });
});
