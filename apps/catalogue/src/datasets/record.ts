/** A stored dataset's derived columns: search text, facet values, range columns and the search summary. Pure. */
import { HEALTH_THEMES, labelOf, type Dataset, type DatasetInput, type DatasetSummary, type LangMap } from "@regie/shared/contracts/catalogue";
import { DEMO_PUBLISHERS } from "@regie/shared/demo";
import { qualityScore } from "../quality/score";

export interface DatasetFacets {
  theme: string[];
  healthCategory: string[];
  keyword: string[];
  format: string[];
  language: string[];
  publisherName: string;
}

export interface DatasetRecord {
  id: string;
  iri: string;
  publisherId: string;
  accessRights: string;
  titleSort: string;
  modified: string;
  minAge: number | null;
  maxAge: number | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  individuals: number | null;
  facets: DatasetFacets;
  titleText: string;
  keywordsText: string;
  descriptionText: string;
  summary: DatasetSummary;
  /** the MQA score (src/quality): a stored dataset passed its level's shapes, so it counts as DCAT-AP conformant */
  quality: number;
  doc: Dataset;
}

const texts = (m: LangMap | undefined) => (m ? Object.values(m) : []);
const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** The text a person would read first: Dutch, then English, then any. */
export function preferredText(m: LangMap | undefined): string {
  if (!m) return "";
  return m.nl ?? m.en ?? m["@none"] ?? Object.values(m)[0] ?? "";
}

/** A publisher's display name: the demo publisher's, else the dataset's own publisher name, else its id. */
export function publisherName(publisherId: string, input: Pick<DatasetInput, "publisher">): string {
  return DEMO_PUBLISHERS.find((p) => p.publisherId === publisherId)?.name || preferredText(input.publisher?.name) || publisherId;
}

export function normaliseKeyword(k: string): string {
  return k.trim().toLowerCase().replace(/\s+/g, " ");
}

export function toRecord(doc: Dataset, publisherName: string): DatasetRecord {
  const formats = uniq([...doc.distribution, ...(doc.sample ?? []), ...(doc.analytics ?? [])].map((d) => d.format).filter((f): f is string => !!f));
  const languages = uniq([...(doc.language ?? []), ...doc.distribution.flatMap((d) => d.language ?? [])]);
  const keywords = uniq(doc.keyword.map((k) => normaliseKeyword(k.value)).filter(Boolean));
  const temporal = doc.temporal ?? [];
  const starts = temporal
    .map((t) => t.startDate)
    .filter((d): d is string => !!d)
    .sort();
  const ends = temporal
    .map((t) => t.endDate)
    .filter((d): d is string => !!d)
    .sort();
  const temporalStart = starts[0]?.slice(0, 10) ?? null;
  const temporalEnd = ends[ends.length - 1]?.slice(0, 10) ?? null;
  const themeLabels = (doc.healthTheme ?? []).flatMap((t) => [labelOf(HEALTH_THEMES, t, "en"), labelOf(HEALTH_THEMES, t, "nl")]);
  const quality = qualityScore(doc, { conformant: true });
  const summary: DatasetSummary = {
    id: doc.id,
    iri: doc.iri,
    title: doc.title,
    description: doc.description,
    publisher: { id: doc.publisherId, name: publisherName },
    theme: doc.theme,
    healthCategory: doc.healthCategory,
    accessRights: doc.accessRights,
    keyword: keywords,
    format: formats,
    language: languages,
    minTypicalAge: doc.minTypicalAge ?? null,
    maxTypicalAge: doc.maxTypicalAge ?? null,
    numberOfUniqueIndividuals: doc.numberOfUniqueIndividuals ?? null,
    temporalStart,
    temporalEnd,
    modified: doc.modified,
    quality,
  };
  return {
    id: doc.id,
    iri: doc.iri,
    publisherId: doc.publisherId,
    accessRights: doc.accessRights,
    titleSort: preferredText(doc.title).toLowerCase(),
    modified: doc.modified,
    minAge: doc.minTypicalAge ?? null,
    maxAge: doc.maxTypicalAge ?? null,
    temporalStart,
    temporalEnd,
    individuals: doc.numberOfUniqueIndividuals ?? null,
    facets: { theme: doc.theme, healthCategory: doc.healthCategory, keyword: keywords, format: formats, language: languages, publisherName },
    titleText: [...texts(doc.title), ...texts(doc.alternative)].join(" \n "),
    keywordsText: [...doc.keyword.map((k) => k.value), ...themeLabels].join(" \n "),
    descriptionText: [...texts(doc.description), ...texts(doc.populationCoverage)].join(" \n "),
    summary,
    quality,
    doc,
  };
}
