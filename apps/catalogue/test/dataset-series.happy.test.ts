// dcat:DatasetSeries: published; datasets join with dcat:inSeries and carry versions (dcat:version,
// adms:versionNotes, dcat:previousVersion); GET /v1/dataset-series/{id} lists the members oldest first; exported.
import { describe, expect, it } from "vitest";
import { DatasetSeriesWithMembers, type DatasetSeries } from "@regie/shared/contracts/catalogue";
import { minimalDataset, publish } from "./helpers";
import { call, created, seriesInput } from "./dcat3-helpers";

describe("dataset series", () => {
  it("lists its members in order of dct:issued, with their versions, and the datasets keep their version fields", async () => {
    const series = await created<DatasetSeries>("/v1/dataset-series", "iknl", seriesInput({ identifier: "annual-figures" }));
    expect(series).toMatchObject({ id: "annual-figures", revision: 1, iri: "https://data.regie.nl/catalogue/dataset-series/annual-figures" });
    // published out of order: 2024 first, then 2022, then 2023 (which follows 2022)
    const y2024 = await publish("iknl", minimalDataset({ title: { en: "Figures 2024" }, inSeries: [series.iri], issued: "2025-01-15", version: "2024" }));
    const y2022 = await publish("iknl", minimalDataset({ title: { en: "Figures 2022" }, inSeries: [series.iri], issued: "2023-01-15", version: "2022" }));
    const y2023 = await publish(
      "iknl",
      minimalDataset({
        title: { en: "Figures 2023" },
        inSeries: [series.iri],
        issued: "2024-01-15",
        version: "2023",
        versionNotes: { en: "New regions" },
        previousVersion: y2022.iri,
      }),
    );
    const res = await call("GET", `/v1/dataset-series/${series.id}`);
    expect(res.status).toBe(200);
    const body = DatasetSeriesWithMembers.parse(await res.json());
    expect(body.memberCount).toBe(3);
    expect(body.members.map((m) => m.id)).toEqual([y2022.id, y2023.id, y2024.id]);
    expect(body.members.map((m) => m.version)).toEqual(["2022", "2023", "2024"]);
    expect(body.members[1]).toMatchObject({ title: { en: "Figures 2023" }, issued: "2024-01-15" });
    const ds = (await (await call("GET", `/v1/datasets/${y2023.id}`)).json()) as Record<string, unknown>;
    expect(ds).toMatchObject({ inSeries: [series.iri], version: "2023", versionNotes: { en: "New regions" }, previousVersion: y2022.iri });
  });

  it("follows its members' changes: a dataset that leaves the series, or is withdrawn, is no longer listed", async () => {
    const series = await created<DatasetSeries>("/v1/dataset-series", "iknl", seriesInput());
    const a = await publish("iknl", minimalDataset({ identifier: "SER-MEMBER-A", inSeries: [series.iri], issued: "2020-01-01" }));
    const b = await publish("iknl", minimalDataset({ identifier: "SER-MEMBER-B", inSeries: [series.iri], issued: "2021-01-01" }));
    const members = async () => DatasetSeriesWithMembers.parse(await (await call("GET", `/v1/dataset-series/${series.id}`)).json()).members.map((m) => m.id);
    expect(await members()).toEqual([a.id, b.id]);
    expect((await call("PUT", `/v1/datasets/${a.id}`, "iknl", minimalDataset({ identifier: "SER-MEMBER-A" }))).status).toBe(200);
    expect(await members()).toEqual([b.id]);
    expect((await call("DELETE", `/v1/datasets/${b.id}`, "iknl")).status).toBe(204);
    expect(await members()).toEqual([]);
  });

  it("is exported: catalog.ttl lists the series (dcat:dataset) and its members' dcat:inSeries, dcat:version and dcat:previousVersion", async () => {
    const series = await created<DatasetSeries>("/v1/dataset-series", "iknl", seriesInput());
    const first = await publish("iknl", minimalDataset({ inSeries: [series.iri], version: "1.0" }));
    const second = await publish(
      "iknl",
      minimalDataset({ inSeries: [series.iri], version: "2.0", previousVersion: first.iri, versionNotes: { en: "Second edition" } }),
    );
    const ttl = await (await call("GET", "/catalog.ttl?pageSize=1000")).text();
    expect(ttl).toContain(`dcat:dataset <${series.iri}>`);
    expect(ttl).toContain("dcat:DatasetSeries");
    expect(ttl).toContain(`dcat:inSeries <${series.iri}>`);
    expect(ttl).toContain(`dcat:previousVersion <${first.iri}>`);
    expect(ttl).toContain('adms:versionNotes "Second edition"@en');
    const one = await (await call("GET", `/v1/datasets/${second.id}`, undefined, undefined, { accept: "text/turtle" })).text();
    expect(one).toContain('dcat:version "2.0"');
    const rdf = await (await call("GET", `/v1/dataset-series/${series.id}`, undefined, undefined, { accept: "text/turtle" })).text();
    expect(rdf).toContain("dcat:DatasetSeries");
    expect(rdf).toContain("dcatap:applicableLegislation");
  });
});
