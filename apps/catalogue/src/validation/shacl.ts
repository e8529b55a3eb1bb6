/**
 * The official shapes, run as SHACL (rdf-validate-shacl) over a document's graph: the verdict of
 * standards/healthdcat-ap-r8/ for one access level, as the HealthData@EU validator combines the files
 * (validator-config.properties): the graph guard, the level's shapes with DCAT-AP 3.0.1 underneath, and the level's
 * `_recommended` shapes (sh:Warning) in a separate run.
 *
 * The graph guard is a SPARQL constraint, which rdf-validate-shacl does not run; its query ("no rdf:type
 * dcat:Dataset in the graph") is evaluated here with the guard's own message.
 *
 * Cost: ~75 µs of CPU per quad and run (measured in Node on the official example), so a document is validated only
 * up to MAX_VALIDATE_QUADS (see ./document).
 */
import SHACLValidator from "rdf-validate-shacl";
import rdfDataset from "@rdfjs/dataset";
import type * as RDF from "@rdfjs/types";
import { Parser, type Quad } from "../rdf/n3";
import { RDF_TYPE, expand } from "../rdf/namespaces";
import type { AccessLevel } from "./levels";
import { GRAPH_GUARD_TTL, SHAPE_FILES } from "./shapes";

export type ShapeKind = "mandatory" | "recommended";

/** One result of a SHACL run, with terms as the report gives them. */
export interface ShaclFinding {
  focusNode: RDF.Term;
  path: string | null;
  severity: "Violation" | "Warning" | "Info";
  message: string;
  value: RDF.Term | null;
  sourceShape: RDF.Term | null;
  /** the local name of sh:sourceConstraintComponent (`MinCountConstraintComponent`), or the guard's `SPARQLConstraintComponent` */
  constraint: string | null;
}

const SH = "http://www.w3.org/ns/shacl#";
const parsed = new Map<string, Quad[]>();

/** The shape quads of a level and kind, parsed once per isolate (the validator itself is made per run: no shared state). */
function shapeQuads(level: AccessLevel, kind: ShapeKind): Quad[] {
  const key = `${level}|${kind}`;
  let quads = parsed.get(key);
  if (!quads) {
    quads = SHAPE_FILES[level][kind].flatMap((ttl) => new Parser().parse(ttl));
    parsed.set(key, quads);
  }
  return quads;
}

const GUARD_TERM = { termType: "NamedNode", value: "urn:x-shacl:guard" } as RDF.NamedNode;
let guardMessage: string | undefined;
function guardFindings(quads: Quad[]): ShaclFinding[] {
  const dataset = expand("dcat:Dataset");
  if (quads.some((q) => q.predicate.value === RDF_TYPE && q.object.value === dataset)) return [];
  guardMessage ??= new Parser().parse(GRAPH_GUARD_TTL).find((q) => q.predicate.value === `${SH}message`)?.object.value ?? "no dcat:Dataset in the graph";
  const constraint = "SPARQLConstraintComponent";
  return [{ focusNode: GUARD_TERM, path: null, severity: "Violation", message: guardMessage, value: null, sourceShape: null, constraint }];
}

const RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/**
 * A result path as text: an IRI as is; a complex path (a blank node of the shapes graph) in SPARQL property path
 * syntax (`<a>|<b>`, `^<a>`, `<a>/<b>`; the report shortens the IRIs to CURIEs), so the report never shows a label
 * of the shapes graph.
 */
function pathText(term: RDF.Term | null | undefined, shapes: Quad[], depth = 0): string | null {
  if (!term) return null;
  if (term.termType === "NamedNode") return term.value;
  if (depth > 8) return null;
  const out = shapes.filter((q) => q.subject.equals(term));
  const list = (head: RDF.Term): RDF.Term[] => {
    const items: RDF.Term[] = [];
    for (let n = head, i = 0; n.value !== `${RDF_NS}nil` && i < 64; i++) {
      const first = shapes.find((q) => q.subject.equals(n) && q.predicate.value === `${RDF_NS}first`);
      const rest = shapes.find((q) => q.subject.equals(n) && q.predicate.value === `${RDF_NS}rest`);
      if (!first || !rest) break;
      items.push(first.object);
      n = rest.object;
    }
    return items;
  };
  const one = (p: string) => out.find((q) => q.predicate.value === `${SH}${p}`)?.object;
  const part = (t: RDF.Term) => {
    const text = pathText(t, shapes, depth + 1);
    return text && t.termType === "NamedNode" ? `<${text}>` : `(${text})`;
  };
  const alt = one("alternativePath");
  if (alt) return list(alt).map(part).join("|");
  const inverse = one("inversePath");
  if (inverse) return `^${part(inverse)}`;
  for (const [p, suffix] of [
    ["zeroOrMorePath", "*"],
    ["oneOrMorePath", "+"],
    ["zeroOrOnePath", "?"],
  ] as const) {
    const inner = one(p);
    if (inner) return `${part(inner)}${suffix}`;
  }
  const seq = list(term);
  return seq.length ? seq.map(part).join("/") : null;
}

const severityOf = (iri: string | undefined): ShaclFinding["severity"] => (iri === `${SH}Warning` ? "Warning" : iri === `${SH}Info` ? "Info" : "Violation");

/** The official results for `quads` at `level`: mandatory (guard + shapes) or recommended. */
export async function runShapes(quads: Quad[], level: AccessLevel, kind: ShapeKind): Promise<ShaclFinding[]> {
  const shapes = shapeQuads(level, kind);
  const validator = new SHACLValidator(rdfDataset.dataset(shapes), { importGraph: () => rdfDataset.dataset() });
  const report = await validator.validate(rdfDataset.dataset(quads));
  const results: ShaclFinding[] = report.results.map((r) => ({
    focusNode: r.focusNode as RDF.Term,
    path: pathText(r.path as RDF.Term | null | undefined, shapes),
    severity: severityOf(r.severity?.value),
    message: r.message.map((m) => m.value).join(" "),
    value: (r.value as RDF.Term | null | undefined) ?? null,
    sourceShape: (r.sourceShape as RDF.Term | null | undefined) ?? null,
    constraint: r.sourceConstraintComponent?.value.replace(SH, "") ?? null,
  }));
  return kind === "mandatory" ? [...guardFindings(quads), ...results] : results;
}
