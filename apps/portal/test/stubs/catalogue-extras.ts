/**
 * The catalogue double's answers for the quality score, the publisher's harvest sources and a dataset with hostile
 * text (for the JSON-LD escaping test), in the contract shapes (parsed here, so a drift fails the tests).
 */
import { DatasetQuality, HarvestJobList, HarvestSourceList, type Dataset } from "@regie/shared/contracts/catalogue";
import { json, problem } from "./common";

/** The stub's score of dataset i: varied, so that the quality sort has something to order. */
export const stubQuality = (i: number) => 120 + ((i * 37) % 280);

export function qualityOf(d: Dataset, score: number): DatasetQuality {
  const missing = [
    { id: "licenceInformation", dimension: "reusability" as const, points: 20, property: "dct:license" },
    { id: "downloadUrl", dimension: "accessibility" as const, points: 20, property: "dcat:downloadURL" },
  ];
  return DatasetQuality.parse({
    datasetId: d.id,
    score,
    max: 405,
    rating: score >= 351 ? "excellent" : score >= 221 ? "good" : score >= 121 ? "sufficient" : "bad",
    dimensions: [
      { dimension: "findability", points: Math.min(100, score), max: 100 },
      { dimension: "accessibility", points: 50, max: 100 },
      { dimension: "interoperability", points: 80, max: 110 },
      { dimension: "reusability", points: 35, max: 75 },
      { dimension: "contextuality", points: 5, max: 20 },
    ],
    metrics: missing.map((m) => ({ ...m, weight: m.points, met: false, checked: "metadata" })),
    toRaise: missing,
  });
}

export function hostileDataset(base: Dataset): Dataset {
  return { ...base, id: "ds-hostile", title: { nl: "Titel </script><script>alert(1)</script> <!-- &amp;", en: "Title </script><script>alert(1)</script>" } };
}

const SOURCES = {
  iknl: {
    id: "src-iknl-1",
    publisherId: "iknl",
    url: "https://data.iknl.example.nl/catalog.ttl",
    kind: "dcat",
    title: "IKNL-catalogus",
    intervalMinutes: 1440,
    createdAt: "2026-11-01T08:00:00Z",
    nextRunAt: "2026-12-03T08:00:00Z",
  },
};
const JOBS = [
  { id: "job-2", sourceId: "src-iknl-1", status: "done", startedAt: "2026-12-02T08:00:00Z", finishedAt: "2026-12-02T08:01:10Z", pages: 2, added: 1, updated: 3, withdrawn: 1, rejected: 1, rejections: [{ iri: "https://data.iknl.example.nl/dataset/broken", violations: [{ path: "/hdab", property: "healthdcatap:hdab", message: "healthdcatap:hdab: exactly one Health Data Access Body is required" }] }], error: null },
  { id: "job-1", sourceId: "src-iknl-1", status: "done", startedAt: "2026-12-01T08:00:00Z", finishedAt: "2026-12-01T08:02:00Z", pages: 2, added: 12, updated: 0, withdrawn: 0, rejected: 0, rejections: [], error: null },
];

/** GET /v1/harvest-sources and …/{id}/jobs for a publisher token (iknl has one source; others none). */
export function harvestSourcesStub(req: Request, claims: Record<string, unknown> | undefined): Response | undefined {
  const path = new URL(req.url).pathname;
  if (!path.startsWith("/v1/harvest-sources") || req.method !== "GET") return undefined;
  if (!claims) return problem(401, "A bearer token is required");
  if (claims.role !== "publisher") return problem(403, "Only a publisher has harvest sources");
  const own = claims.publisherId === "iknl" ? [{ ...SOURCES.iknl, lastJob: JOBS[0] }] : [];
  if (path === "/v1/harvest-sources") return json(HarvestSourceList.parse({ items: own }));
  const m = /^\/v1\/harvest-sources\/([^/]+)\/jobs$/.exec(path);
  if (m && own.some((s) => s.id === decodeURIComponent(m[1]!))) return json(HarvestJobList.parse({ items: JOBS }));
  return problem(404, "No such harvest source");
}
