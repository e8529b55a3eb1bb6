/**
 * POST /v1/validate's report: a parsed document run through the official shapes (./shacl) at the access levels
 * asked for, each result attributed to the dataset it belongs to, plus Regie's own publishing verdict per dataset.
 * Nothing is written.
 *
 * Which level: omitted -> each dataset at the level its dct:accessRights declares (a dataset without one of the
 * three at NON_PUBLIC, the strictest, as the publishing rules do); a level -> every dataset at that level (as the
 * HealthData@EU validator, where the user picks one); `all` -> all three.
 *
 * Attribution: the shapes run over the whole graph, once per level (so the results are exactly the official ones);
 * a result belongs to a dataset when its focus node is the dataset or reachable from it without passing through
 * another dataset or a catalogue. Results on other nodes (the catalogue record, the graph guard) are the document's.
 */
import { ACCESS_RIGHTS, codeFromIri, type AccessLevel, type ShaclResult, type ValidateQuery, type ValidationReport } from "@regie/shared/contracts/catalogue";
import type * as RDF from "@rdfjs/types";
import { closure, datasetsFromQuads } from "../rdf/from-rdf";
import { DataFactory, Store, termKey, type Quad } from "../rdf/n3";
import { expand, NS, RDF_TYPE } from "../rdf/namespaces";
import { ACCESS_LEVELS, isAccessLevel } from "./levels";
import { validateDataset } from "./rules";
import { runShapes, type ShaclFinding } from "./shacl";

/**
 * Largest graph validated: each run costs ~75 µs of CPU per triple (Node, official example), and `level=all` makes six
 * runs (mandatory and recommended per level): 20,000 triples ≈ 9 s, under half of the 30 s CPU limit (wrangler.jsonc).
 */
export const MAX_VALIDATE_TRIPLES = 20_000;

const { namedNode } = DataFactory;

/** `http://purl.org/dc/terms/title` -> `dct:title` when the namespace is one of Regie's, else the IRI. */
export function curie(iri: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(iri) || iri.includes("<")) return iri.replace(/<([^>]+)>/g, (_m, i: string) => curie(i));
  for (const [prefix, ns] of Object.entries(NS)) {
    const local = iri.slice(ns.length);
    if (iri.startsWith(ns) && /^[A-Za-z_][\w.-]*$/.test(local)) return `${prefix}:${local}`;
  }
  return iri;
}

/** A term as the report shows it: the IRI, `_:label` (without the parse's blank node prefix), or the literal's text. */
function show(t: RDF.Term | null, prefix: string): string | null {
  if (!t) return null;
  if (t.termType === "BlankNode") return `_:${t.value.startsWith(prefix) ? t.value.slice(prefix.length) : t.value}`;
  return t.value;
}

function toResult(f: ShaclFinding, prefix: string): ShaclResult {
  const sourceShape = f.sourceShape?.termType === "NamedNode" ? f.sourceShape.value : null;
  return {
    focusNode: show(f.focusNode, prefix)!,
    path: f.path && curie(f.path),
    severity: f.severity,
    message: f.message,
    value: show(f.value, prefix),
    sourceShape,
    constraint: f.constraint,
  };
}

function declaredLevel(store: Store, node: RDF.Term): AccessLevel | null {
  for (const q of store.match(node, namedNode(expand("dct:accessRights")), null)) {
    const code = q.object.termType === "NamedNode" ? codeFromIri(ACCESS_RIGHTS, q.object.value) : undefined;
    if (isAccessLevel(code)) return code;
  }
  return null;
}

/** The keys of the nodes that belong to each dataset (see the module comment). */
function membersOf(store: Store, datasets: RDF.Term[]): Map<string, Set<string>> {
  const catalogs = store.match(null, namedNode(RDF_TYPE), namedNode(expand("dcat:Catalog"))).map((q) => termKey(q.subject));
  const all = new Set([...datasets.map(termKey), ...catalogs]);
  const out = new Map<string, Set<string>>();
  for (const d of datasets) {
    const own = termKey(d);
    const members = new Set([own]);
    for (const q of closure(store, d, new Set([...all].filter((k) => k !== own)))) {
      members.add(termKey(q.subject));
      if (q.object.termType !== "Literal" && !all.has(termKey(q.object))) members.add(termKey(q.object));
    }
    out.set(own, members);
  }
  return out;
}

export async function validateDocument(quads: Quad[], query: ValidateQuery, blankNodePrefix: string): Promise<ValidationReport> {
  const store = new Store(quads);
  const datasetNodes = store.match(null, namedNode(RDF_TYPE), namedNode(expand("dcat:Dataset"))).map((q) => q.subject);
  const declared = new Map(datasetNodes.map((d) => [termKey(d), declaredLevel(store, d)]));
  const levelsOf = (key: string): AccessLevel[] =>
    query.level === "all" ? [...ACCESS_LEVELS] : query.level ? [query.level] : [declared.get(key) ?? "NON_PUBLIC"];
  const needed = ACCESS_LEVELS.filter((l) => (datasetNodes.length ? datasetNodes.some((d) => levelsOf(termKey(d)).includes(l)) : levelsOf("").includes(l)));

  const runs = new Map<AccessLevel, { mandatory: ShaclFinding[]; recommended: ShaclFinding[] }>();
  for (const level of needed) {
    runs.set(level, { mandatory: await runShapes(store.quads(), level, "mandatory"), recommended: await runShapes(store.quads(), level, "recommended") });
  }

  const members = membersOf(store, datasetNodes);
  const inSomeDataset = (f: ShaclFinding) => [...members.values()].some((m) => m.has(termKey(f.focusNode)));
  const regie = new Map(datasetsFromQuads(store.quads()).map((h) => [h.iri, validateDataset(h.value, h.violations)]));
  const datasets = datasetNodes.map((node) => {
    const key = termKey(node);
    const mine = (fs: ShaclFinding[]) => fs.filter((f) => members.get(key)!.has(termKey(f.focusNode))).map((f) => toResult(f, blankNodePrefix));
    const levels = levelsOf(key).map((level) => {
      const violations = mine(runs.get(level)!.mandatory);
      return { level, conforms: !violations.some((v) => v.severity === "Violation"), violations, recommendations: mine(runs.get(level)!.recommended) };
    });
    const own = regie.get(node.termType === "BlankNode" ? `_:${node.value}` : node.value);
    const verdict = own
      ? { importable: own.ok, violations: own.ok ? [] : own.violations, warnings: own.warnings }
      : { importable: false, violations: [], warnings: [] };
    return { iri: show(node, blankNodePrefix)!, declaredLevel: declared.get(key) ?? null, levels, regie: verdict };
  });
  const document = [...runs].map(([level, r]) => ({
    level,
    violations: r.mandatory.filter((f) => !inSomeDataset(f)).map((f) => toResult(f, blankNodePrefix)),
  }));
  const conforms = datasets.every((d) => d.levels.every((l) => l.conforms)) && document.every((d) => !d.violations.some((v) => v.severity === "Violation"));
  return { conforms, triples: store.size, datasets, document };
}
