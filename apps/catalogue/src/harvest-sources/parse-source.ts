/** A harvest source's document -> quads, by its content type (Turtle, JSON-LD). */
import { parseDocument, RdfSyntaxError } from "../rdf/parse";
import type { Quad } from "../rdf/n3";
import { SourceError } from "./fetch";

/** What a source is asked for, best first. */
export const RDF_ACCEPT = "text/turtle, application/ld+json;q=0.9";

export async function parseSourceDocument(body: string, contentType: string, blankNodePrefix: string): Promise<Quad[]> {
  const type = contentType === "application/json" ? "application/ld+json" : contentType;
  try {
    if (type === "text/turtle" || type === "application/ld+json") return await parseDocument(body, type, blankNodePrefix);
  } catch (e) {
    if (e instanceof RdfSyntaxError) throw new SourceError(e.message);
    throw e;
  }
  throw new SourceError(`the source answered ${contentType || "no content type"}; expected Turtle or JSON-LD (RDF/XML input is not supported yet)`);
}
