/**
 * The RDF toolkit of the catalogue: n3's parser, writer and data factory (imported from its ESM sources so that
 * they load in workerd) and a small indexed quad store.
 */
import type * as RDF from "@rdfjs/types";
import N3DataFactory from "n3/src/N3DataFactory.js";
import N3Parser from "n3/src/N3Parser.js";
import N3Writer from "n3/src/N3Writer.js";

export type Quad = RDF.Quad;
export const DataFactory = N3DataFactory;
export const Parser = N3Parser;
export const Writer = N3Writer;

export function termKey(t: RDF.Term): string {
  if (t.termType === "Literal") return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return `${t.termType === "BlankNode" ? "_:" : ""}${t.value}`;
}
export const quadKey = (q: Quad) => `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`;

/** A set of triples (graphs ignored) indexed by subject. */
export class Store {
  private readonly keys = new Set<string>();
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly all: Quad[] = [];
  constructor(quads: Quad[] = []) {
    for (const q of quads) this.addQuad(q);
  }
  get size() {
    return this.all.length;
  }
  addQuad(q: Quad): boolean {
    const key = quadKey(q);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.all.push(q);
    const s = termKey(q.subject);
    const list = this.bySubject.get(s);
    if (list) list.push(q);
    else this.bySubject.set(s, [q]);
    return true;
  }
  quads(): Quad[] {
    return this.all;
  }
  /** Triples matching a pattern; null is a wildcard. */
  match(s: RDF.Term | null, p: RDF.Term | null, o: RDF.Term | null): Quad[] {
    const pool = s ? (this.bySubject.get(termKey(s)) ?? []) : this.all;
    const ok = (a: RDF.Term | null, b: RDF.Term) => a === null || (a.termType === b.termType && termKey(a) === termKey(b));
    return pool.filter((q) => ok(p, q.predicate) && ok(o, q.object));
  }
}
