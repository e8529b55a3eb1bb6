import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import SHACLValidator from "rdf-validate-shacl";
import rdfDataset from "@rdfjs/dataset";
import { Parser as N3NodeParser } from "n3";
import { RdfXmlParser } from "rdfxml-streaming-parser";
import { canonize } from "rdf-canonize";
import type * as RDF from "@rdfjs/types";

export const STANDARDS = fileURLToPath(new URL("../../../standards/", import.meta.url));
export const readStandard = (rel: string) => readFileSync(STANDARDS + rel, "utf8");
export const EXAMPLE_TTL = readStandard("healthdcat-ap-r8/example-healthdcat-dataset.ttl");

/** The official example with its access right (and the RightsStatement typing of that IRI) set to `level`. */
export function exampleAt(level: Level): string {
  return EXAMPLE_TTL.replaceAll("access-right/NON_PUBLIC>", `access-right/${level}>`);
}

/** Turtle parsed with n3 (a reference parser, not the worker's). */
export function parse(ttl: string): RDF.Quad[] {
  return new N3NodeParser().parse(ttl) as unknown as RDF.Quad[];
}

/** RDF/XML parsed with rdfxml-streaming-parser (a standard RDF/XML parser). */
export function fromRdfXml(xml: string): Promise<RDF.Quad[]> {
  return new Promise((resolve, reject) => {
    const out: RDF.Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on("data", (q: RDF.Quad) => out.push(q));
    parser.on("error", reject);
    parser.on("end", () => resolve(out));
    parser.write(xml);
    parser.end();
  });
}

/** A document in either syntax, as the official shapes are to see it (the quads for shacl / shaclRecommended). */
export async function parseRdf(doc: string, mediaType: string): Promise<RDF.Quad[]> {
  return mediaType === "application/rdf+xml" ? fromRdfXml(doc) : parse(doc);
}

export type Level = "PUBLIC" | "RESTRICTED" | "NON_PUBLIC";
/** The shape files of a level, as validator-config.properties combines them (graph guard, level shapes, recommended). */
const LEVEL_FILE: Record<Level, string> = { PUBLIC: "public-shapes", RESTRICTED: "restricted-shapes", NON_PUBLIC: "non-public-shapes" };

const validators = new Map<string, SHACLValidator>();
function shapes(level: Level, recommended: boolean) {
  const key = `${level}|${recommended}`;
  let validator = validators.get(key);
  if (!validator) {
    const ds = rdfDataset.dataset();
    const files = recommended
      ? [`healthdcat-ap-r8/${LEVEL_FILE[level]}_recommended.ttl`]
      : [`healthdcat-ap-r8/${LEVEL_FILE[level]}.ttl`, "dcat-ap-3.0.1/shapes.ttl"];
    for (const f of files) for (const q of parse(readStandard(f))) ds.add(q);
    // the shape files are loaded above, so owl:imports resolve to nothing more
    validator = new SHACLValidator(ds, { importGraph: () => rdfDataset.dataset() });
    validators.set(key, validator);
  }
  return validator;
}

export interface ShaclResult {
  path: string | null;
  focus: string;
  message: string;
  severity: string;
}

/** Official SHACL violations of a graph (HealthDCAT-AP R8 shapes of `level`, NON_PUBLIC by default, + DCAT-AP 3.0.1). */
export async function shacl(quads: RDF.Quad[], level: Level = "NON_PUBLIC"): Promise<ShaclResult[]> {
  return [...graphGuard(quads), ...(await run(quads, shapes(level, false)))];
}

const GUARD = readStandard("healthdcat-ap-r8/graph-guard.ttl");
const GUARD_MESSAGE = /sh:message "([^"]+)"/.exec(GUARD)![1]!;
/**
 * graph-guard.ttl (the validator's first shapes file) is one SPARQL constraint, which rdf-validate-shacl does not
 * run: its query (`FILTER NOT EXISTS { ?s rdf:type dcat:Dataset }`) is evaluated here instead, with its message.
 */
function graphGuard(quads: RDF.Quad[]): ShaclResult[] {
  const hasDataset = quads.some(
    (q) => q.predicate.value === "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" && q.object.value === "http://www.w3.org/ns/dcat#Dataset",
  );
  return hasDataset ? [] : [{ path: null, focus: "urn:x-shacl:guard", message: GUARD_MESSAGE, severity: "http://www.w3.org/ns/shacl#Violation" }];
}

/** Official SHACL warnings of a graph: the level's `_recommended.ttl`. */
export async function shaclRecommended(quads: RDF.Quad[], level: Level): Promise<ShaclResult[]> {
  return run(quads, shapes(level, true));
}

async function run(quads: RDF.Quad[], validator: SHACLValidator): Promise<ShaclResult[]> {
  const data = rdfDataset.dataset();
  for (const q of quads) data.add(q);
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    path: r.path?.value ?? null,
    focus: r.focusNode?.value ?? "",
    message: r.message.map((m) => m.value).join(" "),
    severity: r.severity?.value ?? "",
  }));
}

export async function canonical(quads: RDF.Quad[]): Promise<string> {
  return canonize(quads as never, { algorithm: "RDFC-1.0" }) as Promise<string>;
}
