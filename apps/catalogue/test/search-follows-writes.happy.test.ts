/**
 * The search index follows writes through the same worker: a search right after a publish, an update or a
 * deletion sees it (facets, text and summaries of one version), answers cached before the write stay right, and
 * the index is brought up to date from the changed rows without reading the whole catalogue again.
 */
import { SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SearchResponse } from "@regie/shared/contracts/catalogue";
import { DatasetsRepo } from "../src/storage/datasets-repo";
import { BASE, getJson, minimalDataset, publish, publisher } from "./helpers";

const search = async (qs: string) => (await getJson<SearchResponse>(`/v1/datasets?${qs}`)).body;
const ids = (r: SearchResponse) => r.items.map((i) => i.id).sort();
const facet = (r: SearchResponse, f: string, v: string) => r.facets[f]?.find((x) => x.value === v)?.count ?? 0;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("search after a write", () => {
  it("sees a publish, an update and a deletion at once; unrelated cached answers stay right", async () => {
    const asthma = await publish(
      "rivm",
      minimalDataset({
        identifier: "FOLLOW-ASTHMA",
        title: { nl: "Astma bij kinderen", en: "Childhood asthma" },
        theme: ["HEAL"],
        healthCategory: ["RQSH"],
        keyword: [{ value: "astma", lang: "nl" }],
      }),
    );
    const stroke = await publish(
      "umcu",
      minimalDataset({
        title: { nl: "Beroerte cohort", en: "Stroke cohort" },
        theme: ["HEAL"],
        healthCategory: ["EHRS"],
        keyword: [{ value: "beroerte", lang: "nl" }],
      }),
    );

    // warm the caches: an unrelated text query and a facet query
    const strokeBefore = await search("q=stroke");
    expect(ids(strokeBefore)).toEqual([stroke.id]);
    const educBefore = await search("theme=EDUC");
    expect(educBefore.total).toBe(0);
    const all = (await search("limit=100")).total;

    // from here on the index must follow without reading the whole catalogue
    const fullReads = vi.spyOn(DatasetsRepo.prototype, "indexRows");

    // update: new title, theme and category together
    const put = await SELF.fetch(`${BASE}/v1/datasets/${asthma.id}`, {
      method: "PUT",
      headers: { ...(await publisher("rivm")), "content-type": "application/json" },
      body: JSON.stringify(
        minimalDataset({
          identifier: "FOLLOW-ASTHMA",
          title: { nl: "Leesvaardigheid op school", en: "Reading at school" },
          theme: ["HEAL", "EDUC"],
          healthCategory: ["DIOH"],
          keyword: [{ value: "lezen", lang: "nl" }],
        }),
      ),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const educ = await search("theme=EDUC");
    expect(ids(educ)).toEqual([asthma.id]);
    expect(educ.items[0]!.title.en).toBe("Reading at school");
    expect(facet(educ, "healthCategory", "DIOH")).toBe(1);
    expect(facet(educ, "healthCategory", "RQSH")).toBe(0);
    // the old text and the old facets are gone together
    expect((await search("q=asthma")).total).toBe(0);
    expect((await search("keyword=astma")).total).toBe(0);
    expect(ids(await search("q=reading&theme=EDUC"))).toEqual([asthma.id]);
    // the unrelated answer cached before the write is still right
    expect(await search("q=stroke")).toEqual(strokeBefore);

    // publish
    const diabetes = await publish(
      "rivm",
      minimalDataset({ title: { nl: "Diabetes type 2", en: "Type 2 diabetes" }, theme: ["HEAL"], healthCategory: ["EHRS"] }),
    );
    expect(ids(await search("q=diabetes"))).toEqual([diabetes.id]);
    expect(ids(await search("healthCategory=EHRS"))).toEqual([diabetes.id, stroke.id].sort());
    expect((await search("limit=100")).total).toBe(all + 1);

    // delete
    const del = await SELF.fetch(`${BASE}/v1/datasets/${stroke.id}`, { method: "DELETE", headers: await publisher("umcu") });
    expect(del.status).toBe(204);
    expect((await search("q=stroke")).total).toBe(0);
    const ehrs = await search("healthCategory=EHRS");
    expect(ids(ehrs)).toEqual([diabetes.id]);
    expect(facet(await search(""), "publisher", "umcu")).toBe(0);
    expect((await search("limit=100")).total).toBe(all);

    expect(fullReads).not.toHaveBeenCalled();
  });
});
