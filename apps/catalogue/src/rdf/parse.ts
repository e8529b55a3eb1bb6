/**
 * Parses a harvested document (Turtle, JSON-LD or RDF/XML) into quads. JSON-LD goes through jsonld.js with a document
 * loader that only knows the DCAT-AP 3 context bundled here: remote contexts are never fetched (no SSRF).
 */
import jsonld from "jsonld/dist/jsonld.esm.min.js";
import dcatApContext from "./dcat-ap-context.json";
import { Parser, type Quad } from "./n3";
import { parseRdfXmlDocument } from "./parse-rdfxml";

export class RdfSyntaxError extends Error {}

const KNOWN_CONTEXTS = [
  "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld",
  "https://semiceu.github.io/DCAT-AP/releases/3.0.0/context/dcat-ap.jsonld",
  "http://data.europa.eu/r5r/context/dcat-ap.jsonld",
];

async function documentLoader(url: string) {
  if (KNOWN_CONTEXTS.includes(url)) return { document: dcatApContext, documentUrl: url, contextUrl: null };
  throw new RdfSyntaxError(`remote JSON-LD contexts are not loaded (${url.slice(0, 200)}); inline the context or use the DCAT-AP 3 context`);
}

const MAX_JSON_DEPTH = 64;

/** Nesting depth of a parsed JSON value (iterative, so hostile nesting cannot exhaust the stack). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    max = Math.max(max, d);
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

export const RDF_INPUT_TYPES = ["text/turtle", "application/ld+json", "application/rdf+xml"] as const;
export type RdfMediaType = (typeof RDF_INPUT_TYPES)[number];
export const isRdfInputType = (t: string | undefined): t is RdfMediaType => (RDF_INPUT_TYPES as readonly (string | undefined)[]).includes(t);

export async function parseDocument(body: string, mediaType: RdfMediaType, blankNodePrefix: string): Promise<Quad[]> {
  if (mediaType === "text/turtle") {
    try {
      return new Parser({ format: "text/turtle", blankNodePrefix }).parse(body);
    } catch (e) {
      throw new RdfSyntaxError(`the Turtle document is not valid: ${(e as Error).message.slice(0, 300)}`);
    }
  }
  if (mediaType === "application/rdf+xml") {
    try {
      return await parseRdfXmlDocument(body, blankNodePrefix);
    } catch (e) {
      throw new RdfSyntaxError(`the RDF/XML document is not valid: ${(e as Error).message.slice(0, 300)}`);
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new RdfSyntaxError("the JSON-LD document is not valid JSON");
  }
  if (depthOf(doc) > MAX_JSON_DEPTH) throw new RdfSyntaxError(`the JSON-LD document is nested deeper than ${MAX_JSON_DEPTH} levels`);
  let nquads: string;
  try {
    nquads = (await jsonld.toRDF(doc, { format: "application/n-quads", documentLoader })) as string;
  } catch (e) {
    if (e instanceof RdfSyntaxError) throw e;
    const cause = (e as { details?: { cause?: unknown } }).details?.cause;
    if (cause instanceof RdfSyntaxError) throw cause;
    throw new RdfSyntaxError(`the JSON-LD document could not be read: ${(e as Error).message.slice(0, 300)}`);
  }
  try {
    return new Parser({ format: "N-Quads", blankNodePrefix }).parse(nquads);
  } catch (e) {
    throw new RdfSyntaxError(`the JSON-LD document could not be read: ${(e as Error).message.slice(0, 300)}`);
  }
}
