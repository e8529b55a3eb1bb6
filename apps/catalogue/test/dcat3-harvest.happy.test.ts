// Harvest of the DCAT-AP 3 classes: a pushed document and a pulled source bring data services, dataset series and
// datasets with dcat:inSeries and versions; a dataset's revisions say which source changed it. And the round trip:
// publish -> catalog.ttl -> harvest into an empty catalogue gives the same JSON.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatasetSeriesWithMembers, type DataService, type DatasetSeries, type HarvestJob, type HarvestReport } from "@regie/shared/contracts/catalogue";
import { DCAT3_SOURCE } from "./sources/dcat3";
import { EHDS, harvest, minimalDataset, publish } from "./helpers";
import { call, created, serviceInput, seriesInput } from "./dcat3-helpers";

const SOURCE = (env as unknown as { TEST_SOURCE_URL: string }).TEST_SOURCE_URL;
const json = async <T>(path: string) => {
  const res = await call("GET", path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
/** Blank node labels ("iri": "_:…") are not identities: a harvest keeps the labels it reads, JSON input has none. */
const withoutBlankLabels = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutBlankLabels)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k, x]) => !(k === "iri" && String(x).startsWith("_:")))
            .map(([k, x]) => [k, withoutBlankLabels(x)]),
        )
      : v;
/**
 * The metadata as published, without what the catalogue assigns (id, owner, time and revision of the write) and
 * without `extraTriples`: when the same export holds a harvested dataset whose kept statements type shared vocabulary
 * IRIs (the official example's `access-right/NON_PUBLIC a dct:RightsStatement`), a harvest keeps those statements
 * with every dataset that reaches the IRI (rdf/from-rdf.ts), so ours gain them.
 */
const metadata = ({ id: _i, publisherId: _p, modified: _m, revision: _r, extraTriples: _x, ...rest }: Record<string, unknown>) => withoutBlankLabels(rest);

describe("DCAT-AP 3 harvest", () => {
  it("a pulled source brings its data service, its series and the dataset's membership; the revision names the source", async () => {
    const reg = await call("POST", "/v1/harvest-sources", "rivm", { url: `${SOURCE}/dcat3/catalog.ttl`, kind: "dcat" });
    expect(reg.status).toBe(201);
    const source = (await reg.json()) as { id: string };
    const run = await call("POST", `/v1/harvest-sources/${source.id}/run`, "rivm");
    expect(run.status).toBe(200);
    const job = (await run.json()) as HarvestJob;
    expect(job).toMatchObject({ status: "done", added: 1, rejected: 0 });
    const services = await json<{ items: DataService[] }>("/v1/data-services?limit=100");
    const service = services.items.find((s) => s.iri === DCAT3_SOURCE.service);
    expect(service).toMatchObject({ publisherId: "rivm", endpointURL: ["https://source.example/api/v1"], servesDataset: [DCAT3_SOURCE.dataset] });
    const allSeries = await json<{ items: DatasetSeries[] }>("/v1/dataset-series?limit=100");
    const series = allSeries.items.find((s) => s.iri === DCAT3_SOURCE.series)!;
    const body = DatasetSeriesWithMembers.parse(await json(`/v1/dataset-series/${series.id}`));
    expect(body.members).toEqual([expect.objectContaining({ iri: DCAT3_SOURCE.dataset, version: "7.0.0-example", issued: "2024-01-15" })]);
    const revisions = await json<{ items: { via: string; sourceId: string | null; action: string }[] }>(`/v1/datasets/${body.members[0]!.id}/revisions`);
    expect(revisions.items).toEqual([expect.objectContaining({ action: "published", via: "harvest-source", sourceId: source.id })]);
  });

  it("a pushed document with a non-conformant service imports the rest and reports the service naming dcat:endpointURL", async () => {
    const ttl = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<https://push.example/good> a dcat:DataService ; dct:title "Good"@en ; dcat:endpointURL <https://push.example/good/v1> .
<https://push.example/bad> a dcat:DataService ; dct:title "No endpoint"@en .`;
    const res = await harvest(ttl, "text/turtle", "umcu");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.imported).toEqual([]);
    expect(report.resources!.imported).toEqual([expect.objectContaining({ kind: "dataService", iri: "https://push.example/good", created: true })]);
    expect(report.resources!.rejected).toEqual([
      { kind: "dataService", iri: "https://push.example/bad", violations: [expect.objectContaining({ property: "dcat:endpointURL" })] },
    ]);
  });

  it("round trip: what catalog.ttl exports, harvested into an empty catalogue, is the same JSON", async () => {
    const svc = await created<DataService>("/v1/data-services", "iknl", serviceInput());
    const series = await created<DatasetSeries>("/v1/dataset-series", "iknl", seriesInput({ issued: "2020-01-01" }));
    const dist = { applicableLegislation: [EHDS], accessURL: "https://example.nl/access", format: "CSV", accessService: [svc.iri] };
    const v1 = await publish("iknl", minimalDataset({ identifier: "RT-V1", inSeries: [series.iri], version: "1", issued: "2021-01-01", distribution: [dist] }));
    const v2 = await publish(
      "iknl",
      minimalDataset({
        identifier: "RT-V2",
        inSeries: [series.iri],
        version: "2",
        versionNotes: { en: "More years" },
        previousVersion: v1.iri,
        hasVersion: [v1.iri],
        isVersionOf: series.iri,
      }),
    );
    const paths = [`/v1/data-services/${svc.id}`, `/v1/dataset-series/${series.id}`, `/v1/datasets/${v1.id}`, `/v1/datasets/${v2.id}`];
    const before = await Promise.all(paths.map((p) => json<Record<string, unknown>>(p)));
    const ttl = await (await call("GET", "/catalog.ttl?pageSize=1000")).text();
    // empty the catalogue of them, then harvest the export back (as another publisher: it is a new catalogue's import)
    for (const p of paths) expect((await call("DELETE", p, "iknl")).status).toBe(204);
    const res = await harvest(ttl, "text/turtle", "umcu");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    // (other tests' datasets in this catalogue belong to other publishers and are rightly rejected: only ours count)
    const ours = new Set([svc.iri, series.iri, v1.iri, v2.iri]);
    expect([...report.rejected, ...report.resources!.rejected].filter((r) => ours.has(r.iri))).toEqual([]);
    const ids = new Map([...report.imported, ...report.resources!.imported].map((i) => [i.iri, i.id]));
    const after = await Promise.all([
      json<Record<string, unknown>>(`/v1/data-services/${ids.get(svc.iri)}`),
      json<Record<string, unknown>>(`/v1/dataset-series/${ids.get(series.iri)}`),
      json<Record<string, unknown>>(`/v1/datasets/${ids.get(v1.iri)}`),
      json<Record<string, unknown>>(`/v1/datasets/${ids.get(v2.iri)}`),
    ]);
    const { members: _m, memberCount: _c, ...seriesBefore } = before[1]!;
    const { members: members, ...seriesAfter } = after[1]! as { members: { iri: string }[] };
    expect(after.map((d) => d.publisherId)).toEqual(["umcu", "umcu", "umcu", "umcu"]);
    expect(metadata(after[0]!)).toEqual(metadata(before[0]!));
    expect(metadata({ ...seriesAfter, memberCount: undefined })).toEqual(metadata({ ...seriesBefore, memberCount: undefined }));
    expect(metadata(after[2]!)).toEqual(metadata(before[2]!));
    expect(metadata(after[3]!)).toEqual(metadata(before[3]!));
    expect(members.map((m) => m.iri)).toEqual([v1.iri, v2.iri]);
  });
});
