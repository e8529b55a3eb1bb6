import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { datasetsFromQuads } from "../src/rdf/from-rdf";
import { datasetToQuads } from "../src/rdf/to-rdf";
import { parseTurtle, toTurtle } from "../src/rdf/serialise";
import { validateDataset } from "../src/validation/rules";
import { EXAMPLE_TTL, canonical, parse, shacl } from "./helpers";

function harvest(ttl: string) {
  const [h] = datasetsFromQuads(parseTurtle(ttl, "b0_"));
  return { h, result: validateDataset(h!.value, h!.violations) };
}

describe("official HealthDCAT-AP example", () => {
  it("passes the official shapes as published", async () => {
    expect(await shacl(parse(EXAMPLE_TTL))).toEqual([]);
  });

  it("is imported and exported isomorphically, and the export validates", async () => {
    const { h, result } = harvest(EXAMPLE_TTL);
    expect(result.ok ? [] : result.violations).toEqual([]);
    if (!result.ok) return;
    const stored: Dataset = { ...result.value, id: "x", iri: h!.iri, publisherId: "p", revision: 1, modified: result.value.modified! };
    const ttl = toTurtle(datasetToQuads(stored));
    const out = parse(ttl);
    expect(await shacl(out)).toEqual([]);
    expect(await canonical(out)).toBe(await canonical(parse(EXAMPLE_TTL)));
  });
});
