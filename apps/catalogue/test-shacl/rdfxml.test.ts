// RDF/XML out: parsed with rdfxml-streaming-parser (a standard RDF/XML parser), the output is the same graph as the
// Turtle output (RDFC-1.0), and validates against the official shapes.
import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { catalogQuads } from "../src/dcat/catalog";
import { withdrawnQuads } from "../src/dcat/withdrawn";
import { datasetsFromQuads } from "../src/rdf/from-rdf";
import { toRdfXml } from "../src/rdf/rdfxml";
import { parseTurtle, toTurtle } from "../src/rdf/serialise";
import { datasetToQuads } from "../src/rdf/to-rdf";
import { validateDataset } from "../src/validation/rules";
import { canonical, exampleAt, fromRdfXml, parse, shacl } from "./helpers";

function stored(level: "PUBLIC" | "RESTRICTED" | "NON_PUBLIC"): Dataset {
  const [h] = datasetsFromQuads(parseTurtle(exampleAt(level), "b_"));
  const r = validateDataset(h!.value, h!.violations);
  if (!r.ok) throw new Error("example does not validate");
  return { ...r.value, id: `ex-${level}`, iri: h!.iri, publisherId: "iknl", revision: 1, modified: r.value.modified! };
}

describe("RDF/XML output", () => {
  it.each(["PUBLIC", "RESTRICTED", "NON_PUBLIC"] as const)("the official example at %s: same graph as the Turtle, valid at its level", async (level) => {
    const quads = datasetToQuads(stored(level));
    const viaXml = await fromRdfXml(toRdfXml(quads));
    expect(await canonical(viaXml)).toBe(await canonical(parse(toTurtle(quads))));
    expect(await shacl(viaXml, level)).toEqual([]);
  });

  it("a catalogue page with Hydra paging, withdrawals and awkward literals: same graph as the Turtle", async () => {
    const awkward = {
      ...stored("NON_PUBLIC"),
      id: "awkward",
      iri: "https://data.regie.nl/dataset/a?b=1&c=2",
      title: { nl: 'Tekst met <tags> & "aanhalingstekens"', en: "  spaces\nand a new line  " },
    };
    const quads = [
      ...catalogQuads({
        datasets: [stored("NON_PUBLIC"), awkward],
        total: 30,
        page: 2,
        pageSize: 2,
        pageUrl: (p) => `https://data.regie.nl/catalog.rdf?page=${p}&x=1`,
      }),
      ...withdrawnQuads([{ id: "gone", iri: "https://data.regie.nl/dataset/gone", deletedAt: "2026-12-01T10:00:00Z", publisherId: "rivm" }]),
    ];
    const viaXml = await fromRdfXml(toRdfXml(quads));
    expect(viaXml.length).toBeGreaterThan(100);
    expect(await canonical(viaXml)).toBe(await canonical(parse(toTurtle(quads))));
  });
});
