/** Stable IRIs of the catalogue and its datasets (identifiers; they need not resolve on a development machine). */
export const CATALOGUE_IRI = "https://data.regie.nl/catalogue";
export const CATALOGUE_PUBLISHER_IRI = "https://data.regie.nl/organisation/regie";
export const datasetIri = (id: string) => `${CATALOGUE_IRI}/datasets/${encodeURIComponent(id)}`;

/** A dataset id (CKAN `name`) from its identifier: lower-case letters, digits and dashes. */
export function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return s || "dataset";
}
