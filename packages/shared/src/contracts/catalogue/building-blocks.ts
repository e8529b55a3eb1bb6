/** catalogue contracts: building blocks (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { ACCESS_RIGHTS, DATA_THEMES, HEALTH_CATEGORIES, codesOf } from "../dcat/vocabularies";

// ---------------------------------------------------------------------------------------------- building blocks

/** An absolute IRI (http, https, mailto, urn, …). */
export const Iri = z
  .string()
  .min(3)
  .max(2000)
  .regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]+$/, "must be an absolute IRI");
/** A node reference: an absolute IRI, or a blank node label `_:name` (kept so that harvested graphs round-trip). */
export const NodeRef = z.union([Iri, z.string().regex(/^_:[A-Za-z0-9_-]{1,120}$/)]);

/** Text in one or more languages: `{"nl": "...", "en": "..."}`; `@none` for text without a language tag. */
export const LangMap = z
  .record(z.string().regex(/^(@none|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*)$/, "a BCP 47 language tag or @none"), z.string().min(1).max(20000))
  .refine((m) => Object.keys(m).length > 0, "give the text in at least one language")
  .openapi("LangMap", { example: { nl: "Kankerregistratie", en: "Cancer registry" } });
export type LangMap = z.infer<typeof LangMap>;

/** One literal with an optional language (keywords). */
export const LangValue = component("LangValue", {
  value: z.string().min(1).max(500),
  lang: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/)
    .optional(),
});
export type LangValue = z.infer<typeof LangValue>;

/** xsd:date (YYYY-MM-DD) or xsd:dateTime. */
export const DateLiteral = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/, "an xsd:date (YYYY-MM-DD) or xsd:dateTime");

export const ThemeCode = z.enum(codesOf(DATA_THEMES)).openapi("ThemeCode");
export const AccessRightsCode = z.enum(codesOf(ACCESS_RIGHTS)).openapi("AccessRightsCode");
export const HealthCategoryCode = z.enum(codesOf(HEALTH_CATEGORIES)).openapi("HealthCategoryCode");
/** Codes of open EU vocabularies (file types, languages, health themes). */
export const VocabCode = z.string().regex(/^[A-Z0-9_-]{1,64}$/, "a vocabulary code such as CSV or NLD");

export const PeriodOfTime = component("PeriodOfTime", { iri: NodeRef.optional(), startDate: DateLiteral.optional(), endDate: DateLiteral.optional() });
export type PeriodOfTime = z.infer<typeof PeriodOfTime>;

/** time:TemporalEntity (opening hours of a contact point). */
export const TemporalEntity = component("TemporalEntity", { iri: NodeRef.optional(), description: LangMap, frequency: Iri.optional() });

/** cv:ContactPoint of an agent (publisher, HDAB, custodian). */
export const AgentContactPoint = component("AgentContactPoint", {
  iri: NodeRef.optional(),
  email: z.string().min(3).max(320).optional(),
  contactPage: Iri.optional(),
  telephone: z.string().min(3).max(50).optional(),
  openingHours: z.array(TemporalEntity).max(10).optional(),
  specialOpeningHours: z.array(TemporalEntity).max(10).optional(),
});

/** foaf:Agent: publisher, creator, HDAB, HDAB coordinator, custodian. */
export const Agent = component("Agent", {
  iri: NodeRef.optional(),
  name: LangMap,
  type: Iri.optional(),
  description: LangMap.optional(),
  contactPoint: AgentContactPoint.optional(),
});
export type Agent = z.infer<typeof Agent>;

/** vcard:Kind: the dataset's contact point (dcat:contactPoint). `email` without `mailto:`. */
export const ContactKind = component("ContactKind", { iri: NodeRef.optional(), url: Iri.optional(), email: z.string().min(3).max(320).optional() });

export const Distribution = component("Distribution", {
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
  /** dcat:accessService: the IRIs of the dcat:DataService that give access to this distribution */
  accessService: z.array(Iri).max(20).optional(),
});
export type Distribution = z.infer<typeof Distribution>;

export const CsvwColumn = component("CsvwColumn", {
  iri: NodeRef.optional(),
  name: z.string().min(1).max(200),
  title: LangMap,
  datatype: z.string().min(1).max(100),
  description: LangMap,
  propertyUrl: Iri.optional(),
});

export const CsvwTable = component("CsvwTable", {
  iri: NodeRef.optional(),
  title: LangMap,
  keyword: z.array(LangValue).max(50).optional(),
  url: Iri.optional(),
  columns: z.array(CsvwColumn).max(2000),
});

/** healthdcatap:hasVariables: a csvw:TableGroup describing the dataset's variables. */
export const CsvwTableGroup = component("CsvwTableGroup", { iri: NodeRef.optional(), title: LangMap, tables: z.array(CsvwTable).max(100) });

export const Provenance = component("ProvenanceStatement", { iri: NodeRef.optional(), label: LangMap });
/** dpv:Purpose of a dataset (not the consent registry's TREAT/COC `Purpose`). */
export const DpvPurpose = component("DpvPurpose", { iri: NodeRef.optional(), description: LangMap.optional() });
export const LegalBasis = component("DpvLegalBasis", { iri: NodeRef.optional(), description: LangMap.optional(), source: Iri.optional() });
