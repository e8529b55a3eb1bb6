import { describe, expect, it, beforeAll } from "vitest";
import type { DatasetInput, SearchResponse } from "@regie/shared/contracts/catalogue";
import { EHDS, getJson, minimalDataset, publish } from "./helpers";

let onco: { id: string };
let oncoInDescription: { id: string };

/** What these searches vary of a dataset: its texts, its facets (one Dutch keyword), its one distribution (under the EHDS), and whom and when it covers. */
interface Searchable {
  title: DatasetInput["title"];
  description: DatasetInput["description"];
  facets: Pick<DatasetInput, "healthCategory" | "theme"> & { keyword: string };
  distribution: { accessURL: string; format: string };
  covers: { ages: [min: number, max: number]; individuals: number; period: [start: string, end: string] };
}

/** Publishes, as `publisherId`, a minimalDataset with what `s` says. */
const publishSearchable = (publisherId: string, s: Searchable) =>
  publish(
    publisherId,
    minimalDataset({
      title: s.title,
      description: s.description,
      healthCategory: s.facets.healthCategory,
      theme: s.facets.theme,
      keyword: [{ value: s.facets.keyword, lang: "nl" }],
      distribution: [{ applicableLegislation: [EHDS], accessURL: s.distribution.accessURL, format: s.distribution.format }],
      minTypicalAge: s.covers.ages[0],
      maxTypicalAge: s.covers.ages[1],
      numberOfUniqueIndividuals: s.covers.individuals,
      temporal: [{ startDate: s.covers.period[0], endDate: s.covers.period[1] }],
    }),
  );

beforeAll(async () => {
  // bilingual: Dutch title "oncologie", English title "oncology"
  onco = await publishSearchable("iknl", {
    title: { nl: "Landelijke oncologie registratie", en: "National oncology registry" },
    description: { nl: "Tumorgegevens van ziekenhuizen.", en: "Tumour data from hospitals." },
    facets: { healthCategory: ["MRMR"], theme: ["HEAL"], keyword: "kanker" },
    distribution: { accessURL: "https://iknl.example/a", format: "CSV" },
    covers: { ages: [18, 99], individuals: 400000, period: ["2010-01-01", "2020-12-31"] },
  });
  // mentions oncology only in its description
  oncoInDescription = await publishSearchable("rivm", {
    title: { nl: "Gezondheidsenquête volwassenen", en: "Adult health survey" },
    description: { nl: "Vragen over leefstijl, ook over oncologie.", en: "Questions on lifestyle, including oncology." },
    facets: { healthCategory: ["RQSH"], theme: ["HEAL", "SOCI"], keyword: "leefstijl" },
    distribution: { accessURL: "https://rivm.example/a", format: "PARQUET" },
    covers: { ages: [18, 65], individuals: 9000, period: ["2021-01-01", "2022-12-31"] },
  });
  await publishSearchable("rivm", {
    title: { nl: "Jeugdmonitor", en: "Youth monitor" },
    description: { nl: "Gezondheid van kinderen.", en: "Health of children." },
    facets: { healthCategory: ["RQSH", "DIOH"], theme: ["HEAL"], keyword: "kinderen" },
    distribution: { accessURL: "https://rivm.example/b", format: "CSV" },
    covers: { ages: [4, 17], individuals: 50000, period: ["2015-01-01", "2016-12-31"] },
  });
});

const search = (qs: string) => getJson<SearchResponse>(`/v1/datasets?${qs}`);
const ids = (r: SearchResponse) => r.items.map((i) => i.id);
const facet = (r: SearchResponse, f: string, v: string) => r.facets[f]?.find((x) => x.value === v)?.count;
/** Asserts the count of every listed facet value, e.g. `{ theme: { HEAL: 3 } }` (a value the facet does not list fails too). */
function expectCounts(r: SearchResponse, want: Record<string, Record<string, number>>) {
  const got = Object.fromEntries(Object.entries(want).map(([f, values]) => [f, Object.fromEntries(Object.keys(values).map((v) => [v, facet(r, f, v)]))]));
  expect(got).toStrictEqual(want);
}

describe("full text search", () => {
  it('"oncologie" and "oncology" find the same bilingual dataset, title matches ranked first', async () => {
    const nl = await search("q=oncologie");
    const en = await search("q=oncology");
    expect(nl.status).toBe(200);
    expect(ids(nl.body)).toEqual([onco.id, oncoInDescription.id]);
    expect(ids(en.body)).toEqual(ids(nl.body));
    expect(nl.body.total).toBe(2);
  });

  it("matches prefixes and ignores case and diacritics", async () => {
    expect(ids((await search("q=ONCOLOG")).body)).toContain(onco.id);
    expect(ids((await search("q=regis")).body)).toEqual([onco.id]);
    expect(ids((await search("q=jeugdmonitór")).body)).toHaveLength(1);
  });

  it("several words must all match", async () => {
    expect(ids((await search("q=oncology%20survey")).body)).toEqual([oncoInDescription.id]);
  });

  it("FTS syntax in user text is treated as words", async () => {
    for (const q of ['"oncology', "oncology*", "oncology OR youth", "NEAR(oncology youth)", "oncology --", "title:oncology", "-oncology", "^oncology"]) {
      const r = await search(`q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
    }
    expect((await search(`q=${encodeURIComponent("oncology OR youth")}`)).body.total).toBe(0);
    expect((await search(`q=${encodeURIComponent("***")}`)).body.total).toBe(0);
  });
});

describe("facets", () => {
  it("counts every facet without a selection", async () => {
    const r = (await search("")).body;
    expect(r.total).toBe(3);
    expectCounts(r, {
      theme: { HEAL: 3, SOCI: 1 },
      healthCategory: { RQSH: 2 },
      publisher: { rivm: 2 },
      format: { CSV: 2 },
      accessRights: { NON_PUBLIC: 3 },
      keyword: { kinderen: 1 },
    });
    expect(r.facets.publisher!.find((f) => f.value === "rivm")!.label).toBe("Rijksinstituut voor Volksgezondheid en Milieu");
    expect(r.facets.healthCategory!.find((f) => f.value === "MRMR")!.label).toMatch(/registries/);
  });

  it("ORs values within a facet and ANDs facets, with counts that ignore the facet's own selection", async () => {
    const or = (await search("healthCategory=MRMR&healthCategory=DIOH")).body;
    expect(or.total).toBe(2);
    // own facet: counts as if nothing was selected there
    expectCounts(or, { healthCategory: { RQSH: 2, MRMR: 1 } });
    // other facets: counted within the selection
    expectCounts(or, { publisher: { rivm: 1, iknl: 1 } });

    const and = (await search("healthCategory=MRMR,DIOH&format=CSV&publisher=rivm")).body;
    expect(and.total).toBe(1);
    expect(and.items[0]!.title.en).toBe("Youth monitor");
    expect(facet(and, "publisher", "iknl")).toBe(1); // would add the oncology registry
  });

  it("150 selected facet values work (no bound-parameter limit)", async () => {
    const many = Array.from({ length: 149 }, (_, i) => `keyword=unknown-${i}`).join("&");
    const r = await search(`${many}&keyword=kinderen`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    const pubs = Array.from({ length: 150 }, (_, i) => `publisher=p${i}`).join("&");
    const r2 = await search(`${pubs}&publisher=iknl&q=oncology`);
    expect(r2.status).toBe(200);
    expect(r2.body.total).toBe(1);
  });

  it("a selected value without matches is still listed with count 0", async () => {
    const r = (await search("theme=TRAN")).body;
    expect(r.total).toBe(0);
    expect(r.facets.theme!.find((f) => f.value === "TRAN")).toMatchObject({ count: 0 });
  });

  it("labels in Dutch on request", async () => {
    const r = (await search("lang=nl")).body;
    expect(r.facets.theme!.find((f) => f.value === "HEAL")!.label).toBe("Gezondheid");
  });
});

describe("range filters", () => {
  it("age-range overlap", async () => {
    expect((await search("minAge=0&maxAge=10")).body.total).toBe(1);
    expect((await search("minAge=70")).body.total).toBe(1);
    expect((await search("minAge=16&maxAge=19")).body.total).toBe(3);
  });
  it("temporal-coverage overlap", async () => {
    expect(ids((await search("temporalStart=2021-06-01")).body)).toEqual([oncoInDescription.id]);
    expect((await search("temporalStart=2016-01-01&temporalEnd=2021-01-01")).body.total).toBe(3);
    expect((await search("temporalEnd=2009-12-31")).body.total).toBe(0);
  });
  it("minimum number of unique individuals", async () => {
    expect(ids((await search("minIndividuals=100000")).body)).toEqual([onco.id]);
  });
});

describe("sorting and paging", () => {
  it("sorts by title deterministically and pages with an opaque cursor", async () => {
    const first = (await search("sort=title&limit=2")).body;
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await search(`sort=title&limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...ids(first), ...ids(second)];
    expect(new Set(all).size).toBe(3);
    const titles = [...first.items, ...second.items].map((i) => (i.title.nl ?? "").toLowerCase());
    expect(titles).toEqual([...titles].sort());
    expect(ids((await search("sort=title&limit=2")).body)).toEqual(ids(first));
  });

  it("sorts by modified, newest first", async () => {
    const r = (await search("sort=modified")).body;
    const mods = r.items.map((i) => i.modified);
    expect(mods).toEqual([...mods].sort().reverse());
  });

  it("paging past the end returns no items and the same total", async () => {
    const r = (await search(`limit=2&cursor=${btoa(JSON.stringify({ o: 50 })).replace(/=+$/, "")}`)).body;
    expect(r.items).toEqual([]);
    expect(r.total).toBe(3);
    expect(r.nextCursor).toBeNull();
  });
});
