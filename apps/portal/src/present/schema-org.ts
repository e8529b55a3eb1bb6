/**
 * A dataset as a schema.org `Dataset` (the JSON-LD block search engines read, e.g. Google Dataset Search), and its
 * safe embedding in a `<script type="application/ld+json">`: `<`, `>`, `&` and the JavaScript line separators are
 * written as \u escapes, so no value can close the script element or open a comment. Pure.
 */
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { euLabel } from "@regie/shared/contracts/dcat/eu-labels";

const texts = (m: Record<string, string> | undefined) =>
  m ? Object.entries(m).map(([lang, value]) => (lang === "@none" ? { "@value": value } : { "@value": value, "@language": lang })) : [];

export function schemaOrgDataset(d: Dataset, pageUrl: string, lang: "en" | "nl"): Record<string, unknown> {
  const temporal = (d.temporal ?? []).find((t) => t.startDate || t.endDate);
  const out: Record<string, unknown> = {
    "@context": "https://schema.org/",
    "@type": "Dataset",
    "@id": d.iri,
    url: pageUrl,
    identifier: d.identifier,
    name: texts(d.title),
    description: texts(d.description),
    keywords: d.keyword.map((k) => k.value),
    isAccessibleForFree: d.accessRights === "PUBLIC",
    dateModified: d.modified,
  };
  if (d.issued) out.datePublished = d.issued;
  if (d.publisher) out.publisher = { "@type": "Organization", name: d.publisher.name[lang] ?? Object.values(d.publisher.name)[0] };
  if (d.version) out.version = d.version;
  if (temporal) out.temporalCoverage = `${temporal.startDate?.slice(0, 10) ?? ".."}/${temporal.endDate?.slice(0, 10) ?? ".."}`;
  if (d.spatial?.length) out.spatialCoverage = d.spatial.map((iri) => ({ "@type": "Place", "@id": iri, name: euLabel(iri, lang) ?? iri }));
  const licence = d.distribution.find((x) => x.license && !x.license.startsWith("_:"))?.license;
  if (licence) out.license = licence;
  if (d.accessRights === "PUBLIC") {
    out.distribution = d.distribution.map((x) => ({
      "@type": "DataDownload",
      contentUrl: x.downloadURL ?? x.accessURL,
      ...(x.format ? { encodingFormat: x.format } : {}),
    }));
  }
  return out;
}

/** JSON for inside a <script> element: nothing in it can end the element or start markup. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
