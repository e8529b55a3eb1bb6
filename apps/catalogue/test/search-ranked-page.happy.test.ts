// Full-text search reads the relevance-ordered page (with its summaries) in the same SQL statement as the hits,
// given the other filters as a hex bitset. These tests pin that statement against the in-isolate order.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchResponse } from "@regie/shared/contracts/catalogue";
import { DatasetsRepo } from "../src/storage/datasets-repo";
import * as bits from "../src/search/bitset";
import { getJson, minimalDataset, publish } from "./helpers";

const published: { id: string; category: string }[] = [];

beforeAll(async () => {
  // 12 datasets that all match "longfunctie spirometrie", with different weights of the words (title, keyword,
  // description) and alternating health categories
  for (let i = 0; i < 12; i++) {
    const category = i % 2 ? "MRMR" : "RQSH";
    const inTitle = i % 3 === 0 ? "Longfunctie spirometrie" : i % 3 === 1 ? "Longfunctie" : "Spirometrie";
    const ds = await publish(
      "rivm",
      minimalDataset({
        title: { nl: `${inTitle} cohort ${i}`, en: `Lung function cohort ${i}` },
        description: { nl: `Metingen van longfunctie en spirometrie${" bij volwassenen".repeat(i)}.`, en: "Measurements." },
        healthCategory: [category],
        keyword: [{ value: i % 4 === 0 ? "spirometrie" : "longen", lang: "nl" }],
      }),
    );
    published.push({ id: ds.id, category });
  }
});

const search = async (qs: string) => (await getJson<SearchResponse>(`/v1/datasets?${qs}`)).body;
const cursor = (o: number) => btoa(JSON.stringify({ o })).replace(/=+$/, "");

describe("relevance page read together with the full-text hits", () => {
  it("the repository's page is the hits set in the filter, in rank order, from the offset, with their summaries", async () => {
    const repo = new DatasetsRepo(env.DB);
    const all = await repo.rankedText('"longfunctie"* "spirometri"*');
    expect(all.ords).toHaveLength(12);
    expect(all.page).toBeUndefined();
    // every other hit, by rank
    const chosen = all.ords.filter((_, i) => i % 2 === 0);
    const filter = bits.empty(Math.max(...all.ords) + 64);
    for (const o of chosen) bits.set(filter, o);
    const read = await repo.rankedText('"longfunctie"* "spirometri"*', { filter: bits.toHex(filter), offset: 1, limit: 3 });
    expect(read.ords).toEqual(all.ords);
    expect(read.page!.ords).toEqual(chosen.slice(1, 4));
    const summaries = await repo.summariesAt(chosen.slice(1, 4));
    expect(read.page!.items).toEqual(summaries.items);
    // an empty filter selects nothing, an offset past the end gives an empty page
    expect((await repo.rankedText('"longfunctie"* "spirometri"*', { filter: "", offset: 0, limit: 5 })).page!.ords).toEqual([]);
    expect((await repo.rankedText('"longfunctie"* "spirometri"*', { filter: bits.toHex(filter), offset: 6, limit: 5 })).page!.ords).toEqual([]);
  });

  it("a first (uncached) search with a facet and a cursor gives the facet's part of the full ranking", async () => {
    // different word orders are different cache keys with the same hits and ranking
    const page = await search(`q=spirometrie+longfunctie&healthCategory=MRMR&limit=3&cursor=${cursor(2)}`);
    const full = await search("q=longfunctie+spirometrie&limit=50");
    const heal = new Set(published.filter((p) => p.category === "MRMR").map((p) => p.id));
    const expected = full.items.map((i) => i.id).filter((id) => heal.has(id));
    expect(full.total).toBe(12);
    expect(page.total).toBe(6);
    expect(page.items.map((i) => i.id)).toEqual(expected.slice(2, 5));
    expect(page.items).toEqual(full.items.filter((i) => heal.has(i.id)).slice(2, 5));
  });
});
