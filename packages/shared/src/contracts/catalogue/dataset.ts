/** catalogue contracts: dataset (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import {
  AccessRightsCode,
  Agent,
  ContactKind,
  CsvwTableGroup,
  DateLiteral,
  Distribution,
  DpvPurpose,
  HealthCategoryCode,
  Iri,
  LangMap,
  LangValue,
  LegalBasis,
  PeriodOfTime,
  Provenance,
  ThemeCode,
  VocabCode,
} from "./building-blocks";

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
  /** dct:type (e.g. the EU dataset-type vocabulary); mandatory at the NON_PUBLIC level only */
  type: z.array(Iri).max(20).default([]),
  language: z.array(VocabCode).max(20).optional(),
  accrualPeriodicity: Iri.optional(),
  issued: DateLiteral.optional(),
  publisher: Agent.optional(),
  creator: Agent.optional(),
  hdab: Agent,
  hdabCoordinator: Agent.optional(),
  custodian: Agent.optional(),
  /** mandatory at the NON_PUBLIC level, recommended at PUBLIC and RESTRICTED */
  contactPoint: z.array(ContactKind).max(20).default([]),
  theme: z.array(ThemeCode).max(13),
  healthCategory: z.array(HealthCategoryCode).max(17),
  healthTheme: z.array(VocabCode).max(50).optional(),
  /** mandatory at the NON_PUBLIC level, recommended at PUBLIC and RESTRICTED */
  keyword: z.array(LangValue).max(100).default([]),
  conformsTo: z.array(Iri).max(50).optional(),
  relation: z.array(Iri).max(50).optional(),
  isReferencedBy: z.array(Iri).max(50).optional(),
  spatial: z.array(Iri).max(50).optional(),
  landingPage: z.array(Iri).max(20).optional(),
  page: z.array(Iri).max(20).optional(),
  temporal: z.array(PeriodOfTime).max(20).optional(),
  /** mandatory at the NON_PUBLIC level only */
  provenance: z.array(Provenance).max(20).default([]),
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
  temporalResolution: z
    .string()
    .regex(/^-?P[0-9YMWDTHS.]+$/, "an xsd:duration such as P1M")
    .optional(),
  spatialResolutionInMeters: z.number().nonnegative().optional(),
  version: z.string().min(1).max(100).optional(),
  versionNotes: LangMap.optional(),
  /** dcat:previousVersion: the IRI of the version this one follows (DCAT 3) */
  previousVersion: Iri.optional(),
  /** dcat:hasVersion (DCAT 3, as the DCAT-AP 3 JSON-LD context) and its inverse dct:isVersionOf: related versions (IRIs) */
  hasVersion: z.array(Iri).max(100).optional(),
  isVersionOf: Iri.optional(),
  /** dcat:inSeries: the IRIs of the dcat:DatasetSeries this dataset belongs to */
  inSeries: z.array(Iri).max(20).optional(),
  /**
   * Statements about the dataset that the JSON model does not cover (quality annotations, licence documents,
   * provenance activities, …), as N-Triples, kept so that a harvested graph is exported unchanged.
   */
  extraTriples: z.string().max(1_000_000).optional(),
};

/**
 * What a publisher sends (POST/PUT /v1/datasets). Structural rules only: the HealthDCAT-AP rules of the dataset's
 * access level (`accessRights` PUBLIC, RESTRICTED or NON_PUBLIC: cardinalities, HEAL theme, HDAB, variables when
 * structured, …) are checked by the publishing validator, which answers 422 with every violated property at once.
 */
export const DatasetInput = component("DatasetInput", { ...datasetFields, modified: DateLiteral.optional() });
export type DatasetInput = z.infer<typeof DatasetInput>;

/** A stored dataset as the API returns it. */
export const Dataset = component("Dataset", {
  ...datasetFields,
  id: z.string(),
  iri: Iri,
  /** the Regie publisher account that owns the dataset */
  publisherId: z.string(),
  modified: DateLiteral,
  /** increases by one on every change */
  revision: z.number().int().positive(),
  /** the metadata quality score (MQA points, 0–405), given by GET /v1/datasets/{id}; details at …/{id}/quality */
  quality: z.number().int().nonnegative().optional(),
});
export type Dataset = z.infer<typeof Dataset>;

/** One violated HealthDCAT-AP rule: `property` is the RDF property (CURIE), `path` a JSON pointer into the dataset. */
export const Violation = component(
  "Violation",
  { path: z.string(), property: z.string(), message: z.string() },
  { example: { path: "/hdab", property: "healthdcatap:hdab", message: "healthdcatap:hdab: exactly one Health Data Access Body is required" } },
);
export type Violation = z.infer<typeof Violation>;
