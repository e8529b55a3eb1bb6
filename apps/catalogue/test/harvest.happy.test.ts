import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestReport } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { BASE, getJson, harvest } from "./helpers";

const EXAMPLE_IRI = "https://healthdcat-ap.example.org/release-7/example/dataset-oncology-ehrs-2024";

describe("harvest", () => {
  it("imports the official HealthDCAT-AP example, makes it searchable, and updates it when harvested again", async () => {
    const res = await harvest(OFFICIAL_EXAMPLE_TTL);
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.rejected).toEqual([]);
    // the example lacks one property the NON_PUBLIC _recommended.ttl asks for: a warning, not a rejection
    expect(report.imported).toEqual([
      { id: "eu-hdca-r7-oncology-ehrs-2024", iri: EXAMPLE_IRI, created: true, warnings: [expect.objectContaining({ property: "dct:source" })] },
    ]);

    const ds = await getJson<{ hdab: { name: { en: string } }; minTypicalAge: number; healthCategory: string[]; extraTriples: string; revision: number }>(
      "/v1/datasets/eu-hdca-r7-oncology-ehrs-2024",
    );
    expect(ds.body.hdab.name.en).toBe("Belgian Health Data Access Body");
    expect(ds.body.minTypicalAge).toBe(18);
    expect(ds.body.healthCategory).toEqual(["EHRS"]);
    expect(ds.body.extraTriples).toContain("http://www.w3.org/ns/dqv#hasQualityAnnotation");

    const hits = await getJson<{ total: number; items: { id: string }[] }>("/v1/datasets?q=oncology%20cohort");
    expect(hits.body.items[0]!.id).toBe("eu-hdca-r7-oncology-ehrs-2024");

    const again = (await (await harvest(OFFICIAL_EXAMPLE_TTL)).json()) as HarvestReport;
    expect(again.imported[0]).toMatchObject({ id: "eu-hdca-r7-oncology-ehrs-2024", created: false });
    expect((await getJson<{ revision: number }>("/v1/datasets/eu-hdca-r7-oncology-ehrs-2024")).body.revision).toBe(2);
  });

  it("reads back its own JSON-LD export", async () => {
    const id = "eu-hdca-r7-oncology-ehrs-2024";
    const ld = await (await SELF.fetch(`${BASE}/v1/datasets/${id}`, { headers: { accept: "application/ld+json" } })).text();
    const res = await harvest(ld, "application/ld+json", "iknl");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.rejected).toEqual([]);
    expect(report.imported).toMatchObject([{ id, iri: EXAMPLE_IRI, created: false }]);
    // the JSON-LD round trip changes nothing: the stored dataset equals the one harvested from Turtle (but the revision)
    const after = (await getJson<Record<string, unknown>>(`/v1/datasets/${id}`)).body;
    expect(after.title).toEqual({ en: "Cross-border oncology EHR cohort 2024" });
    expect(after.revision).toBe(3);
  });

  it("imports the conformant datasets of a document and reports the others, writing nothing of them", async () => {
    const doc = `${OFFICIAL_EXAMPLE_TTL.replaceAll("ex:dataset-oncology-ehrs-2024", "ex:dataset-one").replace('dct:identifier "EU-HDCA-R7-ONCOLOGY-EHRS-2024"', 'dct:identifier "FIRST-DATASET"')}
ex:dataset-two a dcat:Dataset ; dct:title "Second, without an HDAB"@en ; dct:identifier "SECOND-DATASET" ; dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> .
`;
    const res = await harvest(doc, "text/turtle", "cbs");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.imported.map((i) => i.id)).toEqual(["first-dataset"]);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.iri).toBe("https://healthdcat-ap.example.org/release-7/example/dataset-two");
    expect((await SELF.fetch(`${BASE}/v1/datasets/first-dataset`)).status).toBe(200);
    expect(report.rejected[0]!.violations.map((v) => v.property)).toContain("healthdcatap:hdab");
    expect((await SELF.fetch(`${BASE}/v1/datasets/second-dataset`)).status).toBe(404);
  });
});
