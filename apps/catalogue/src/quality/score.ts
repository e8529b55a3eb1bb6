/**
 * A dataset's metadata quality score along the MQA dimensions (./metrics.ts): which metrics it meets, its points
 * per dimension, and what would raise it (the unmet metrics, most points first). A distribution-level metric is met
 * when at least one distribution meets it, so adding a property or a distribution never lowers the score. Pure.
 */
import { ACCESS_RIGHTS, FILE_TYPES, QUALITY_DIMENSIONS, codeFromIri } from "@regie/shared/contracts/catalogue";
import type { Dataset, DatasetQuality, Distribution } from "@regie/shared/contracts/catalogue";
import { MACHINE_READABLE, MAX_SCORE, METRICS, NON_PROPRIETARY, ratingOf } from "./metrics";

/** What the score reads of a dataset (a stored one, or a description being checked). */
export type QualityInput = Pick<Dataset, "keyword" | "theme" | "distribution" | "accessRights" | "contactPoint"> &
  Partial<Pick<Dataset, "id" | "spatial" | "temporal" | "publisher" | "issued" | "modified">>;

export interface QualityOptions {
  /** the description conforms to DCAT-AP (for a stored dataset: it passed its level's shapes when published) */
  conformant: boolean;
}

const LICENCES = ["http://publications.europa.eu/resource/authority/licence/", "https://publications.europa.eu/resource/authority/licence/"];
const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[a-z0-9.+-]+$/i;
const KNOWN_FORMATS = new Set(FILE_TYPES.terms.map((t) => t.code));

/** An absolute http(s) URL with a host: what can be known of a URL's reachability without a request. */
export function looksReachable(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const any = (ds: Distribution[], p: (d: Distribution) => boolean) => ds.some(p);

/** Per metric id: whether the dataset meets it. */
function checks(d: QualityInput, opts: QualityOptions): Record<string, boolean> {
  const ds = d.distribution;
  const iri = (v: string | undefined) => (v && !v.startsWith("_:") ? v : undefined);
  return {
    keywordUsage: d.keyword.length > 0,
    categories: d.theme.length > 0,
    geoSearch: (d.spatial ?? []).length > 0,
    timeBasedSearch: (d.temporal ?? []).some((t) => !!(t.startDate || t.endDate || t.iri)),
    accessUrlAccessibility: any(ds, (x) => looksReachable(x.accessURL)),
    downloadUrl: any(ds, (x) => !!x.downloadURL),
    downloadUrlAccessibility: any(ds, (x) => looksReachable(x.downloadURL)),
    format: any(ds, (x) => !!x.format),
    mediaType: any(ds, (x) => !!x.mediaType),
    formatMediaTypeVocabulary: any(ds, (x) => (!!x.format && KNOWN_FORMATS.has(x.format)) || (!!x.mediaType && IANA.test(x.mediaType))),
    nonProprietary: any(ds, (x) => !!x.format && NON_PROPRIETARY.has(x.format)),
    machineReadable: any(ds, (x) => !!x.format && MACHINE_READABLE.has(x.format)),
    dcatApCompliance: opts.conformant,
    licenceInformation: any(ds, (x) => !!x.license),
    licenceVocabulary: any(ds, (x) => !!iri(x.license) && LICENCES.some((ns) => x.license!.startsWith(ns))),
    accessRestrictions: !!d.accessRights,
    accessRestrictionsVocabulary: !!d.accessRights && codeFromIri(ACCESS_RIGHTS, ACCESS_RIGHTS.namespace + d.accessRights) !== undefined,
    contactPoint: d.contactPoint.length > 0,
    publisher: !!d.publisher,
    rights: any(ds, (x) => !!x.rights),
    fileSize: any(ds, (x) => x.byteSize !== undefined),
    dateOfIssue: !!d.issued,
    modificationDate: !!d.modified,
  };
}

export function assessQuality(d: QualityInput, opts: QualityOptions): DatasetQuality {
  const met = checks(d, opts);
  const metrics = METRICS.map((x) => ({
    id: x.id,
    dimension: x.dimension,
    weight: x.weight,
    met: met[x.id] === true,
    checked: x.checked,
    property: x.property,
  }));
  const dimensions = QUALITY_DIMENSIONS.map((dimension) => {
    const of = metrics.filter((x) => x.dimension === dimension);
    return { dimension, points: of.reduce((n, x) => n + (x.met ? x.weight : 0), 0), max: of.reduce((n, x) => n + x.weight, 0) };
  });
  const score = dimensions.reduce((n, x) => n + x.points, 0);
  const toRaise = metrics
    .filter((x) => !x.met)
    .map((x) => ({ id: x.id, dimension: x.dimension, points: x.weight, property: x.property }))
    .sort((a, b) => b.points - a.points || METRICS.findIndex((x) => x.id === a.id) - METRICS.findIndex((x) => x.id === b.id));
  return { datasetId: d.id ?? "", score, max: MAX_SCORE, rating: ratingOf(score), dimensions, metrics, toRaise };
}

/** Just the score (stored with the dataset for the quality sort). */
export const qualityScore = (d: QualityInput, opts: QualityOptions = { conformant: true }) => assessQuality(d, opts).score;
