/** Quads -> Turtle, N-Triples, JSON-LD (and back from Turtle). Pure. */
import { Parser, Store, Writer, type Quad } from "./n3";
import type * as RDF from "@rdfjs/types";
import { NS, RDF_TYPE, XSD } from "./namespaces";

/** Removes duplicate statements (graphs are sets). */
export function dedupe(quads: Quad[]): Quad[] {
  const store = new Store();
  const out: Quad[] = [];
  for (const q of quads) if (store.addQuad(q)) out.push(q);
  return out;
}

function write(quads: Quad[], options: { prefixes?: Record<string, string>; format?: string }): string {
  const writer = new Writer(options);
  for (const q of quads) writer.addQuad(q);
  let result = "";
  writer.end((err, text) => {
    if (err) throw err;
    result = text;
  });
  return result;
}

export function toNTriples(quads: Quad[]): string {
  return write(quads, { format: "N-Triples" });
}

/** N-Quads, graphs kept (a pushed harvest's chunks, src/harvest-push/chunks.ts). */
export function toNQuads(quads: Quad[]): string {
  return write(quads, { format: "N-Quads" });
}

export function toTurtle(quads: Quad[]): string {
  return write(dedupe(quads), { prefixes: { ...NS } });
}

export function parseTurtle(text: string, blankNodePrefix = ""): Quad[] {
  return new Parser({ format: "text/turtle", blankNodePrefix }).parse(text);
}

type JsonLdNode = Record<string, unknown> & { "@id": string };

function compact(iri: string): string {
  for (const [prefix, ns] of Object.entries(NS)) {
    if (iri.startsWith(ns) && /^[A-Za-z_][\w.-]*$/.test(iri.slice(ns.length))) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iri;
}

function termId(t: RDF.Term): string {
  return t.termType === "BlankNode" ? `_:${t.value}` : t.value;
}

/**
 * JSON-LD as a flattened `@graph` whose context only declares the prefixes, so that any JSON-LD processor
 * reads exactly the same statements as the Turtle (no term definitions to interpret).
 */
export function toJsonLdObject(quads: Quad[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const nodes = new Map<string, JsonLdNode>();
  for (const q of dedupe(quads)) {
    const id = termId(q.subject);
    let node = nodes.get(id);
    if (!node) nodes.set(id, (node = { "@id": id }));
    if (q.predicate.value === RDF_TYPE && q.object.termType === "NamedNode") {
      ((node["@type"] ??= []) as string[]).push(compact(q.object.value));
      continue;
    }
    const key = compact(q.predicate.value);
    const o = q.object;
    let value: unknown;
    if (o.termType === "Literal") {
      const lit = o as RDF.Literal;
      value = lit.language
        ? { "@value": lit.value, "@language": lit.language }
        : lit.datatype.value === XSD.string
          ? { "@value": lit.value }
          : { "@value": lit.value, "@type": compact(lit.datatype.value) };
    } else value = { "@id": termId(o) };
    ((node[key] ??= []) as unknown[]).push(value);
  }
  return { "@context": { ...NS }, ...extra, "@graph": [...nodes.values()] };
}

export function toJsonLd(quads: Quad[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(toJsonLdObject(quads, extra), null, 2);
}
