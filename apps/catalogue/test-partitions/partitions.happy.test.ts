// Datasets spread over the document partitions (capacity 3 each here): every read (dataset, search, CKAN search,
// show and sync listing, DCAT export) finds each document wherever it lives; an update and a harvest keep one
// document per dataset in its partition; a deletion leaves none.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { SearchResponse } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { BASE, getJson, harvest, minimalDataset, publish, publisher } from "../test/helpers";
import { allDocs, directory, docsIn } from "./helpers";

const titles = Array.from({ length: 7 }, (_, i) => `Partitietest register ${i}`);

describe("datasets across document partitions", () => {
  it("publishes, reads everywhere, updates, harvests and deletes across partitions, one document per dataset", { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (const [i, title] of titles.entries()) ids.push((await publish("rivm", minimalDataset({ identifier: `PART-${i}`, title: { nl: title } }))).id);

    // spread: more than one partition, none above its capacity, the directory and the counts agree with the partitions
    const dir = await directory();
    expect(dir.map((d) => d.id).sort()).toEqual([...ids].sort());
    const docs = await allDocs();
    expect(docs.map((d) => d.token).sort()).toEqual(dir.map((d) => d.token).sort());
    const perPart = [0, 1, 2, 3].map((p) => docs.filter((d) => d.part === p).length);
    expect(perPart.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(Math.max(...perPart)).toBeLessThanOrEqual(3);
    const counted = (await env.DB.prepare(`SELECT part, docs FROM doc_partitions ORDER BY part`).all<{ part: number; docs: number }>()).results;
    for (const c of counted) expect(c.docs).toBe(perPart[c.part]);
    // the catalogue rows no longer carry the documents
    expect((await env.DB.prepare(`SELECT count(*) AS n FROM datasets WHERE doc <> '' OR summary <> ''`).first<{ n: number }>())!.n).toBe(0);

    for (const [i, id] of ids.entries()) {
      const one = await getJson<{ title: { nl: string } }>(`/v1/datasets/${id}`);
      expect(one.status).toBe(200);
      expect(one.body.title.nl).toBe(titles[i]);
      const show = await getJson<{ result: { name: string; title: string } }>(`/api/3/action/package_show?id=${id}`);
      expect(show.body.result.name).toBe(id);
    }
    const found = await getJson<SearchResponse>(`/v1/datasets?q=partitietest&limit=100`);
    expect(found.body.total).toBe(7);
    expect(found.body.items.map((s) => s.title.nl).sort()).toEqual([...titles].sort());
    const ckan = await getJson<{ result: { count: number; results: { name: string }[] } }>(`/api/3/action/package_search?q=partitietest&rows=1000`);
    expect(ckan.body.result.results.map((r) => r.name).sort()).toEqual([...ids].sort());
    const sync = await getJson<{ result: { results: { name: string }[] } }>(`/api/3/action/package_search?rows=100&sort=${encodeURIComponent("id asc")}`);
    expect(sync.body.result.results.map((r) => r.name)).toEqual([...ids].sort());
    const ttl = await (await SELF.fetch(`${BASE}/catalog.ttl?pageSize=1000`)).text();
    for (const t of titles) expect(ttl).toContain(t);

    // an update: a new document in the same partition, the old one removed
    const before = dir.find((d) => d.id === ids[0])!;
    const put = await SELF.fetch(`${BASE}/v1/datasets/${ids[0]}`, {
      method: "PUT",
      headers: { ...(await publisher("rivm")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ identifier: "PART-0", title: { nl: "Partitietest bijgewerkt" } })),
    });
    expect(put.status).toBe(200);
    const after = (await directory()).find((d) => d.id === ids[0])!;
    expect(after.part).toBe(before.part);
    expect(after.token).not.toBe(before.token);
    expect((await docsIn(before.part)).filter((d) => d.id === ids[0]).map((d) => d.token)).toEqual([after.token]);
    expect((await getJson<{ title: { nl: string }; revision: number }>(`/v1/datasets/${ids[0]}`)).body).toMatchObject({
      title: { nl: "Partitietest bijgewerkt" },
      revision: 2,
    });
    expect((await getJson<SearchResponse>(`/v1/datasets?q=bijgewerkt`)).body.items.map((s) => s.id)).toEqual([ids[0]]);

    // a harvest, then the same document again (an update of the harvested dataset)
    const first = await harvest(OFFICIAL_EXAMPLE_TTL);
    expect(first.status).toBe(200);
    const harvested = ((await first.json()) as { imported: { id: string; created: boolean }[] }).imported[0]!;
    expect(harvested.created).toBe(true);
    const again = await harvest(OFFICIAL_EXAMPLE_TTL);
    expect(((await again.json()) as { imported: { created: boolean }[] }).imported[0]!.created).toBe(false);
    expect((await getJson<{ revision: number }>(`/v1/datasets/${harvested.id}`)).body.revision).toBe(2);
    expect((await allDocs()).filter((d) => d.id === harvested.id)).toHaveLength(1);

    // a deletion: no row, no directory entry, no document
    const del = await SELF.fetch(`${BASE}/v1/datasets/${ids[1]}`, { method: "DELETE", headers: await publisher("rivm") });
    expect(del.status).toBe(204);
    expect((await getJson(`/v1/datasets/${ids[1]}`)).status).toBe(404);
    expect((await directory()).some((d) => d.id === ids[1])).toBe(false);
    expect((await allDocs()).some((d) => d.id === ids[1])).toBe(false);
    expect((await getJson<SearchResponse>(`/v1/datasets?q=partitietest&limit=100`)).body.total).toBe(6);
    // every dataset has exactly its one document
    expect((await allDocs()).map((d) => d.token).sort()).toEqual((await directory()).map((d) => d.token).sort());
  });
});
