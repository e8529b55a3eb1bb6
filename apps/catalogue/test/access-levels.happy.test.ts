import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestReport } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { BASE, getJson, harvest, minimalDataset, publisher } from "./helpers";

type Problem = { status: number; errors?: { path: string; property?: string }[] };

const at = (level: string, n: string) =>
  OFFICIAL_EXAMPLE_TTL.replaceAll("access-right/NON_PUBLIC>", `access-right/${level}>`)
    .replaceAll("ex:dataset-oncology-ehrs-2024", `ex:dataset-${n}`)
    .replace('dct:identifier "EU-HDCA-R7-ONCOLOGY-EHRS-2024"', `dct:identifier "LEVEL-${n}"`);

async function post(body: unknown) {
  return SELF.fetch(`${BASE}/v1/datasets`, {
    method: "POST",
    headers: { ...(await publisher("rivm")), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("all three HealthDCAT-AP access levels", () => {
  it.each(["PUBLIC", "RESTRICTED"])("the official example at %s is harvested, exported at its level and found by the access-level facet", async (level) => {
    const n = level.toLowerCase();
    const report = (await (await harvest(at(level, n), "text/turtle", "iknl")).json()) as HarvestReport;
    expect(report.rejected).toEqual([]);
    expect(report.imported).toMatchObject([{ id: `level-${n}`, created: true }]);

    const ttl = await (await SELF.fetch(`${BASE}/v1/datasets/level-${n}`, { headers: { accept: "text/turtle" } })).text();
    expect(ttl).toContain(`<http://publications.europa.eu/resource/authority/access-right/${level}>`);
    const catalog = await (await SELF.fetch(`${BASE}/catalog.ttl?pageSize=1000`)).text();
    expect(catalog).toContain(`dataset-${n}>`);

    const hits = await getJson<{ items: { id: string; accessRights: string }[]; facets: { accessRights: { value: string; count: number }[] } }>(
      `/v1/datasets?accessRights=${level}`,
    );
    expect(hits.body.items.map((i) => i.id)).toContain(`level-${n}`);
    expect(hits.body.items.every((i) => i.accessRights === level)).toBe(true);
    expect(hits.body.facets.accessRights.find((f) => f.value === level)!.count).toBeGreaterThanOrEqual(1);
  });

  it("a PUBLIC or RESTRICTED dataset needs no keyword, contact point, type or provenance; a NON_PUBLIC one does (422 naming each)", async () => {
    const bare = { keyword: [], contactPoint: [], type: [], provenance: [] };
    for (const level of ["PUBLIC", "RESTRICTED"] as const) {
      const res = await post(minimalDataset({ accessRights: level, ...bare }));
      expect(res.status, level).toBe(201);
      expect(((await res.json()) as { accessRights: string }).accessRights).toBe(level);
    }
    const { keyword: _k, contactPoint: _c, type: _t, provenance: _p, ...omitted } = minimalDataset({ accessRights: "PUBLIC" });
    void [_k, _c, _t, _p];
    expect((await post(omitted)).status).toBe(201);

    const res = await post(minimalDataset({ accessRights: "NON_PUBLIC", ...bare }));
    expect(res.status).toBe(422);
    const props = ((await res.json()) as Problem).errors!.map((e) => e.property).sort();
    expect(props).toEqual(["dcat:contactPoint", "dcat:keyword", "dct:provenance", "dct:type"]);
  });

  it("the mandatory properties shared by every level are enforced at PUBLIC and RESTRICTED too", async () => {
    for (const level of ["PUBLIC", "RESTRICTED"] as const) {
      const { hdab: _h, ...noHdab } = minimalDataset({ accessRights: level, distribution: [], applicableLegislation: [], healthCategory: [] });
      void _h;
      const res = await post(noHdab);
      expect(res.status).toBe(422);
      const props = ((await res.json()) as Problem).errors!.map((e) => e.property);
      expect(props).toEqual(expect.arrayContaining(["healthdcatap:hdab", "dcat:distribution", "dcatap:applicableLegislation", "healthdcatap:healthCategory"]));
    }
  });
});
