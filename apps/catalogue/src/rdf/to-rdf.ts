/** JSON -> RDF: a dataset as quads, driven by the mapping table in ./model. Pure. */
import { DataFactory, Parser, type Quad } from "./n3";
import type * as RDF from "@rdfjs/types";
import { iriOf } from "@regie/shared/contracts/catalogue";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { DATASET, type Field, type NodeSpec } from "./model";
import { expand, RDF_TYPE, XSD } from "./namespaces";

const { namedNode, blankNode, literal, quad } = DataFactory;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const FREQUENCY_CLASS = expand("dct:Frequency");
const CV_FREQUENCY = expand("cv:frequency");

/**
 * The RDF term of a node: its IRI, its kept blank node label, or a blank node labelled by its place in the
 * dataset (so the same dataset always exports byte for byte the same).
 */
export function nodeTerm(ref: string | undefined, label?: string): RDF.NamedNode | RDF.BlankNode {
  if (!ref) return label ? blankNode(label.replace(/[^A-Za-z0-9_-]/g, "_")) : blankNode();
  if (ref.startsWith("_:")) return blankNode(ref.slice(2));
  return namedNode(ref);
}

function valueTerms(field: Field, value: unknown, out: Quad[], label: string): RDF.Quad_Object[] {
  const kind = field.kind;
  switch (kind.k) {
    case "lit":
      return [literal(String(value))];
    case "lang":
      return Object.entries(value as Record<string, string>).map(([lang, text]) => (lang === "@none" ? literal(text) : literal(text, lang)));
    case "langValues":
      return (value as { value: string; lang?: string }[]).map((v) => (v.lang ? literal(v.value, v.lang) : literal(v.value)));
    case "iri":
    case "ref":
      return [nodeTerm(String(value))];
    case "mailto": {
      const v = String(value);
      return [namedNode(v.startsWith("mailto:") ? v : `mailto:${v}`)];
    }
    case "code":
      return [namedNode(iriOf(kind.vocab, String(value)))];
    case "date":
      return [literal(String(value), namedNode(DATE_ONLY.test(String(value)) ? XSD.date : XSD.dateTime))];
    case "int":
      return [literal(String(value), namedNode(XSD.nonNegativeInteger))];
    case "bool":
      return [literal(String(value), namedNode(XSD.boolean))];
    case "decimal":
      return [literal(String(value), namedNode(XSD.decimal))];
    case "duration":
      return [literal(String(value), namedNode(XSD.duration))];
    case "node":
      return [nodeQuads(kind.spec, value as Record<string, unknown>, out, undefined, label)];
  }
}

/** Emits the quads of one node and returns its term. */
export function nodeQuads(
  spec: NodeSpec,
  obj: Record<string, unknown>,
  out: Quad[],
  subject?: RDF.NamedNode | RDF.BlankNode,
  label = "n",
): RDF.NamedNode | RDF.BlankNode {
  const s = subject ?? nodeTerm(obj.iri as string | undefined, label);
  if (spec.type) out.push(quad(s, namedNode(RDF_TYPE), namedNode(spec.type)));
  for (const field of spec.fields) {
    const value = obj[field.key];
    if (value === undefined || value === null) continue;
    const values = field.many ? (value as unknown[]) : [value];
    const p = namedNode(field.pred);
    for (const [i, v] of values.entries()) {
      for (const o of valueTerms(field, v, out, `${label}_${field.key}${field.many ? i : ""}`)) {
        out.push(quad(s, p, o));
        // SHACL: cv:frequency values must be typed dct:Frequency.
        if (field.pred === CV_FREQUENCY && o.termType === "NamedNode") out.push(quad(o, namedNode(RDF_TYPE), namedNode(FREQUENCY_CLASS)));
      }
    }
  }
  return s;
}

/** Parses kept N-Triples (`extraTriples`). Throws on malformed input. */
export function parseExtraTriples(ntriples: string | undefined): Quad[] {
  if (!ntriples) return [];
  return new Parser({ format: "N-Triples" }).parse(ntriples);
}

/** All quads of a stored dataset. */
export function datasetToQuads(ds: Dataset): Quad[] {
  const out: Quad[] = [];
  nodeQuads(DATASET, ds as unknown as Record<string, unknown>, out, namedNode(ds.iri), `r_${ds.id}`);
  out.push(...parseExtraTriples(ds.extraTriples));
  return out;
}
