/** A data service or dataset series as quads, with its mapping table (../rdf/model-dcat3). Pure. */
import { DataFactory, type Quad } from "../rdf/n3";
import { nodeQuads } from "../rdf/to-rdf";
import type { ResourceDoc } from "./repo";
import { KIND_RULES, type ResourceKind } from "./validate";

export function resourceToQuads(kind: ResourceKind, doc: ResourceDoc): Quad[] {
  const out: Quad[] = [];
  nodeQuads(KIND_RULES[kind].spec, doc as unknown as Record<string, unknown>, out, DataFactory.namedNode(doc.iri), `${kind}_${doc.id}`);
  return out;
}
