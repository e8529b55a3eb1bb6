import type { Dataset, DatasetSummary, FacetCount } from "@regie/shared/contracts/catalogue";
import { applicationsStub } from "./applications";
import { claimsOf, json, problem } from "./common";
import { harvestSourcesStub, hostileDataset, qualityOf, stubQuality } from "./catalogue-extras";

function dataset(i: number): Dataset {
  const cancer = i % 3 === 0;
  return {
    id: `ds-${i}`,
    iri: `https://data.regie.nl/dataset/ds-${i}`,
    identifier: `ds-${i}`,
    title: { nl: cancer ? `Kankerregistratie ${i}` : `Huisartsregistratie ${i}`, en: cancer ? `Cancer registry ${i}` : `GP registry ${i}` },
    description: { nl: cancer ? "Gegevens over diagnoses van kanker in Nederland, per regio en jaar." : "Gegevens uit huisartsendossiers over chronische ziekten." },
    accessRights: i === 4 ? "PUBLIC" : i % 2 ? "NON_PUBLIC" : "RESTRICTED",
    applicableLegislation: ["http://data.europa.eu/eli/reg/2025/327/oj"],
    type: ["http://publications.europa.eu/resource/authority/dataset-type/PERSONAL_DATA"],
    publisher: { name: { nl: cancer ? "IKNL" : "Nivel" } },
    hdab: { name: { nl: "HDAB Nederland" }, contactPoint: { email: "hdab@example.nl" } },
    contactPoint: [{ email: "data@example.nl" }],
    theme: ["HEAL"],
    healthCategory: [cancer ? "PHDR" : "EHRS"],
    keyword: [{ value: cancer ? "kanker" : "huisarts", lang: "nl" }],
    provenance: [{ label: { nl: "Verzameld uit de registratie" } }],
    distribution: [{ accessURL: "https://data.regie.nl/access", ...(i === 4 ? { downloadURL: `https://data.regie.nl/files/ds-${i}.csv`, title: { nl: "Open CSV-bestand", en: "Open CSV file" } } : {}), applicableLegislation: ["http://data.europa.eu/eli/reg/2025/327/oj"], format: "CSV" }],
    hasStructuredData: false,
    minTypicalAge: 0,
    maxTypicalAge: 99,
    numberOfUniqueIndividuals: 120000 + i,
    temporal: [{ startDate: "2010-01-01", endDate: "2024-12-31" }],
    publisherId: cancer ? "iknl" : "nivel",
    modified: "2026-10-01",
    revision: 1,
    spatial: ["http://publications.europa.eu/resource/authority/country/NLD"],
    accrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
    quality: stubQuality(i),
  };
}

export const DATASETS: Dataset[] = Array.from({ length: 14 }, (_, i) => dataset(i + 1));

function summary(d: Dataset): DatasetSummary {
  return {
    id: d.id, iri: d.iri, title: d.title, description: d.description, publisher: { id: d.publisherId, name: d.publisher!.name.nl! },
    theme: d.theme, healthCategory: d.healthCategory, accessRights: d.accessRights, keyword: d.keyword.map((k) => k.value), format: ["CSV"], language: [],
    minTypicalAge: d.minTypicalAge ?? null, maxTypicalAge: d.maxTypicalAge ?? null, numberOfUniqueIndividuals: d.numberOfUniqueIndividuals ?? null, temporalStart: null, temporalEnd: null, modified: d.modified,
    quality: d.quality,
  };
}

function facet(items: Dataset[], pick: (d: Dataset) => string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const d of items) for (const v of pick(d)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, label: value, count }));
}


/** The catalogue service double: search with facets and cursor paging, datasets, access applications (./applications.ts). */
export async function catalogueStub(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname;
  if (req.method === "GET" && path === "/v1/datasets") {
    const q = url.searchParams.get("q")?.toLowerCase();
    const cats = url.searchParams.getAll("healthCategory");
    const byQ = DATASETS.filter((d) => !q || JSON.stringify(d.title).toLowerCase().includes(q) || JSON.stringify(d.description).toLowerCase().includes(q));
    const levels = url.searchParams.getAll("accessRights");
    const byCat = byQ.filter((d) => cats.length === 0 || d.healthCategory.some((c) => cats.includes(c)));
    const hits = byCat.filter((d) => levels.length === 0 || levels.includes(d.accessRights));
    if (url.searchParams.get("sort") === "quality") hits.sort((a, b) => b.quality! - a.quality! || a.id.localeCompare(b.id));
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const offset = Number(url.searchParams.get("cursor") ?? 0);
    const page = hits.slice(offset, offset + limit);
    return json({
      total: hits.length,
      items: page.map(summary),
      facets: { healthCategory: facet(byQ, (d) => d.healthCategory), accessRights: facet(byCat, (d) => [d.accessRights]), publisher: facet(hits, (d) => [d.publisherId]).map((f) => ({ ...f, label: f.value.toUpperCase() })) },
      nextCursor: offset + limit < hits.length ? String(offset + limit) : null,
    });
  }
  if (path === "/v1/datasets/ds-broken") return new Response("upstream failure", { status: 500 });
  if (path === "/v1/datasets/ds-hostile") return json(hostileDataset(DATASETS[0]!));
  const quality = /^\/v1\/datasets\/([^/]+)\/quality$/.exec(path);
  if (req.method === "GET" && quality) {
    const d = DATASETS.find((x) => x.id === decodeURIComponent(quality[1]!));
    return d ? json(qualityOf(d, d.quality!)) : problem(404, "No such dataset");
  }
  const sources = harvestSourcesStub(req, claimsOf(req));
  if (sources) return sources;
  const ds = /^\/v1\/datasets\/([^/]+)$/.exec(path);
  if (req.method === "GET" && ds) {
    const d = DATASETS.find((x) => x.id === decodeURIComponent(ds[1]!));
    if (!d) return problem(404, "No such dataset");
    const accept = req.headers.get("accept") ?? "";
    if (accept.includes("text/turtle")) return new Response(`<${d.iri}> a <http://www.w3.org/ns/dcat#Dataset> .\n`, { headers: { "content-type": "text/turtle" } });
    return json(d);
  }
  const answered = await applicationsStub(req, claimsOf(req));
  if (answered) return answered;
  return problem(404, `No resource at ${req.method} ${path}`);
}
