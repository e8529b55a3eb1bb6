import { describe, expect, it, beforeAll } from "vitest";
import { badQueries, getJson, minimalDataset, publish } from "./helpers";

type Ckan<T> = { success: boolean; result: T };
type SearchResult = {
  count: number;
  results: { name: string; title: string; organization: { name: string }; tags: { name: string }[]; resources: { format: string }[] }[];
  search_facets: Record<string, { items: { name: string; count: number }[] }>;
  facets: Record<string, Record<string, number>>;
};

beforeAll(async () => {
  await publish(
    "rivm",
    minimalDataset({
      identifier: "CKAN-A",
      title: { nl: "Griepsurveillance", en: "Influenza surveillance" },
      keyword: [{ value: "griep" }, { value: "vaccinatie" }],
    }),
  );
  await publish(
    "rivm",
    minimalDataset({ identifier: "CKAN-B", title: { nl: "Vaccinatiegraad", en: "Vaccination coverage" }, keyword: [{ value: "vaccinatie" }] }),
  );
  await publish("nivel", minimalDataset({ identifier: "CKAN-C", title: { nl: "Huisartsregistratie", en: "GP registry" }, keyword: [{ value: "huisarts" }] }));
});

describe("CKAN Action API", () => {
  it("package_search with q, fq, facet.field, rows, start and search_facets", async () => {
    const r = await getJson<Ckan<SearchResult>>(
      `/api/3/action/package_search?q=vaccinatie&facet.field=${encodeURIComponent('["tags","organization"]')}&rows=1`,
    );
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.result.count).toBe(2);
    expect(r.body.result.results).toHaveLength(1);
    expect(r.body.result.search_facets.tags!.items.find((i) => i.name === "vaccinatie")!.count).toBe(2);
    expect(r.body.result.facets.organization).toEqual({ rivm: 2 });

    const page2 = await getJson<Ckan<SearchResult>>(`/api/3/action/package_search?q=vaccinatie&rows=1&start=1`);
    expect(page2.body.result.results[0]!.name).not.toBe(r.body.result.results[0]!.name);

    const fq = await getJson<Ckan<SearchResult>>(`/api/3/action/package_search?fq=${encodeURIComponent('organization:nivel tags:"huisarts"')}`);
    expect(fq.body.result.results.map((p) => p.name)).toEqual(["ckan-c"]);
    expect(fq.body.result.results[0]).toMatchObject({ title: "Huisartsregistratie", organization: { name: "nivel" }, resources: [{ format: "CSV" }] });

    const inQ = await getJson<Ckan<SearchResult>>(`/api/3/action/package_search?q=${encodeURIComponent("tags:griep")}`);
    expect(inQ.body.result.count).toBe(1);
  });

  it("caps rows at 1000 and sorts by title", async () => {
    const r = await getJson<Ckan<SearchResult>>(`/api/3/action/package_search?rows=5000&sort=${encodeURIComponent("title_string asc")}`);
    expect(r.status).toBe(200);
    const titles = r.body.result.results.map((p) => p.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
  });

  it("package_show and organization_list", async () => {
    const show = await getJson<Ckan<{ name: string; extras: { key: string; value: string }[] }>>(`/api/3/action/package_show?id=ckan-a`);
    expect(show.body.result.name).toBe("ckan-a");
    expect(show.body.result.extras.find((e) => e.key === "uri")!.value).toBe("https://data.regie.nl/catalogue/datasets/ckan-a");
    const orgs = await getJson<Ckan<string[]>>(`/api/3/action/organization_list`);
    expect(orgs.body.result).toEqual(["nivel", "rivm"]);
    const full = await getJson<Ckan<{ name: string; package_count: number }[]>>(`/api/3/action/organization_list?all_fields=true`);
    expect(full.body.result.find((o) => o.name === "rivm")!.package_count).toBe(2);
  });
});

describe("CKAN errors", () => {
  it("answers CKAN-shaped problem+json for bad input", async () => {
    const badSearches = badQueries("package_search", { fq: ["nonsense:1"], sort: ["random"], rows: ["-1"], "facet.field": ["tags"] });
    for (const qs of [...badSearches, "package_show", "package_show?id=nope"]) {
      const r = await getJson<{ success: boolean; error: { message: string }; status: number }>(`/api/3/action/${qs}`);
      expect(r.status, qs).toBeGreaterThanOrEqual(400);
      expect(r.status, qs).toBeLessThan(500);
      expect(r.res.headers.get("content-type")).toBe("application/problem+json");
      expect(r.body.success).toBe(false);
      expect(r.body.error.message).toEqual(expect.any(String));
    }
  });
});
