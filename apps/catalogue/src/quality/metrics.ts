/**
 * The metrics of data.europa.eu's Metadata Quality Assessment (MQA) with their published weights, in the order of
 * the methodology's tables (data provider manual, "Metadata quality dashboard"): findability 100, accessibility 100,
 * interoperability 110, reusability 75, contextuality 20 — 405 points. Each metric says which DCAT property it reads.
 */
import type { QualityDimension } from "@regie/shared/contracts/catalogue";

export interface MetricDef {
  id: string;
  dimension: QualityDimension;
  weight: number;
  property: string;
  /** `offline`: the MQA checks the URL over HTTP; Regie checks only what it can without a request (docs/catalogue.md) */
  checked: "metadata" | "offline";
}

const m = (id: string, dimension: QualityDimension, weight: number, property: string, checked: MetricDef["checked"] = "metadata"): MetricDef => ({
  id,
  dimension,
  weight,
  property,
  checked,
});

export const METRICS: readonly MetricDef[] = [
  m("keywordUsage", "findability", 30, "dcat:keyword"),
  m("categories", "findability", 30, "dcat:theme"),
  m("geoSearch", "findability", 20, "dct:spatial"),
  m("timeBasedSearch", "findability", 20, "dct:temporal"),
  m("accessUrlAccessibility", "accessibility", 50, "dcat:accessURL", "offline"),
  m("downloadUrl", "accessibility", 20, "dcat:downloadURL"),
  m("downloadUrlAccessibility", "accessibility", 30, "dcat:downloadURL", "offline"),
  m("format", "interoperability", 20, "dct:format"),
  m("mediaType", "interoperability", 10, "dcat:mediaType"),
  m("formatMediaTypeVocabulary", "interoperability", 10, "dct:format"),
  m("nonProprietary", "interoperability", 20, "dct:format"),
  m("machineReadable", "interoperability", 20, "dct:format"),
  m("dcatApCompliance", "interoperability", 30, "dcat:Dataset"),
  m("licenceInformation", "reusability", 20, "dct:license"),
  m("licenceVocabulary", "reusability", 10, "dct:license"),
  m("accessRestrictions", "reusability", 10, "dct:accessRights"),
  m("accessRestrictionsVocabulary", "reusability", 5, "dct:accessRights"),
  m("contactPoint", "reusability", 20, "dcat:contactPoint"),
  m("publisher", "reusability", 10, "dct:publisher"),
  m("rights", "contextuality", 5, "dct:rights"),
  m("fileSize", "contextuality", 5, "dcat:byteSize"),
  m("dateOfIssue", "contextuality", 5, "dct:issued"),
  m("modificationDate", "contextuality", 5, "dct:modified"),
];

export const MAX_SCORE = METRICS.reduce((n, x) => n + x.weight, 0);

/** MQA's rating bands: excellent 351–405, good 221–350, sufficient 121–220, bad 0–120. */
export function ratingOf(score: number): "excellent" | "good" | "sufficient" | "bad" {
  return score >= 351 ? "excellent" : score >= 221 ? "good" : score >= 121 ? "sufficient" : "bad";
}

/**
 * File types (EU file-type codes) the MQA counts as non-proprietary and as machine-readable: the subset of its
 * lists that Regie's publishers use (docs/catalogue.md names them).
 */
export const NON_PROPRIETARY = new Set(["CSV", "TSV", "JSON", "JSON_LD", "XML", "RDF_TURTLE", "RDF_XML", "RDF_N_TRIPLES", "PARQUET", "PDF", "ODS", "TXT"]);
export const MACHINE_READABLE = new Set([
  ...["CSV", "TSV", "JSON", "JSON_LD", "XML", "RDF_TURTLE", "RDF_XML", "RDF_N_TRIPLES", "PARQUET"],
  ...["XLSX", "XLS", "ODS", "SAS"],
]);
