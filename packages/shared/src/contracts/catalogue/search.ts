/** catalogue contracts: search (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { ACCESS_RIGHTS, DATA_THEMES, FILE_TYPES, HEALTH_CATEGORIES, LANGUAGES, type Vocabulary } from "../dcat/vocabularies";
import { DateLiteral, LangMap } from "./building-blocks";

// ---------------------------------------------------------------------------------------------- search

export const FACET_FIELDS = ["theme", "healthCategory", "publisher", "accessRights", "keyword", "format", "language"] as const;
export const FacetField = z.enum(FACET_FIELDS);
export type FacetField = z.infer<typeof FacetField>;
export const SORTS = ["relevance", "modified", "title", "quality"] as const;
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
export const SearchQuery = component("SearchQuery", {
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
  /** relevance (default with q), modified (newest first, default without q), title (A–Z) or quality (MQA score, best first) */
  sort: SearchSort.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

// Query-string coercion. A parameter arrives as a string, or as string[] when it repeats; each field is documented
// as it arrives (string, or string | string[] for facets), normalised, then checked with the SearchQuery field.
const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blank = (v: string) => (v === "" ? undefined : v);
const intOrText = (v: string) => (v === "" ? undefined : /^-?\d+$/.test(v) ? Number(v) : v);
/** The first value of the parameter, converted; an empty parameter is absent. */
const param = <T extends z.ZodType>(convert: (v: string) => unknown, schema: T) =>
  z.preprocess(firstValue, z.string()).transform(convert).pipe(schema).optional();
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

export const FacetCount = component("FacetCount", { value: z.string(), label: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;

/** The compact search hit. */
export const DatasetSummary = component("DatasetSummary", {
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
  /** the metadata quality score (MQA points, 0–405; see DatasetQuality); absent on hits stored before it was kept */
  quality: z.number().int().nonnegative().optional(),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;

export const SearchResponse = component("SearchResponse", {
  total: z.number().int(),
  items: z.array(DatasetSummary),
  /** per facet field, values with counts; a facet's own selection does not narrow its own counts */
  facets: z.record(z.string(), z.array(FacetCount)),
  nextCursor: z.string().nullable(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/** GET /v1/vocabularies: every controlled vocabulary by name, with Dutch and English labels. */
export const VocabularyTermOut = z.object({ code: z.string(), en: z.string(), nl: z.string(), iri: z.string().optional() });
export const Vocabularies = z.record(z.string(), z.array(VocabularyTermOut)).openapi("Vocabularies");
export type Vocabularies = z.infer<typeof Vocabularies>;
