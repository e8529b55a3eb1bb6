import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import SHACLValidator from "rdf-validate-shacl";
import rdfDataset from "@rdfjs/dataset";
import { Parser as N3NodeParser } from "n3";
import { canonize } from "rdf-canonize";
import type * as RDF from "@rdfjs/types";

export const STANDARDS = fileURLToPath(new URL("../../../standards/", import.meta.url));
export const readStandard = (rel: string) => readFileSync(STANDARDS + rel, "utf8");
export const EXAMPLE_TTL = readStandard("healthdcat-ap-r8/example-healthdcat-dataset.ttl");

export function parse(ttl: string): RDF.Quad[] {
  return new N3NodeParser().parse(ttl) as unknown as RDF.Quad[];
}

let validator: SHACLValidator | undefined;
function shapes() {
  if (!validator) {
    const ds = rdfDataset.dataset();
    for (const q of parse(readStandard("healthdcat-ap-r8/non-public-shapes.ttl"))) ds.add(q);
    for (const q of parse(readStandard("dcat-ap-3.0.1/shapes.ttl"))) ds.add(q);
    // both shape files are loaded above, so owl:imports resolve to nothing more
    validator = new SHACLValidator(ds, { importGraph: () => rdfDataset.dataset() });
  }
  return validator;
}

export interface ShaclResult {
  path: string | null;
  focus: string;
  message: string;
  severity: string;
}

/** Official SHACL violations of a graph (HealthDCAT-AP R8 non-public + DCAT-AP 3.0.1). */
export async function shacl(quads: RDF.Quad[]): Promise<ShaclResult[]> {
  const data = rdfDataset.dataset();
  for (const q of quads) data.add(q);
  const report = await shapes().validate(data);
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
