/**
 * A word found in every dataset: the old design ranked it in one statement that concatenated every hit into one
 * value (14 bytes a hit; D1 allows 2,000,000 bytes, so ≈159,000 hits broke it with SQLITE_TOOBIG). Here SQLite's
 * value limit is lowered (src/storage/value-limit.ts) so that the old statement fails on 1,200 datasets: the
 * sharded search answers, with the right total and the same first page.
 */
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchResponse } from "@regie/shared/contracts/catalogue";
import { growGenerated } from "../src/generator/seed";
import { searchDatasets as reference } from "../src/search/service";
import { searchDatasets as sharded } from "../src/search/sharded";
import { datasetsRepo } from "../src/storage/repos";
import { limitValues } from "../src/storage/value-limit";
import { BASE } from "./helpers";

const DATASETS = 1200;
const LIMIT = 8000;

beforeAll(async () => {
  await growGenerated(env.DB, datasetsRepo(env), DATASETS);
}, 120_000);

describe("broad queries", () => {
  it("the old ranking statement fails under the lowered limit; the sharded search answers every hit", async () => {
    const limited = datasetsRepo(env, limitValues(env.DB, LIMIT));
    await expect(reference(limited, { q: "gegevens" }, { offset: 0, limit: 5 })).rejects.toThrow(/SQLITE_TOOBIG/);
    const got = JSON.parse(await sharded(env, limited, { q: "gegevens" }, { offset: 0, limit: 5 })) as SearchResponse;
    expect(got.total).toBe(DATASETS);
    expect(got.items).toHaveLength(5);
    // the same page as the reference computes without the limit
    const want = JSON.parse(await reference(datasetsRepo(env), { q: "gegevens" }, { offset: 0, limit: 5 })) as SearchResponse;
    expect(got.items).toEqual(want.items);
    expect(got.facets).toEqual(want.facets);
  }, 120_000);

  it("answers 200 over HTTP, for the JSON API and CKAN (rows=1000)", async () => {
    const api = await SELF.fetch(`${BASE}/v1/datasets?q=gegevens&limit=3`);
    expect(api.status).toBe(200);
    expect(((await api.json()) as SearchResponse).total).toBe(DATASETS);
    const ckan = await SELF.fetch(`${BASE}/api/3/action/package_search?q=hdab&rows=1000`);
    expect(ckan.status).toBe(200);
    const body = (await ckan.json()) as { result: { count: number; results: unknown[] } };
    expect(body.result.count).toBe(DATASETS);
    expect(body.result.results).toHaveLength(1000);
  }, 120_000);
});
