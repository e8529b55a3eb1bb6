/**
 * RDF/XML out: a plain serialisation, one rdf:Description per subject (rdf:about / rdf:nodeID), literals with xml:lang or
 * rdf:datatype, objects as rdf:resource / rdf:nodeID. Predicates are written with the prefixes of ./namespaces
 * (or an ad-hoc ns prefix), so every statement is expressible. The Node suite (test-shacl/rdfxml.test.ts) parses
 * the output with rdfxml-streaming-parser, a standard RDF/XML parser, and compares the graph with the Turtle
 * output (RDFC-1.0). RDF/XML *input* is not done: that parser needs readable-stream, which does not load in workerd.
 */
import type * as RDF from "@rdfjs/types";
import type { Quad } from "./n3";
import { dedupe } from "./serialise";
import { NS, XSD } from "./namespaces";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** XML 1.0 cannot carry these characters at all, not even escaped. */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function splitPredicate(iri: string, extra: Map<string, string>): [string, string] {
  for (const [prefix, ns] of Object.entries(NS)) {
    const local = iri.slice(ns.length);
    if (iri.startsWith(ns) && /^[A-Za-z_][\w.-]*$/.test(local)) return [prefix, local];
  }
  const m = /^(.*?)([A-Za-z_][\w.-]*)$/.exec(iri);
  if (!m || !m[1]) throw new Error(`the predicate ${iri} cannot be written in RDF/XML`);
  let prefix = extra.get(m[1]);
  if (!prefix) extra.set(m[1], (prefix = `ns${extra.size + 1}`));
  return [prefix, m[2]!];
}

const nodeAttr = (t: RDF.Term, attr: "about" | "resource") => (t.termType === "BlankNode" ? `rdf:nodeID="${esc(t.value)}"` : `rdf:${attr}="${esc(t.value)}"`);

export function toRdfXml(quads: Quad[]): string {
  const extra = new Map<string, string>();
  const bySubject = new Map<string, { subject: RDF.Term; lines: string[] }>();
  for (const q of dedupe(quads)) {
    const key = `${q.subject.termType}|${q.subject.value}`;
    let entry = bySubject.get(key);
    if (!entry) bySubject.set(key, (entry = { subject: q.subject, lines: [] }));
    const [prefix, local] = splitPredicate(q.predicate.value, extra);
    const tag = `${prefix}:${local}`;
    const o = q.object;
    if (o.termType === "Literal") {
      const lit = o as RDF.Literal;
      if (XML_INVALID.test(lit.value)) throw new Error("a literal holds a character XML cannot carry");
      const attrs = lit.language ? ` xml:lang="${esc(lit.language)}"` : lit.datatype.value !== XSD.string ? ` rdf:datatype="${esc(lit.datatype.value)}"` : "";
      entry.lines.push(`    <${tag}${attrs}>${esc(lit.value)}</${tag}>`);
    } else entry.lines.push(`    <${tag} ${nodeAttr(o, "resource")}/>`);
  }
  const namespaces = [...Object.entries(NS), ...[...extra].map(([ns, p]) => [p, ns] as const)];
  const out = [`<?xml version="1.0" encoding="utf-8"?>`, `<rdf:RDF ${namespaces.map(([p, ns]) => `xmlns:${p}="${esc(ns)}"`).join("\n    ")}>`];
  for (const { subject, lines } of bySubject.values()) out.push(`  <rdf:Description ${nodeAttr(subject, "about")}>`, ...lines, `  </rdf:Description>`);
  out.push(`</rdf:RDF>`, "");
  return out.join("\n");
}
