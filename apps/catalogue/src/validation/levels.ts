/**
 * The three HealthDCAT-AP Release 8 access levels and what differs between them, read off the official shapes in
 * standards/healthdcat-ap-r8/ (`{public,restricted,non-public}-shapes.ttl` and their `_recommended.ttl`). Pure.
 *
 * - Mandatory: the three levels share every rule except `dct:accessRights` (which must be the level's own value)
 *   and four properties only the NON_PUBLIC shapes require: dcat:contactPoint, dcat:keyword, dct:type and
 *   dct:provenance. The PUBLIC shapes also say a `dct:source` must be an IRI or blank node.
 * - Recommended (sh:Warning): one list per level; PUBLIC and RESTRICTED recommend keyword and contact point, the
 *   NON_PUBLIC list recommends more of the DCAT-AP optional properties.
 */
import type { Violation } from "@regie/shared/contracts/catalogue";
import { expand } from "../rdf/namespaces";

export const ACCESS_LEVELS = ["PUBLIC", "RESTRICTED", "NON_PUBLIC"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const isAccessLevel = (v: unknown): v is AccessLevel => typeof v === "string" && (ACCESS_LEVELS as readonly string[]).includes(v);

/** Properties mandatory only at the NON_PUBLIC level: [JSON key, CURIE, message]. */
export const NON_PUBLIC_MANDATORY: readonly (readonly [string, string, string])[] = [
  ["contactPoint", "dcat:contactPoint", "at least one contact point is required at the NON_PUBLIC level"],
  ["keyword", "dcat:keyword", "at least one keyword is required at the NON_PUBLIC level"],
  ["type", "dct:type", "at least one dataset type is required at the NON_PUBLIC level"],
  ["provenance", "dct:provenance", "at least one provenance statement is required at the NON_PUBLIC level"],
];

/** A recommended property: a JSON key of the dataset, or a predicate kept in `extraTriples`. */
interface Recommended {
  curie: string;
  key?: string;
}

const r = (curie: string, key?: string): Recommended => ({ curie, key });

/** Recommended in all three `_recommended.ttl` files. */
const COMMON: Recommended[] = [
  r("healthdcatap:analytics", "analytics"),
  r("healthdcatap:hasCodeValues", "codeValues"),
  r("healthdcatap:hasCodingSystem", "codingSystem"),
  r("healthdcatap:healthTheme", "healthTheme"),
  r("dpv:hasLegalBasis", "legalBasis"),
  r("healthdcatap:maxTypicalAge", "maxTypicalAge"),
  r("healthdcatap:minTypicalAge", "minTypicalAge"),
  r("healthdcatap:numberOfRecords", "numberOfRecords"),
  r("healthdcatap:numberOfUniqueIndividuals", "numberOfUniqueIndividuals"),
  r("dpv:hasPersonalData", "personalData"),
  r("healthdcatap:populationCoverage", "populationCoverage"),
  r("dpv:hasPurpose", "purpose"),
  r("dqv:hasQualityAnnotation"),
  r("healthdcatap:retentionPeriod", "retentionPeriod"),
  r("adms:sample", "sample"),
  r("geodcatap:custodian", "custodian"),
];

export const RECOMMENDED: Record<AccessLevel, readonly Recommended[]> = {
  PUBLIC: [...COMMON, r("dcat:keyword", "keyword"), r("dcat:contactPoint", "contactPoint")],
  RESTRICTED: [...COMMON, r("dcat:keyword", "keyword"), r("dcat:contactPoint", "contactPoint")],
  NON_PUBLIC: [
    ...COMMON,
    r("dct:conformsTo", "conformsTo"),
    r("foaf:page", "page"),
    r("dct:accrualPeriodicity", "accrualPeriodicity"),
    r("dct:isReferencedBy", "isReferencedBy"),
    r("dct:language", "language"),
    r("dct:source"),
    r("dct:temporal", "temporal"),
    r("dcat:temporalResolution", "temporalResolution"),
    r("dcat:landingPage", "landingPage"),
    r("dct:relation", "relation"),
  ],
};

const present = (v: unknown) =>
  v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && !(typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

/** Does `extraTriples` (N-Triples) hold a statement `<iri> <pred> …`? */
function hasExtra(extraTriples: unknown, iri: unknown, pred: string): boolean {
  if (typeof extraTriples !== "string" || typeof iri !== "string") return false;
  return extraTriples.includes(`<${iri}> <${pred}> `);
}

/**
 * The recommended properties of the dataset's level that it lacks, as warnings (the official `_recommended.ttl`
 * shapes, sh:Warning). A dataset whose level is unknown is held to the NON_PUBLIC list.
 */
export function recommendations(d: Record<string, unknown>): Violation[] {
  const level: AccessLevel = isAccessLevel(d.accessRights) ? d.accessRights : "NON_PUBLIC";
  const out: Violation[] = [];
  for (const rec of RECOMMENDED[level]) {
    const has = rec.key ? present(d[rec.key]) : hasExtra(d.extraTriples, d.iri, expand(rec.curie));
    if (!has) out.push({ path: rec.key ? `/${rec.key}` : "/extraTriples", property: rec.curie, message: `${rec.curie}: recommended at the ${level} level` });
  }
  return out;
}
