/**
 * catalogue contracts: the DCAT-AP 3 classes beside datasets (re-exported by ../catalogue.ts): dcat:DataService,
 * dcat:DatasetSeries (with its members) and the revision history of a dataset's metadata.
 */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { Agent, ContactKind, DateLiteral, Iri, LangMap, LangValue, NodeRef } from "./building-blocks";
import { Dataset } from "./dataset";

const ownedFields = {
  id: z.string(),
  iri: Iri,
  /** the Regie publisher account that owns it */
  publisherId: z.string(),
  modified: DateLiteral,
  /** increases by one on every change */
  revision: z.number().int().positive(),
};

// ---------------------------------------------------------------------------------------------- dcat:DataService

const dataServiceFields = {
  /** minted from the catalogue's base when absent */
  iri: Iri.optional(),
  /** a short identifier; the service's id is its slug (from the English or Dutch title when absent) */
  identifier: z.string().min(1).max(500).optional(),
  /** dct:title, mandatory (DCAT-AP 3.0.1) */
  title: LangMap,
  description: LangMap.optional(),
  /** dcat:endpointURL, at least one (DCAT-AP 3.0.1) */
  endpointURL: z.array(Iri).max(20),
  endpointDescription: z.array(Iri).max(20).optional(),
  /** dcat:servesDataset: the IRIs of the datasets it gives access to */
  servesDataset: z.array(Iri).max(500).optional(),
  publisher: Agent.optional(),
  contactPoint: z.array(ContactKind).max(20).optional(),
  /** dct:license (at most one) */
  license: NodeRef.optional(),
  /** dct:accessRights (at most one), e.g. an EU access-right IRI */
  accessRights: NodeRef.optional(),
  applicableLegislation: z.array(Iri).max(20).optional(),
  conformsTo: z.array(Iri).max(50).optional(),
  keyword: z.array(LangValue).max(100).optional(),
  landingPage: z.array(Iri).max(20).optional(),
  theme: z.array(Iri).max(50).optional(),
};

/** What a publisher sends (POST/PUT /v1/data-services); the mandatory DCAT-AP rules give 422 naming the property. */
export const DataServiceInput = component("DataServiceInput", { ...dataServiceFields, modified: DateLiteral.optional() });
export type DataServiceInput = z.infer<typeof DataServiceInput>;
export const DataService = component("DataService", { ...dataServiceFields, ...ownedFields });
export type DataService = z.infer<typeof DataService>;

// ---------------------------------------------------------------------------------------------- dcat:DatasetSeries

const seriesFields = {
  iri: Iri.optional(),
  identifier: z.string().min(1).max(500).optional(),
  /** dct:title and dct:description, mandatory (DCAT-AP 3.0.1) */
  title: LangMap,
  description: LangMap,
  /** mandatory at every HealthDCAT-AP R8 level */
  applicableLegislation: z.array(Iri).max(20),
  publisher: Agent.optional(),
  contactPoint: z.array(ContactKind).max(20).optional(),
  accrualPeriodicity: Iri.optional(),
  issued: DateLiteral.optional(),
  spatial: z.array(Iri).max(50).optional(),
};

export const DatasetSeriesInput = component("DatasetSeriesInput", { ...seriesFields, modified: DateLiteral.optional() });
export type DatasetSeriesInput = z.infer<typeof DatasetSeriesInput>;
export const DatasetSeries = component("DatasetSeries", { ...seriesFields, ...ownedFields });
export type DatasetSeries = z.infer<typeof DatasetSeries>;

/** One dataset of a series (its dcat:inSeries names the series), as listed in order. */
export const SeriesMember = component("SeriesMember", {
  id: z.string(),
  iri: Iri,
  title: LangMap,
  issued: DateLiteral.nullable(),
  version: z.string().nullable(),
  modified: DateLiteral,
});
export type SeriesMember = z.infer<typeof SeriesMember>;

/** GET /v1/dataset-series/{id}: the series and its members, oldest first (dct:issued, then dcat:version, then id). */
export const DatasetSeriesWithMembers = DatasetSeries.extend({
  members: z.array(SeriesMember),
  /** all members, also when more than the listed ones (at most 500 are listed) */
  memberCount: z.number().int().nonnegative(),
}).openapi("DatasetSeriesWithMembers");
export type DatasetSeriesWithMembers = z.infer<typeof DatasetSeriesWithMembers>;

// ---------------------------------------------------------------------------------------------- lists

/** Keyset paging of the lists of services, series and revisions: `cursor` is the previous page's nextCursor. */
export const ResourcePageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "the nextCursor of a previous page")
    .optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, "a page size from 1 to 100")
    .optional()
    .transform((v) => Math.min(100, Number(v ?? 20))),
});
export type ResourcePageQuery = z.output<typeof ResourcePageQuery>;

export const DataServiceList = component("DataServiceList", { items: z.array(DataService), nextCursor: z.string().nullable() });
export type DataServiceList = z.infer<typeof DataServiceList>;
export const DatasetSeriesList = component("DatasetSeriesList", { items: z.array(DatasetSeries), nextCursor: z.string().nullable() });
export type DatasetSeriesList = z.infer<typeof DatasetSeriesList>;

// ---------------------------------------------------------------------------------------------- revision history

export const RevisionAction = z.enum(["published", "updated", "withdrawn"]).openapi("RevisionAction");
/**
 * How the change came: the JSON API, a pushed harvest document (POST /v1/harvest), a pulled harvest source, or
 * (migration) the document a dataset had when the history began.
 */
export const RevisionVia = z.enum(["api", "harvest", "harvest-source", "migration"]).openapi("RevisionVia");

export const DatasetRevisionSummary = component("DatasetRevisionSummary", {
  /** the dataset's `revision` after this change (a withdrawal takes the next number) */
  number: z.number().int().positive(),
  at: z.string(),
  action: RevisionAction,
  via: RevisionVia,
  /** the publisher account that made the change */
  publisherId: z.string(),
  /** the harvest source, when `via` is harvest-source */
  sourceId: z.string().nullable(),
});
export type DatasetRevisionSummary = z.infer<typeof DatasetRevisionSummary>;

/** One revision with the dataset's JSON document as it was after the change (null for a withdrawal). */
export const DatasetRevision = DatasetRevisionSummary.extend({ document: Dataset.nullable() }).openapi("DatasetRevision");
export type DatasetRevision = z.infer<typeof DatasetRevision>;

/** GET /v1/datasets/{id}/revisions: newest first; `kept` says how many revisions are kept per dataset. */
export const DatasetRevisionList = component("DatasetRevisionList", {
  items: z.array(DatasetRevisionSummary),
  nextCursor: z.string().nullable(),
  kept: z.number().int().positive(),
});
export type DatasetRevisionList = z.infer<typeof DatasetRevisionList>;
