/**
 * RDF/XML -> quads with rdfxml-streaming-parser (a standard RDF/XML parser over the saxes XML parser), fed the whole
 * document in one write: the document is already in memory (the 8 MiB request body limit, the 4 MiB cap of a
 * pulled source), so nothing is gained by streaming it. saxes does not expand DTD entities, so an "entity bomb"
 * fails as an undefined entity instead of growing in memory.
 *
 * Blank node labels get `blankNodePrefix`, as the Turtle and JSON-LD readers do, so that blank nodes of two
 * documents never merge.
 */
import { RdfXmlParser } from "rdfxml-streaming-parser";
import type * as RDF from "@rdfjs/types";
import { DataFactory, type Quad } from "./n3";

const { blankNode, quad } = DataFactory;

function prefixed(term: RDF.Term, prefix: string): RDF.Term {
  return term.termType === "BlankNode" ? blankNode(prefix + term.value) : term;
}

/** Parses an RDF/XML document; rejects with the parser's message (line and column) when it is not RDF/XML. */
export function parseRdfXmlDocument(body: string, blankNodePrefix: string, baseIRI?: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const out: Quad[] = [];
    let failed = false;
    const parser = new RdfXmlParser({ baseIRI, trackPosition: true });
    parser.on("data", (q: RDF.Quad) => {
      out.push(quad(prefixed(q.subject, blankNodePrefix) as RDF.Quad_Subject, q.predicate, prefixed(q.object, blankNodePrefix) as RDF.Quad_Object));
    });
    parser.on("error", (e: Error) => {
      failed = true;
      reject(e);
    });
    parser.on("end", () => {
      if (!failed) resolve(out);
    });
    try {
      parser.write(body);
      parser.end();
    } catch (e) {
      failed = true;
      reject(e as Error);
    }
  });
}
