import { describe, expect, it } from "vitest";
import jsonld from "jsonld";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { catalogQuads } from "../src/dcat/catalog";
import { datasetIri, slug } from "../src/dcat/identity";
import { generateDataset } from "../src/generator/generate";
import { datasetsFromQuads } from "../src/rdf/from-rdf";
import { datasetToQuads } from "../src/rdf/to-rdf";
import { parseTurtle, toJsonLd, toTurtle } from "../src/rdf/serialise";
import { validateDataset } from "../src/validation/rules";
import { EXAMPLE_TTL, canonical, parse, shacl } from "./helpers";

function generated(n: number): Dataset[] {
  return Array.from({ length: n }, (_, i) => {
    const { publisherId, ...input } = generateDataset(7, i);
    const result = validateDataset(input);
    if (!result.ok) throw new Error(`generated dataset ${i} does not validate: ${JSON.stringify(result.violations)}`);
    const id = slug(input.identifier);
    return { ...result.value, id, iri: datasetIri(id), publisherId, revision: 1, modified: input.modified! };
  });
}

function example(): Dataset {
  const [h] = datasetsFromQuads(parseTurtle(EXAMPLE_TTL, "b_"));
  const r = validateDataset(h!.value, h!.violations);
  if (!r.ok) throw new Error("example does not validate");
  return { ...r.value, id: "example", iri: h!.iri, publisherId: "iknl", revision: 1, modified: r.value.modified! };
}

async function fromJsonLd(text: string) {
  const nquads = (await jsonld.toRDF(JSON.parse(text), { format: "application/n-quads" })) as string;
  return parse(nquads);
}

describe("exported Turtle and JSON-LD validate against the official shapes", () => {
  it("every generated dataset (Turtle) has 0 violations", async () => {
    const all = generated(40);
    for (const ds of all) expect(await shacl(parse(toTurtle(datasetToQuads(ds)))), ds.id).toEqual([]);
  });

  it("a whole catalogue page (example + generated, with Hydra paging) has 0 violations in Turtle and JSON-LD, and both say the same", async () => {
    const quads = catalogQuads({
      datasets: [example(), ...generated(25)],
      total: 26,
      page: 1,
      pageSize: 100,
      pageUrl: (p) => `https://data.regie.nl/catalog.ttl?page=${p}`,
    });
    const ttl = parse(toTurtle(quads));
    expect(await shacl(ttl)).toEqual([]);
    const ld = await fromJsonLd(toJsonLd(quads));
    expect(await shacl(ld)).toEqual([]);
    expect(await canonical(ld)).toBe(await canonical(ttl));
  });

  it("the official example exported as JSON-LD is isomorphic to the official Turtle", async () => {
    const ld = await fromJsonLd(toJsonLd(datasetToQuads(example())));
    expect(await canonical(ld)).toBe(await canonical(parse(EXAMPLE_TTL)));
  });

  it("the validator catches what the shapes catch on generated data (a dataset without distributions)", async () => {
    const [ds] = generated(1);
    const broken = { ...ds!, distribution: [] };
    expect((await shacl(parse(toTurtle(datasetToQuads(broken))))).some((r) => r.path === "http://www.w3.org/ns/dcat#distribution")).toBe(true);
    const r = validateDataset(broken);
    expect(r.ok ? [] : r.violations.map((v) => v.property)).toContain("dcat:distribution");
  });
});
