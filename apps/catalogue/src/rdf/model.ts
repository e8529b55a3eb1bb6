/**
 * One table that says how each JSON field of a HealthDCAT-AP dataset maps to RDF. Both directions
 * (RDF -> JSON in harvest, JSON -> RDF in export) are driven by it, so they cannot drift apart.
 */
import { ACCESS_RIGHTS, DATA_THEMES, FILE_TYPES, HEALTH_CATEGORIES, HEALTH_THEMES, LANGUAGES, type Vocabulary } from "@regie/shared/contracts/catalogue";
import { expand } from "./namespaces";

export type Kind =
  | { k: "lit" } // plain xsd:string literal
  | { k: "lang" } // LangMap: one literal per language
  | { k: "langValues" } // LangValue[]
  | { k: "iri" }
  | { k: "ref" } // a node reference only (IRI or blank node); the node's own statements stay in extraTriples
  | { k: "mailto" } // IRI mailto:x <-> "x"
  | { k: "code"; vocab: Vocabulary }
  | { k: "date" }
  | { k: "int" } // xsd:nonNegativeInteger
  | { k: "bool" }
  | { k: "decimal" }
  | { k: "duration" }
  | { k: "node"; spec: NodeSpec };

export interface Field {
  key: string;
  /** full predicate IRI */
  pred: string;
  /** CURIE, for messages */
  curie: string;
  kind: Kind;
  /** array in JSON */
  many?: boolean;
}

export interface NodeSpec {
  /** rdf:type written for (and consumed from) the node */
  type?: string;
  fields: Field[];
}

/** One row of a mapping table (also used by ./model-dcat3). */
export const f = (key: string, curie: string, kind: Kind, many = false): Field => ({ key, pred: expand(curie), curie, kind, many });
const lit: Kind = { k: "lit" };
const lang: Kind = { k: "lang" };
const iri: Kind = { k: "iri" };
const ref: Kind = { k: "ref" };
const date: Kind = { k: "date" };
const int: Kind = { k: "int" };
const code = (vocab: Vocabulary): Kind => ({ k: "code", vocab });
const node = (spec: NodeSpec): Kind => ({ k: "node", spec });

export const TEMPORAL_ENTITY: NodeSpec = {
  type: expand("time:TemporalEntity"),
  fields: [f("description", "dct:description", lang), f("frequency", "cv:frequency", iri)],
};

export const AGENT_CONTACT_POINT: NodeSpec = {
  type: expand("cv:ContactPoint"),
  fields: [
    f("email", "cv:email", lit),
    f("contactPage", "cv:contactPage", iri),
    f("telephone", "cv:telephone", lit),
    f("openingHours", "cv:openingHours", node(TEMPORAL_ENTITY), true),
    f("specialOpeningHours", "cv:specialOpeningHoursSpecification", node(TEMPORAL_ENTITY), true),
  ],
};

export const AGENT: NodeSpec = {
  type: expand("foaf:Agent"),
  fields: [
    f("name", "foaf:name", lang),
    f("type", "dct:type", iri),
    f("description", "dct:description", lang),
    f("contactPoint", "cv:contactPoint", node(AGENT_CONTACT_POINT)),
  ],
};

export const CONTACT_KIND: NodeSpec = { type: expand("vcard:Kind"), fields: [f("url", "vcard:hasURL", iri), f("email", "vcard:hasEmail", { k: "mailto" })] };

export const PERIOD: NodeSpec = { type: expand("dct:PeriodOfTime"), fields: [f("startDate", "dcat:startDate", date), f("endDate", "dcat:endDate", date)] };

export const DISTRIBUTION: NodeSpec = {
  type: expand("dcat:Distribution"),
  fields: [
    f("title", "dct:title", lang),
    f("description", "dct:description", lang),
    f("applicableLegislation", "dcatap:applicableLegislation", iri, true),
    f("accessURL", "dcat:accessURL", iri),
    f("downloadURL", "dcat:downloadURL", iri),
    f("format", "dct:format", code(FILE_TYPES)),
    f("mediaType", "dcat:mediaType", iri),
    f("compressFormat", "dcat:compressFormat", iri),
    f("packageFormat", "dcat:packageFormat", iri),
    f("language", "dct:language", code(LANGUAGES), true),
    f("status", "adms:status", iri),
    f("availability", "dcatap:availability", iri),
    f("byteSize", "dcat:byteSize", int),
    f("license", "dct:license", ref),
    f("rights", "dct:rights", ref),
    f("accessService", "dcat:accessService", iri, true),
  ],
};

export const CSVW_COLUMN: NodeSpec = {
  type: expand("csvw:Column"),
  fields: [
    f("name", "csvw:name", lit),
    f("title", "csvw:title", lang),
    f("datatype", "csvw:datatype", lit),
    f("description", "dct:description", lang),
    f("propertyUrl", "csvw:propertyUrl", iri),
  ],
};

export const CSVW_TABLE: NodeSpec = {
  type: expand("csvw:Table"),
  fields: [
    f("title", "dct:title", lang),
    f("keyword", "dcat:keyword", { k: "langValues" }),
    f("url", "csvw:url", iri),
    f("columns", "csvw:column", node(CSVW_COLUMN), true),
  ],
};

export const CSVW_TABLE_GROUP: NodeSpec = {
  type: expand("csvw:TableGroup"),
  fields: [f("title", "dct:title", lang), f("tables", "csvw:table", node(CSVW_TABLE), true)],
};

export const DATASET: NodeSpec = {
  type: expand("dcat:Dataset"),
  fields: [
    f("identifier", "dct:identifier", lit),
    f("title", "dct:title", lang),
    f("description", "dct:description", lang),
    f("alternative", "dct:alternative", lang),
    f("accessRights", "dct:accessRights", code(ACCESS_RIGHTS)),
    f("applicableLegislation", "dcatap:applicableLegislation", iri, true),
    f("type", "dct:type", iri, true),
    f("language", "dct:language", code(LANGUAGES), true),
    f("accrualPeriodicity", "dct:accrualPeriodicity", iri),
    f("issued", "dct:issued", date),
    f("modified", "dct:modified", date),
    f("publisher", "dct:publisher", node(AGENT)),
    f("creator", "dct:creator", node(AGENT)),
    f("hdab", "healthdcatap:hdab", node(AGENT)),
    f("hdabCoordinator", "healthdcatap:hdabCoordinator", node(AGENT)),
    f("custodian", "geodcatap:custodian", node(AGENT)),
    f("contactPoint", "dcat:contactPoint", node(CONTACT_KIND), true),
    f("theme", "dcat:theme", code(DATA_THEMES), true),
    f("healthCategory", "healthdcatap:healthCategory", code(HEALTH_CATEGORIES), true),
    f("healthTheme", "healthdcatap:healthTheme", code(HEALTH_THEMES), true),
    f("keyword", "dcat:keyword", { k: "langValues" }),
    f("conformsTo", "dct:conformsTo", iri, true),
    f("relation", "dct:relation", iri, true),
    f("isReferencedBy", "dct:isReferencedBy", iri, true),
    f("spatial", "dct:spatial", iri, true),
    f("landingPage", "dcat:landingPage", iri, true),
    f("page", "foaf:page", iri, true),
    f("temporal", "dct:temporal", node(PERIOD), true),
    f("provenance", "dct:provenance", node({ type: expand("dct:ProvenanceStatement"), fields: [f("label", "rdfs:label", lang)] }), true),
    f("distribution", "dcat:distribution", node(DISTRIBUTION), true),
    f("sample", "adms:sample", node(DISTRIBUTION), true),
    f("analytics", "healthdcatap:analytics", node(DISTRIBUTION), true),
    f("purpose", "dpv:hasPurpose", node({ type: expand("dpv:Purpose"), fields: [f("description", "dct:description", lang)] }), true),
    f(
      "legalBasis",
      "dpv:hasLegalBasis",
      node({ type: expand("dpv:LegalBasis"), fields: [f("description", "dct:description", lang), f("source", "dct:source", iri)] }),
      true,
    ),
    f("personalData", "dpv:hasPersonalData", iri, true),
    f("hasStructuredData", "healthdcatap:hasStructuredData", { k: "bool" }),
    f("variables", "healthdcatap:hasVariables", node(CSVW_TABLE_GROUP), true),
    f("codeValues", "healthdcatap:hasCodeValues", lit, true),
    f("codingSystem", "healthdcatap:hasCodingSystem", iri, true),
    f("minTypicalAge", "healthdcatap:minTypicalAge", int),
    f("maxTypicalAge", "healthdcatap:maxTypicalAge", int),
    f("numberOfRecords", "healthdcatap:numberOfRecords", int),
    f("numberOfUniqueIndividuals", "healthdcatap:numberOfUniqueIndividuals", int),
    f("populationCoverage", "healthdcatap:populationCoverage", lang),
    f("retentionPeriod", "healthdcatap:retentionPeriod", node(PERIOD)),
    f("temporalResolution", "dcat:temporalResolution", { k: "duration" }),
    f("spatialResolutionInMeters", "dcat:spatialResolutionInMeters", { k: "decimal" }),
    f("version", "dcat:version", lit),
    f("versionNotes", "adms:versionNotes", lang),
    f("previousVersion", "dcat:previousVersion", iri),
    f("hasVersion", "dcat:hasVersion", iri, true),
    f("isVersionOf", "dct:isVersionOf", iri),
    f("inSeries", "dcat:inSeries", iri, true),
  ],
};
