/**
 * Withdrawn datasets in the DCAT export, for incremental harvesters (`catalog.ttl?modified_since=…`). Pure.
 *
 * Convention: Activity Streams 2.0 `as:Delete` activities, as SEMIC's DCAT-AP Feeds (the LDES-based change feed
 * for DCAT-AP catalogues) uses them: one `as:Delete` per withdrawn dataset with `as:object` the dataset's IRI and
 * `as:published` the time of withdrawal. Why this one: it is the published DCAT-AP way to say "gone" (DCAT-AP itself
 * has no deletion), it never types the IRI as dcat:Dataset, so a harvester that does not know it imports nothing
 * wrong, and a full harvest (no modified_since) stays a plain DCAT-AP catalogue whose missing datasets are the
 * deletions, which is how ckanext-dcat's DCAT harvester detects them.
 */
import { DataFactory, type Quad } from "../rdf/n3";
import { RDF_TYPE, XSD } from "../rdf/namespaces";
import type { Tombstone } from "../ckan/sync";
import { CATALOGUE_IRI } from "./identity";

const { namedNode, literal, quad } = DataFactory;
export const AS = "https://www.w3.org/ns/activitystreams#";

export function withdrawnQuads(items: Tombstone[]): Quad[] {
  const out: Quad[] = [];
  for (const t of items) {
    const activity = namedNode(`${CATALOGUE_IRI}/withdrawn/${encodeURIComponent(t.id)}`);
    out.push(quad(activity, namedNode(RDF_TYPE), namedNode(`${AS}Delete`)));
    out.push(quad(activity, namedNode(`${AS}object`), namedNode(t.iri)));
    out.push(quad(activity, namedNode(`${AS}published`), literal(t.deletedAt, namedNode(XSD.dateTime))));
  }
  return out;
}
