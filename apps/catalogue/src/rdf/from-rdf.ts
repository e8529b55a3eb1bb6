/**
 * RDF -> JSON: reads dcat:Dataset nodes out of a harvested graph with the mapping table in ./model. Pure.
 * Values the JSON model cannot hold (wrong datatype, too many values) become violations naming the property;
 * statements about the dataset the model does not cover are kept as N-Triples in `extraTriples`.
 */
import { DataFactory, Store, quadKey, termKey, type Quad } from "./n3";
import type * as RDF from "@rdfjs/types";
import { codeFromIri, type Violation } from "@regie/shared/contracts/catalogue";
import { DATASET, type Field, type NodeSpec } from "./model";
import { expand, RDF_TYPE, XSD } from "./namespaces";
import { toNTriples } from "./serialise";

const { namedNode } = DataFactory;
const DATASET_CLASS = expand("dcat:Dataset");
const CATALOG_CLASS = expand("dcat:Catalog");
/** DCAT-AP 3 resources beside datasets: read by resourcesFromQuads, never part of a dataset's kept statements */
const OTHER_RESOURCE_CLASSES = [expand("dcat:DataService"), expand("dcat:DatasetSeries")];
const INVALID = Symbol("invalid");

const refOf = (t: RDF.Term) => (t.termType === "BlankNode" ? `_:${t.value}` : t.value);

interface Ctx {
  store: Store;
  consumed: Set<string>;
  violations: Violation[];
}

function violation(ctx: Ctx, path: string, field: Field, message: string) {
  ctx.violations.push({ path, property: field.curie, message: `${field.curie}: ${message}` });
}

function readValue(ctx: Ctx, field: Field, o: RDF.Term, path: string, seen: Set<string>): unknown | typeof INVALID {
  const kind = field.kind;
  const isLit = o.termType === "Literal";
  const lit = o as RDF.Literal;
  const dt = isLit ? lit.datatype.value : "";
  const isNode = o.termType === "NamedNode" || o.termType === "BlankNode";
  switch (kind.k) {
    case "lit":
      return isLit && !lit.language ? o.value : INVALID;
    case "lang":
    case "langValues":
      return isLit && (lit.language || dt === XSD.string) ? o.value : INVALID;
    case "iri":
      return o.termType === "NamedNode" ? o.value : INVALID;
    case "ref":
      return isNode ? refOf(o) : INVALID;
    case "mailto":
      return o.termType === "NamedNode" ? o.value.replace(/^mailto:/, "") : isLit ? o.value : INVALID;
    case "code":
      return o.termType === "NamedNode" ? (codeFromIri(kind.vocab, o.value) ?? INVALID) : INVALID;
    case "date":
      return isLit && (dt === XSD.date || dt === XSD.dateTime) ? o.value : INVALID;
    case "int":
      return isLit && dt === XSD.nonNegativeInteger && /^\+?\d{1,15}$/.test(o.value) ? Number(o.value) : INVALID;
    case "bool":
      return isLit && dt === XSD.boolean && /^(true|false|1|0)$/.test(o.value) ? o.value === "true" || o.value === "1" : INVALID;
    case "decimal":
      return isLit && dt === XSD.decimal && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(o.value) ? Number(o.value) : INVALID;
    case "duration":
      return isLit && dt === XSD.duration ? o.value : INVALID;
    case "node": {
      if (!isNode) return INVALID;
      const key = refOf(o);
      if (seen.has(key)) return INVALID;
      return readNode(ctx, o as RDF.NamedNode | RDF.BlankNode, kind.spec, path, new Set([...seen, key]));
    }
  }
}

const EXPECTED: Record<string, string> = {
  lit: "must be a plain literal",
  lang: "must be a literal (with a language tag or as xsd:string)",
  langValues: "must be a literal",
  iri: "must be an IRI",
  ref: "must be an IRI or blank node",
  mailto: "must be a mailto: IRI",
  code: "must be an IRI from the controlled vocabulary",
  date: "must be an xsd:date or xsd:dateTime",
  int: "must be an xsd:nonNegativeInteger",
  bool: "must be an xsd:boolean",
  decimal: "must be an xsd:decimal",
  duration: "must be an xsd:duration",
  node: "must be a node (IRI or blank node) without cycles",
};

function readNode(ctx: Ctx, subject: RDF.NamedNode | RDF.BlankNode, spec: NodeSpec, path: string, seen: Set<string>): Record<string, unknown> {
  const obj: Record<string, unknown> = { iri: refOf(subject) };
  if (spec.type) for (const q of ctx.store.match(subject, namedNode(RDF_TYPE), namedNode(spec.type))) ctx.consumed.add(quadKey(q));
  for (const field of spec.fields) {
    const quads = ctx.store.match(subject, namedNode(field.pred), null);
    if (quads.length === 0) continue;
    const fieldPath = `${path}/${field.key}`;
    const values: unknown[] = [];
    const langs: Record<string, string> = {};
    for (const q of quads) {
      const v = readValue(ctx, field, q.object, field.many ? `${fieldPath}/${values.length}` : fieldPath, seen);
      if (v === INVALID) {
        violation(ctx, fieldPath, field, EXPECTED[field.kind.k] ?? "has an invalid value");
        continue;
      }
      ctx.consumed.add(quadKey(q));
      if (field.kind.k === "lang") {
        const lang = (q.object as RDF.Literal).language || "@none";
        if (langs[lang] !== undefined) violation(ctx, fieldPath, field, `at most one value per language (${lang})`);
        else langs[lang] = v as string;
      } else if (field.kind.k === "langValues") {
        const lang = (q.object as RDF.Literal).language;
        values.push(lang ? { value: v, lang } : { value: v });
      } else values.push(v);
    }
    if (field.kind.k === "lang") {
      if (Object.keys(langs).length) obj[field.key] = langs;
    } else if (field.kind.k === "langValues" || field.many) {
      if (values.length) obj[field.key] = values;
    } else if (values.length > 1) {
      violation(ctx, fieldPath, field, `at most one value is allowed, found ${values.length}`);
      obj[field.key] = values[0];
    } else if (values.length === 1) obj[field.key] = values[0];
  }
  return obj;
}

/** The statements reachable from `root`, not entering other datasets or catalogues. */
export function closure(store: Store, root: RDF.Term, stopAt: Set<string>): Quad[] {
  const out: Quad[] = [];
  const visited = new Set<string>([termKey(root)]);
  const queue: RDF.Term[] = [root];
  while (queue.length) {
    const s = queue.shift()!;
    for (const q of store.match(s, null, null)) {
      out.push(q);
      const o = q.object;
      if (o.termType === "Literal") continue;
      const k = termKey(o);
      if (visited.has(k) || stopAt.has(k)) continue;
      visited.add(k);
      queue.push(o);
    }
  }
  return out;
}

export interface HarvestedDataset {
  iri: string;
  /** the dataset as mapped (not yet checked against the publishing rules) */
  value: Record<string, unknown>;
  /** values the JSON model could not take */
  violations: Violation[];
}

/**
 * Every dcat:Dataset in the graph, mapped to JSON. Statements reachable from no dataset (nor catalogue) are kept
 * with the dataset when the document holds exactly one.
 */
export function datasetsFromQuads(quads: Quad[]): HarvestedDataset[] {
  return datasetSlice(quads, 0, Number.MAX_SAFE_INTEGER).datasets;
}

/** How many dcat:Dataset nodes the statements type (without building a store). */
export function countDatasets(quads: Quad[]): number {
  const nodes = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE && q.object.value === DATASET_CLASS && q.object.termType === "NamedNode") nodes.add(termKey(q.subject));
  }
  return nodes.size;
}

/**
 * The datasets from `from` to `to` (exclusive) in the order the graph gives (the same on every parse of the
 * document), mapped as datasetsFromQuads maps them, and how many the graph holds: a harvest too big for one
 * invocation maps one slice per invocation (src/harvest-push/), so that only the slice's JSON, never every
 * dataset's, is built at once.
 */
export function datasetSlice(quads: Quad[], from: number, to: number): { total: number; datasets: HarvestedDataset[] } {
  const store = new Store(quads);
  const datasetNodes = store.match(null, namedNode(RDF_TYPE), namedNode(DATASET_CLASS)).map((q) => q.subject);
  const catalogNodes = store.match(null, namedNode(RDF_TYPE), namedNode(CATALOG_CLASS)).map((q) => q.subject);
  const otherNodes = OTHER_RESOURCE_CLASSES.flatMap((c) => store.match(null, namedNode(RDF_TYPE), namedNode(c)).map((q) => q.subject));
  const stopAt = new Set([...datasetNodes, ...catalogNodes, ...otherNodes].map(termKey));
  // what the catalogues and other resources reach only matters for the orphans, which only a one-dataset document keeps
  const reached = new Set<string>();
  if (datasetNodes.length === 1) {
    for (const c of [...catalogNodes, ...otherNodes]) {
      const others = new Set([...datasetNodes, ...otherNodes].filter((n) => !n.equals(c)).map(termKey));
      for (const q of closure(store, c, others)) reached.add(quadKey(q));
    }
  }
  const results = datasetNodes.slice(from, to).map((node) => {
    const ctx: Ctx = { store, consumed: new Set(), violations: [] };
    const value = readNode(ctx, node as RDF.NamedNode | RDF.BlankNode, DATASET, "", new Set([termKey(node)]));
    const own = new Set([termKey(node)]);
    const all = closure(store, node, new Set([...stopAt].filter((k) => !own.has(k))));
    for (const q of all) reached.add(quadKey(q));
    return { node, ctx, value, all };
  });
  const orphans = datasetNodes.length === 1 && results.length === 1 ? quads.filter((q) => !reached.has(quadKey(q))) : [];
  const datasets = results.map(({ node, ctx, value, all }) => {
    const seen = new Set<string>();
    const extras = [...all, ...orphans].filter((q) => {
      const k = quadKey(q);
      if (ctx.consumed.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (extras.length) value.extraTriples = toNTriples(extras);
    if (node.termType !== "NamedNode") {
      ctx.violations.push({ path: "/iri", property: "dcat:Dataset", message: "dcat:Dataset: a harvested dataset must have an IRI, not a blank node" });
    }
    return { iri: refOf(node), value, violations: ctx.violations };
  });
  return { total: datasetNodes.length, datasets };
}

/** A Store that records every statement its `match` answers while `reads` is set. */
class ReadingStore extends Store {
  reads: Set<Quad> | null = null;
  override match(s: RDF.Term | null, p: RDF.Term | null, o: RDF.Term | null): Quad[] {
    const found = super.match(s, p, o);
    if (this.reads) for (const q of found) this.reads.add(q);
    return found;
  }
}

/** One chunk of a document split by datasetChunks: its datasets from `from`, `count` of them, and their statements. */
export interface DatasetChunk {
  from: number;
  count: number;
  quads: Quad[];
}

/**
 * The document cut into chunks of `size` datasets, one at a time (src/harvest-push/: a job stores each chunk and
 * maps one per invocation). A chunk holds exactly the statements that datasetSlice(quads, from, from + count) reads
 * for its datasets (their mapping and their kept statements), in the document's order but with the chunk's own
 * dcat:Dataset statements first, plus the rdf:type statements of the other datasets, catalogues, data services
 * and series whose statements it holds, so that datasetSlice(chunk, 0, count) stops where the whole document's
 * slice stops and maps the same datasets (same terms, so the same blank-node labels). For documents with two
 * datasets or more (one dataset also keeps the statements no dataset reaches, and is never split).
 */
export function* datasetChunks(quads: Quad[], size: number): Generator<DatasetChunk> {
  const store = new ReadingStore(quads);
  const datasetNodes = store.match(null, namedNode(RDF_TYPE), namedNode(DATASET_CLASS)).map((q) => q.subject);
  const catalogNodes = store.match(null, namedNode(RDF_TYPE), namedNode(CATALOG_CLASS)).map((q) => q.subject);
  const otherNodes = OTHER_RESOURCE_CLASSES.flatMap((c) => store.match(null, namedNode(RDF_TYPE), namedNode(c)).map((q) => q.subject));
  const stopAt = new Set([...datasetNodes, ...catalogNodes, ...otherNodes].map(termKey));
  const stopClasses = new Set([DATASET_CLASS, CATALOG_CLASS, ...OTHER_RESOURCE_CLASSES]);
  for (let from = 0; from < datasetNodes.length; from += size) {
    const nodes = datasetNodes.slice(from, from + size);
    const reads = new Set<Quad>();
    store.reads = reads;
    for (const node of nodes) {
      // the same reads as datasetSlice's for this dataset: its mapping, then its closure
      const ctx: Ctx = { store, consumed: new Set(), violations: [] };
      readNode(ctx, node as RDF.NamedNode | RDF.BlankNode, DATASET, "", new Set([termKey(node)]));
      closure(store, node, new Set([...stopAt].filter((k) => k !== termKey(node))));
    }
    store.reads = null;
    const first = nodes.map((node) => store.match(node, namedNode(RDF_TYPE), namedNode(DATASET_CLASS))[0]!);
    const subjects = new Set<string>();
    for (const q of reads) subjects.add(termKey(q.subject));
    const firstSet = new Set(first);
    const rest = store.quads().filter((q) => {
      if (firstSet.has(q)) return false;
      if (reads.has(q)) return true;
      // a stop node whose statements the chunk holds stays a stop in the chunk
      return q.predicate.value === RDF_TYPE && stopClasses.has(q.object.value) && q.object.termType === "NamedNode" && subjects.has(termKey(q.subject));
    });
    yield { from, count: nodes.length, quads: [...first, ...rest] };
  }
}

export interface HarvestedResource {
  iri: string;
  value: Record<string, unknown>;
  violations: Violation[];
}

/**
 * Every node of `spec.type` (dcat:DataService, dcat:DatasetSeries) mapped to JSON with `spec`. Statements the
 * table does not cover are not kept for these classes (docs/catalogue.md).
 */
export function resourcesFromQuads(quads: Quad[], spec: NodeSpec, classCurie: string): HarvestedResource[] {
  const store = new Store(quads);
  return store.match(null, namedNode(RDF_TYPE), namedNode(spec.type!)).map((q) => {
    const node = q.subject as RDF.NamedNode | RDF.BlankNode;
    const ctx: Ctx = { store, consumed: new Set(), violations: [] };
    const value = readNode(ctx, node, spec, "", new Set([termKey(node)]));
    if (node.termType !== "NamedNode") {
      ctx.violations.push({ path: "/iri", property: classCurie, message: `${classCurie}: a harvested resource must have an IRI, not a blank node` });
    }
    return { iri: refOf(node), value, violations: ctx.violations };
  });
}
