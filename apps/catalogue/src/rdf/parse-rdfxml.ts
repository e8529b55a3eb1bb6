/**
 * RDF/XML -> quads with rdfxml-streaming-parser (a standard RDF/XML parser over the saxes XML parser), fed the whole
 * document in one write: the document is already in memory (the 8 MiB request body limit, the 4 MiB cap of a
 * pulled source), so nothing is gained by streaming it.
 *
 * Internal DTD entities (`<!ENTITY dcat "http://www.w3.org/ns/dcat#">`, an RDF/XML idiom for namespaces) are
 * expanded by the parser, but not recursively; so the only blow-up is quadratic (one long value referenced many
 * times), and the document is refused before parsing when its entities would expand to more than
 * MAX_ENTITY_EXPANSION characters.
 *
 * Blank node labels get `blankNodePrefix`, as the Turtle and JSON-LD readers do, so that blank nodes of two
 * documents never merge.
 */
import { RdfXmlParser } from "rdfxml-streaming-parser";
import type * as RDF from "@rdfjs/types";
import { DataFactory, type Quad } from "./n3";

const { blankNode, quad } = DataFactory;

/** Characters internal entities may add in all (1 MB: far above namespace abbreviations, far below 128 MB). */
export const MAX_ENTITY_EXPANSION = 1_000_000;

/** The declarations as rdfxml-streaming-parser reads them (`<!ENTITY name "value">`), and their uses. */
function entityExpansion(body: string): number {
  let total = 0;
  for (const m of body.matchAll(/<!ENTITY\s+(\S+)\s+["']([^"']+)["']\s*>/gu)) {
    total += m[2]!.length * (body.split(`&${m[1]};`).length - 1);
    if (total > MAX_ENTITY_EXPANSION) break;
  }
  return total;
}

function prefixed(term: RDF.Term, prefix: string): RDF.Term {
  return term.termType === "BlankNode" ? blankNode(prefix + term.value) : term;
}

/** Parses an RDF/XML document; rejects with the parser's message (line and column) when it is not RDF/XML. */
export function parseRdfXmlDocument(body: string, blankNodePrefix: string, baseIRI?: string): Promise<Quad[]> {
  if (entityExpansion(body) > MAX_ENTITY_EXPANSION) {
    return Promise.reject(new Error(`its DTD entities would expand to more than ${MAX_ENTITY_EXPANSION} characters`));
  }
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
