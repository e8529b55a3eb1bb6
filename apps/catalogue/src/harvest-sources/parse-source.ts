/** A harvest source's document -> quads, by its content type (Turtle, JSON-LD, RDF/XML). */
import { isRdfInputType, parseDocument, RdfSyntaxError } from "../rdf/parse";
import type { Quad } from "../rdf/n3";
import { SourceError } from "./fetch";

/** What a source is asked for, best first. */
export const RDF_ACCEPT = "text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.8";

/** Content types sources answer that mean one of the three (RDF/XML is often served as generic XML). */
const ALIASES: Record<string, string> = {
  "application/json": "application/ld+json",
  "application/xml": "application/rdf+xml",
  "text/xml": "application/rdf+xml",
};

export async function parseSourceDocument(body: string, contentType: string, blankNodePrefix: string): Promise<Quad[]> {
  const type = ALIASES[contentType] ?? contentType;
  try {
    if (isRdfInputType(type)) return await parseDocument(body, type, blankNodePrefix);
  } catch (e) {
    if (e instanceof RdfSyntaxError) throw new SourceError(e.message);
    throw e;
  }
  throw new SourceError(`the source answered ${contentType || "no content type"}; expected Turtle, JSON-LD or RDF/XML`);
}
