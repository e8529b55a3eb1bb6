/** Dataset JSON -> CKAN package, and CKAN search parameters -> a Regie search. Pure. */
import {
  ACCESS_RIGHTS,
  DATA_THEMES,
  FACET_VOCABULARIES,
  codeFromIri,
  labelOf,
  type CkanPackage,
  type Dataset,
  type FacetField,
  type SearchQuery,
} from "@regie/shared/contracts/catalogue";
import { preferredText } from "../datasets/record";

export function toCkanPackage(d: Dataset, publisherName: string): CkanPackage {
  return {
    id: d.id,
    name: d.id,
    title: preferredText(d.title),
    notes: preferredText(d.description),
    url: d.landingPage?.[0] ?? d.iri,
    metadata_modified: d.modified,
    owner_org: d.publisherId,
    organization: { id: d.publisherId, name: d.publisherId, title: publisherName },
    state: "active",
    tags: d.keyword.map((k) => ({ name: k.value })),
    groups: d.theme.map((t) => ({ name: t, title: labelOf(DATA_THEMES, t) })),
    resources: d.distribution.map((r, i) => ({
      id: r.iri && !r.iri.startsWith("_:") ? r.iri : `${d.id}-distribution-${i + 1}`,
      url: r.downloadURL ?? r.accessURL,
      format: r.format ?? "",
      name: preferredText(r.title) || `Distribution ${i + 1}`,
      description: preferredText(r.description),
    })),
    num_resources: d.distribution.length,
    extras: [
      { key: "uri", value: d.iri },
      { key: "identifier", value: d.identifier },
      { key: "access_rights", value: labelOf(ACCESS_RIGHTS, d.accessRights) },
      { key: "health_category", value: d.healthCategory.join(",") },
      ...(d.numberOfUniqueIndividuals !== undefined ? [{ key: "number_of_unique_individuals", value: String(d.numberOfUniqueIndividuals) }] : []),
    ],
  };
}

/** CKAN field names (as ckanext-dcat uses them) -> Regie facets. */
export const CKAN_FIELDS: Record<string, FacetField> = {
  tags: "keyword",
  organization: "publisher",
  res_format: "format",
  groups: "theme",
  theme: "theme",
  health_category: "healthCategory",
  healthCategory: "healthCategory",
  access_rights: "accessRights",
  accessRights: "accessRights",
  language: "language",
};

export class CkanQueryError extends Error {}

/** Parses `field:value` / `field:"value"` clauses (fq, or inside q) into facet selections; returns the leftover text. */
export function parseClauses(text: string, into: Partial<Record<FacetField, string[]>>): string {
  const rest = text.replace(/(?:^|\s)\+?([A-Za-z_]+):("([^"]*)"|[^\s"]+)/g, (_m, field: string, _raw: string, quoted: string | undefined) => {
    const raw = quoted ?? _raw;
    if (field === "*" && raw === "*") return " ";
    const target = CKAN_FIELDS[field];
    if (!target) throw new CkanQueryError(`unsupported field ${field.slice(0, 50)} (use ${Object.keys(CKAN_FIELDS).join(", ")})`);
    const vocab = FACET_VOCABULARIES[target];
    const value = vocab && /^https?:/.test(raw) ? (codeFromIri(vocab, raw) ?? raw) : raw;
    (into[target] ??= []).push(value);
    return " ";
  });
  return rest.replace(/\*:\*/g, " ").trim();
}

export const CKAN_SORTS: Record<string, SearchQuery["sort"]> = {
  "score desc, metadata_modified desc": "relevance",
  "score desc": "relevance",
  "metadata_modified desc": "modified",
  "title_string asc": "title",
  "name asc": "title",
};
