/**
 * Catalogue contracts: the HealthDCAT-AP Release 8 dataset as JSON, search request/response with facets,
 * publishing, harvest reports, data access applications (EHDS) and the CKAN Action API shapes.
 * JSON field names follow the HealthDCAT-AP / DCAT-AP property names (camelCase, no prefix).
 * Vocabulary values are short codes (see ./dcat/vocabularies); other references are absolute IRIs.
 */
import { z } from "@hono/zod-openapi";
import { CohortFilterRequest, CohortFilterResponse } from "./consent";
import { ACCESS_RIGHTS, DATA_THEMES, EHDS_PURPOSES, FILE_TYPES, HEALTH_CATEGORIES, LANGUAGES, codesOf, type Vocabulary } from "./dcat/vocabularies";

export * from "./dcat/vocabularies";

// ---------------------------------------------------------------------------------------------- building blocks

/** An absolute IRI (http, https, mailto, urn, …). */
export const Iri = z.string().min(3).max(2000).regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]+$/, "must be an absolute IRI");
/** A node reference: an absolute IRI, or a blank node label `_:name` (kept so that harvested graphs round-trip). */
export const NodeRef = z.union([Iri, z.string().regex(/^_:[A-Za-z0-9_-]{1,120}$/)]);

/** Text in one or more languages: `{"nl": "...", "en": "..."}`; `@none` for text without a language tag. */
export const LangMap = z
  .record(z.string().regex(/^(@none|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*)$/, "a BCP 47 language tag or @none"), z.string().min(1).max(20000))
  .refine((m) => Object.keys(m).length > 0, "give the text in at least one language")
  .openapi("LangMap", { example: { nl: "Kankerregistratie", en: "Cancer registry" } });
export type LangMap = z.infer<typeof LangMap>;

/** One literal with an optional language (keywords). */
export const LangValue = z.object({ value: z.string().min(1).max(500), lang: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/).optional() }).openapi("LangValue");
export type LangValue = z.infer<typeof LangValue>;

/** xsd:date (YYYY-MM-DD) or xsd:dateTime. */
export const DateLiteral = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/, "an xsd:date (YYYY-MM-DD) or xsd:dateTime");

export const ThemeCode = z.enum(codesOf(DATA_THEMES)).openapi("ThemeCode");
export const AccessRightsCode = z.enum(codesOf(ACCESS_RIGHTS)).openapi("AccessRightsCode");
export const HealthCategoryCode = z.enum(codesOf(HEALTH_CATEGORIES)).openapi("HealthCategoryCode");
/** Codes of open EU vocabularies (file types, languages, health themes). */
export const VocabCode = z.string().regex(/^[A-Z0-9_-]{1,64}$/, "a vocabulary code such as CSV or NLD");

export const PeriodOfTime = z
  .object({ iri: NodeRef.optional(), startDate: DateLiteral.optional(), endDate: DateLiteral.optional() })
  .openapi("PeriodOfTime");
export type PeriodOfTime = z.infer<typeof PeriodOfTime>;

/** time:TemporalEntity (opening hours of a contact point). */
export const TemporalEntity = z
  .object({ iri: NodeRef.optional(), description: LangMap, frequency: Iri.optional() })
  .openapi("TemporalEntity");

/** cv:ContactPoint of an agent (publisher, HDAB, custodian). */
export const AgentContactPoint = z
  .object({
    iri: NodeRef.optional(),
    email: z.string().min(3).max(320).optional(),
    contactPage: Iri.optional(),
    telephone: z.string().min(3).max(50).optional(),
    openingHours: z.array(TemporalEntity).max(10).optional(),
    specialOpeningHours: z.array(TemporalEntity).max(10).optional(),
  })
  .openapi("AgentContactPoint");

/** foaf:Agent: publisher, creator, HDAB, HDAB coordinator, custodian. */
export const Agent = z
  .object({
    iri: NodeRef.optional(),
    name: LangMap,
    type: Iri.optional(),
    description: LangMap.optional(),
    contactPoint: AgentContactPoint.optional(),
  })
  .openapi("Agent");
export type Agent = z.infer<typeof Agent>;

/** vcard:Kind: the dataset's contact point (dcat:contactPoint). `email` without `mailto:`. */
export const ContactKind = z
  .object({ iri: NodeRef.optional(), url: Iri.optional(), email: z.string().min(3).max(320).optional() })
  .openapi("ContactKind");

export const Distribution = z
  .object({
    iri: NodeRef.optional(),
    title: LangMap.optional(),
    description: LangMap.optional(),
    applicableLegislation: z.array(Iri).max(20),
    accessURL: Iri,
    downloadURL: Iri.optional(),
    format: VocabCode.optional(),
    mediaType: Iri.optional(),
    compressFormat: Iri.optional(),
    packageFormat: Iri.optional(),
    language: z.array(VocabCode).max(20).optional(),
    status: Iri.optional(),
    availability: Iri.optional(),
    byteSize: z.number().int().nonnegative().optional(),
    license: NodeRef.optional(),
    rights: NodeRef.optional(),
  })
  .openapi("Distribution");
export type Distribution = z.infer<typeof Distribution>;

export const CsvwColumn = z
  .object({
    iri: NodeRef.optional(),
    name: z.string().min(1).max(200),
    title: LangMap,
    datatype: z.string().min(1).max(100),
    description: LangMap,
    propertyUrl: Iri.optional(),
  })
  .openapi("CsvwColumn");

export const CsvwTable = z
  .object({
    iri: NodeRef.optional(),
    title: LangMap,
    keyword: z.array(LangValue).max(50).optional(),
    url: Iri.optional(),
    columns: z.array(CsvwColumn).max(2000),
  })
  .openapi("CsvwTable");

/** healthdcatap:hasVariables: a csvw:TableGroup describing the dataset's variables. */
export const CsvwTableGroup = z
  .object({ iri: NodeRef.optional(), title: LangMap, tables: z.array(CsvwTable).max(100) })
  .openapi("CsvwTableGroup");

export const Provenance = z.object({ iri: NodeRef.optional(), label: LangMap }).openapi("ProvenanceStatement");
/** dpv:Purpose of a dataset (not the consent registry's TREAT/COC `Purpose`). */
export const DpvPurpose = z.object({ iri: NodeRef.optional(), description: LangMap.optional() }).openapi("DpvPurpose");
export const LegalBasis = z
  .object({ iri: NodeRef.optional(), description: LangMap.optional(), source: Iri.optional() })
  .openapi("DpvLegalBasis");

// ---------------------------------------------------------------------------------------------- dataset

const datasetFields = {
  /** The dataset IRI; minted from the catalogue's base when absent. */
  iri: Iri.optional(),
  identifier: z.string().min(1).max(500),
  title: LangMap,
  description: LangMap,
  alternative: LangMap.optional(),
  accessRights: AccessRightsCode,
  applicableLegislation: z.array(Iri).max(20),
  /** dct:type (e.g. the EU dataset-type vocabulary) */
  type: z.array(Iri).max(20),
  language: z.array(VocabCode).max(20).optional(),
  accrualPeriodicity: Iri.optional(),
  issued: DateLiteral.optional(),
  publisher: Agent.optional(),
  creator: Agent.optional(),
  hdab: Agent,
  hdabCoordinator: Agent.optional(),
  custodian: Agent.optional(),
  contactPoint: z.array(ContactKind).max(20),
  theme: z.array(ThemeCode).max(13),
  healthCategory: z.array(HealthCategoryCode).max(17),
  healthTheme: z.array(VocabCode).max(50).optional(),
  keyword: z.array(LangValue).max(100),
  conformsTo: z.array(Iri).max(50).optional(),
  relation: z.array(Iri).max(50).optional(),
  isReferencedBy: z.array(Iri).max(50).optional(),
  spatial: z.array(Iri).max(50).optional(),
  landingPage: z.array(Iri).max(20).optional(),
  page: z.array(Iri).max(20).optional(),
  temporal: z.array(PeriodOfTime).max(20).optional(),
  provenance: z.array(Provenance).max(20),
  distribution: z.array(Distribution).max(100),
  sample: z.array(Distribution).max(20).optional(),
  analytics: z.array(Distribution).max(20).optional(),
  purpose: z.array(DpvPurpose).max(20).optional(),
  legalBasis: z.array(LegalBasis).max(20).optional(),
  personalData: z.array(Iri).max(100).optional(),
  hasStructuredData: z.boolean(),
  variables: z.array(CsvwTableGroup).max(20).optional(),
  codeValues: z.array(z.string().min(1).max(200)).max(500).optional(),
  codingSystem: z.array(Iri).max(50).optional(),
  minTypicalAge: z.number().int().nonnegative().max(150).optional(),
  maxTypicalAge: z.number().int().nonnegative().max(150).optional(),
  numberOfRecords: z.number().int().nonnegative().optional(),
  numberOfUniqueIndividuals: z.number().int().nonnegative().optional(),
  populationCoverage: LangMap.optional(),
  retentionPeriod: PeriodOfTime.optional(),
  temporalResolution: z.string().regex(/^-?P[0-9YMWDTHS.]+$/, "an xsd:duration such as P1M").optional(),
  spatialResolutionInMeters: z.number().nonnegative().optional(),
  version: z.string().min(1).max(100).optional(),
  versionNotes: LangMap.optional(),
  /**
   * Statements about the dataset that the JSON model does not cover (quality annotations, licence documents,
   * provenance activities, …), as N-Triples, kept so that a harvested graph is exported unchanged.
   */
  extraTriples: z.string().max(1_000_000).optional(),
};

/**
 * What a publisher sends (POST/PUT /v1/datasets). Structural rules only: the HealthDCAT-AP rules (cardinalities,
 * HEAL theme, HDAB, variables when structured, …) are checked by the publishing validator, which answers 422 with
 * every violated property at once.
 */
export const DatasetInput = z.object({ ...datasetFields, modified: DateLiteral.optional() }).openapi("DatasetInput");
export type DatasetInput = z.infer<typeof DatasetInput>;

/** A stored dataset as the API returns it. */
export const Dataset = z
  .object({
    ...datasetFields,
    id: z.string(),
    iri: Iri,
    /** the Regie publisher account that owns the dataset */
    publisherId: z.string(),
    modified: DateLiteral,
    /** increases by one on every change */
    revision: z.number().int().positive(),
  })
  .openapi("Dataset");
export type Dataset = z.infer<typeof Dataset>;

/** One violated HealthDCAT-AP rule: `property` is the RDF property (CURIE), `path` a JSON pointer into the dataset. */
export const Violation = z
  .object({ path: z.string(), property: z.string(), message: z.string() })
  .openapi("Violation", { example: { path: "/hdab", property: "healthdcatap:hdab", message: "healthdcatap:hdab: exactly one Health Data Access Body is required" } });
export type Violation = z.infer<typeof Violation>;

// ---------------------------------------------------------------------------------------------- search

export const FACET_FIELDS = ["theme", "healthCategory", "publisher", "accessRights", "keyword", "format", "language"] as const;
export const FacetField = z.enum(FACET_FIELDS);
export type FacetField = z.infer<typeof FacetField>;
export const SORTS = ["relevance", "modified", "title"] as const;
export const SearchSort = z.enum(SORTS);

/** The facets whose values are vocabulary codes, each with its vocabulary (labels, IRIs). */
export const FACET_VOCABULARIES: Partial<Record<FacetField, Vocabulary>> = {
  theme: DATA_THEMES,
  healthCategory: HEALTH_CATEGORIES,
  accessRights: ACCESS_RIGHTS,
  format: FILE_TYPES,
  language: LANGUAGES,
};

/** A search as the catalogue runs it (GET /v1/datasets through `SearchParams`, CKAN package_search, the typed client). */
export const SearchQuery = z
  .object({
    q: z.string().max(500).optional(),
    theme: z.array(z.string().max(200)).max(1000).optional(),
    healthCategory: z.array(z.string().max(200)).max(1000).optional(),
    publisher: z.array(z.string().max(200)).max(1000).optional(),
    accessRights: z.array(z.string().max(200)).max(1000).optional(),
    keyword: z.array(z.string().max(200)).max(1000).optional(),
    format: z.array(z.string().max(200)).max(1000).optional(),
    language: z.array(z.string().max(200)).max(1000).optional(),
    /** age range overlap: the dataset's typical ages overlap [minAge, maxAge] */
    minAge: z.number().int().min(0).max(150).optional(),
    maxAge: z.number().int().min(0).max(150).optional(),
    /** temporal coverage overlap with [temporalStart, temporalEnd] */
    temporalStart: DateLiteral.optional(),
    temporalEnd: DateLiteral.optional(),
    minIndividuals: z.number().int().min(0).optional(),
    /** relevance (default with q), modified (newest first, default without q) or title (A–Z) */
    sort: SearchSort.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().max(500).optional(),
  })
  .openapi("SearchQuery");
export type SearchQuery = z.infer<typeof SearchQuery>;

// Query-string coercion. A parameter arrives as a string, or as string[] when it repeats; each field is documented
// as it arrives (string, or string | string[] for facets), normalised, then checked with the SearchQuery field.
const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blank = (v: string) => (v === "" ? undefined : v);
const intOrText = (v: string) => (v === "" ? undefined : /^-?\d+$/.test(v) ? Number(v) : v);
/** The first value of the parameter, converted; an empty parameter is absent. */
const param = <T extends z.ZodType>(convert: (v: string) => unknown, schema: T) => z.preprocess(firstValue, z.string()).transform(convert).pipe(schema).optional();
/** Every value of a repeated parameter; code facets also split on commas; values trimmed, blanks dropped; none: absent. */
const facet = (field: FacetField) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => {
      const values = (Array.isArray(v) ? v : [v])
        .flatMap((x) => (field in FACET_VOCABULARIES ? x.split(",") : [x]))
        .map((x) => x.trim())
        .filter(Boolean);
      return values.length ? values : undefined;
    })
    .pipe(SearchQuery.shape[field])
    .optional();

/**
 * Query parameters of GET /v1/datasets, as they arrive: facet parameters repeat (`theme=HEAL&theme=SOCI`), code
 * facets (theme, healthCategory, accessRights, format, language) may also be comma separated; other parameters
 * take their first value; an empty parameter is absent. Parses into a `SearchQuery` plus `limit` (default 20),
 * `cursor` and `lang` (labels in en, the default, or nl).
 */
export const SearchParams = z.object({
  q: param(blank, SearchQuery.shape.q),
  theme: facet("theme"),
  healthCategory: facet("healthCategory"),
  publisher: facet("publisher"),
  accessRights: facet("accessRights"),
  keyword: facet("keyword"),
  format: facet("format"),
  language: facet("language"),
  minAge: param(intOrText, SearchQuery.shape.minAge),
  maxAge: param(intOrText, SearchQuery.shape.maxAge),
  temporalStart: param(blank, SearchQuery.shape.temporalStart),
  temporalEnd: param(blank, SearchQuery.shape.temporalEnd),
  minIndividuals: param(intOrText, SearchQuery.shape.minIndividuals),
  sort: param(blank, SearchQuery.shape.sort),
  limit: param(intOrText, SearchQuery.shape.limit).transform((v) => v ?? 20),
  cursor: param(blank, SearchQuery.shape.cursor),
  lang: param(blank, z.string().optional())
    .transform((v): "en" | "nl" => (v === "nl" ? "nl" : "en"))
    .openapi({ description: "labels in en (default) or nl" }),
});
export type SearchParams = z.output<typeof SearchParams>;

export const FacetCount = z.object({ value: z.string(), label: z.string(), count: z.number().int() }).openapi("FacetCount");
export type FacetCount = z.infer<typeof FacetCount>;

/** The compact search hit. */
export const DatasetSummary = z
  .object({
    id: z.string(),
    iri: z.string(),
    title: LangMap,
    description: LangMap,
    publisher: z.object({ id: z.string(), name: z.string() }),
    theme: z.array(z.string()),
    healthCategory: z.array(z.string()),
    accessRights: z.string(),
    keyword: z.array(z.string()),
    format: z.array(z.string()),
    language: z.array(z.string()),
    minTypicalAge: z.number().int().nullable(),
    maxTypicalAge: z.number().int().nullable(),
    numberOfUniqueIndividuals: z.number().int().nullable(),
    temporalStart: z.string().nullable(),
    temporalEnd: z.string().nullable(),
    modified: z.string(),
  })
  .openapi("DatasetSummary");
export type DatasetSummary = z.infer<typeof DatasetSummary>;

export const SearchResponse = z
  .object({
    total: z.number().int(),
    items: z.array(DatasetSummary),
    /** per facet field, values with counts; a facet's own selection does not narrow its own counts */
    facets: z.record(z.string(), z.array(FacetCount)),
    nextCursor: z.string().nullable(),
  })
  .openapi("SearchResponse");
export type SearchResponse = z.infer<typeof SearchResponse>;

/** GET /v1/vocabularies: every controlled vocabulary by name, with Dutch and English labels. */
export const VocabularyTermOut = z.object({ code: z.string(), en: z.string(), nl: z.string(), iri: z.string().optional() });
export const Vocabularies = z.record(z.string(), z.array(VocabularyTermOut)).openapi("Vocabularies");
export type Vocabularies = z.infer<typeof Vocabularies>;

// ---------------------------------------------------------------------------------------------- DCAT export

/** Query parameters of GET /catalog.ttl and /catalog.jsonld: Hydra paging (page from 1, 100 per page, at most 1000). */
export const CatalogPageQuery = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,6}$/, "a page number from 1")
    .optional()
    .transform((v) => Number(v ?? 1)),
  pageSize: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, "a page size from 1 to 1000")
    .optional()
    .transform((v) => Math.min(1000, Number(v ?? 100))),
  modified_since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, "an ISO 8601 date or date-time")
    .optional(),
});
export type CatalogPageQuery = z.output<typeof CatalogPageQuery>;

/** Development only (POST /dev/seed): the demo catalogue, or `{"count": n}` to grow it to n datasets. */
export const DevSeedRequest = z.object({ count: z.number().int().min(0).max(200_000).optional() }).strict();
export type DevSeedRequest = z.infer<typeof DevSeedRequest>;

// ---------------------------------------------------------------------------------------------- harvest

export const HarvestReport = z
  .object({
    imported: z.array(z.object({ id: z.string(), iri: z.string(), created: z.boolean() })),
    rejected: z.array(z.object({ iri: z.string(), violations: z.array(Violation) })),
  })
  .openapi("HarvestReport");
export type HarvestReport = z.infer<typeof HarvestReport>;

// ---------------------------------------------------------------------------------------------- access applications (EHDS)

export const EhdsPurposeCode = z.enum(EHDS_PURPOSES.map((p) => p.code) as [string, ...string[]]).openapi("EhdsPurpose");
export const APPLICATION_STATUSES = ["submitted", "under_review", "approved", "rejected"] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
/** The HDAB review workflow: submitted -> under_review -> approved | rejected (the last two are final). */
export const APPLICATION_NEXT_STATUSES: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  submitted: ["under_review"],
  under_review: ["approved", "rejected"],
  approved: [],
  rejected: [],
};

export const AccessApplicationInput = z
  .object({
    datasetIds: z.array(z.string().min(1).max(200)).min(1).max(50),
    applicant: z.object({
      name: z.string().min(1).max(200),
      organisation: z.string().min(1).max(200),
      email: z.string().email().max(320),
    }),
    purpose: EhdsPurposeCode,
    purposeDescription: z.string().min(10).max(5000),
    requestedData: z.string().min(3).max(5000),
    dataForm: z.enum(["anonymised", "pseudonymised"]),
    /** required when dataForm is pseudonymised (EHDS Art. 66: why anonymised data are not enough) */
    pseudonymisationJustification: z.string().min(10).max(5000).optional(),
    safeguards: z.string().min(3).max(5000),
    durationMonths: z.number().int().min(1).max(120),
    processingEnvironment: z.string().min(3).max(500),
  })
  .refine((a) => a.dataForm !== "pseudonymised" || !!a.pseudonymisationJustification, {
    path: ["pseudonymisationJustification"],
    message: "a justification is required for pseudonymised data",
  })
  .openapi("AccessApplicationInput");
export type AccessApplicationInput = z.infer<typeof AccessApplicationInput>;

export const ApplicationEvent = z.object({ status: ApplicationStatus, at: z.string(), by: z.string(), reasons: z.string().optional() });

export const AccessApplication = z
  .object({
    id: z.string(),
    researcher: z.string(),
    datasetIds: z.array(z.string()),
    applicant: z.object({ name: z.string(), organisation: z.string(), email: z.string() }),
    purpose: z.string(),
    purposeDescription: z.string(),
    requestedData: z.string(),
    dataForm: z.enum(["anonymised", "pseudonymised"]),
    pseudonymisationJustification: z.string().optional(),
    safeguards: z.string(),
    durationMonths: z.number().int(),
    processingEnvironment: z.string(),
    status: ApplicationStatus,
    /** HDAB's reasons for the last decision */
    reasons: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** when the data permit was approved (the cohort filter uses it) */
    approvedAt: z.string().nullable(),
    history: z.array(ApplicationEvent),
  })
  .openapi("AccessApplication");
export type AccessApplication = z.infer<typeof AccessApplication>;

/** HDAB: POST /v1/access-applications/{id}/status */
export const ApplicationStatusChange = z
  .object({ status: z.enum(["under_review", "approved", "rejected"]), reasons: z.string().min(3).max(5000).optional() })
  .refine((s) => s.status !== "rejected" || !!s.reasons, { path: ["reasons"], message: "reasons are required when rejecting" })
  .openapi("ApplicationStatusChange");
export type ApplicationStatusChange = z.infer<typeof ApplicationStatusChange>;

/**
 * HDAB: POST /v1/access-applications/{id}/cohort-filter forwards to the consent service's opt-out filter
 * (POST /v1/secondary-use/cohort-filter) with the application's approval time, so the body is the consent
 * contract's BSN list and the answer the consent contract's answer.
 */
export const ApplicationCohortFilterRequest = z.object({ bsns: CohortFilterRequest.shape.bsns }).openapi("ApplicationCohortFilterRequest");
export type ApplicationCohortFilterRequest = z.infer<typeof ApplicationCohortFilterRequest>;
export const ApplicationCohortFilterResponse = CohortFilterResponse.openapi("ApplicationCohortFilterResponse");
export type ApplicationCohortFilterResponse = z.infer<typeof ApplicationCohortFilterResponse>;

export const AccessApplicationList = z.object({ items: z.array(AccessApplication) }).openapi("AccessApplicationList");

// ---------------------------------------------------------------------------------------------- CKAN Action API

export const CkanResource = z.object({ id: z.string(), url: z.string(), format: z.string(), name: z.string(), description: z.string() });
export const CkanPackage = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    notes: z.string(),
    url: z.string(),
    metadata_modified: z.string(),
    owner_org: z.string(),
    organization: z.object({ id: z.string(), name: z.string(), title: z.string() }),
    tags: z.array(z.object({ name: z.string() })),
    groups: z.array(z.object({ name: z.string(), title: z.string() })),
    resources: z.array(CkanResource),
    num_resources: z.number().int(),
    extras: z.array(z.object({ key: z.string(), value: z.string() })),
  })
  .openapi("CkanPackage");
export type CkanPackage = z.infer<typeof CkanPackage>;

export const CkanSearchResult = z.object({
  count: z.number().int(),
  results: z.array(CkanPackage),
  facets: z.record(z.string(), z.record(z.string(), z.number().int())),
  search_facets: z.record(z.string(), z.object({ title: z.string(), items: z.array(z.object({ name: z.string(), display_name: z.string(), count: z.number().int() })) })),
  sort: z.string(),
});
