// A pushed document with more datasets than one invocation writes (2 here) is answered 202 with a job and
// imported over several queue messages (the real queue binding, run by the local runtime); the job reports each
// dataset's outcome. The same document again updates every dataset. A small document is still answered at once.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestPushJob, HarvestReport, SearchResponse } from "@regie/shared/contracts/catalogue";
import { OFFICIAL_EXAMPLE_TTL } from "../src/generator/official-example";
import { chunkPrefix } from "../src/harvest-push/chunks";
import { api, getJson, harvest, publisher } from "../test/helpers";
import { allDocs, directory, harvestDocument, rowCount } from "./helpers";

async function finished(location: string): Promise<HarvestPushJob> {
  const auth = await publisher("nivel");
  // generous: the queue runs on a shared, loaded machine
  for (const until = Date.now() + 90_000; Date.now() < until;) {
    const res = await api(location, auth);
    expect(res.status).toBe(200);
    const job = (await res.json()) as HarvestPushJob;
    if (job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the job did not finish");
}

describe("a pushed harvest document bigger than one invocation", () => {
  it("continues over several queue messages and reports every dataset", { timeout: 120_000 }, async () => {
    const { ttl, iris } = harvestDocument(11, 5, [3]);
    const res = await harvest(ttl, "text/turtle", "nivel");
    expect(res.status).toBe(202);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/v1\/harvest\/jobs\/[0-9a-f-]{36}$/);
    const started = (await res.json()) as HarvestPushJob;
    expect(started).toMatchObject({ status: "running", total: 5, processed: 0 });

    const job = await finished(location);
    expect(job).toMatchObject({ status: "done", total: 5, processed: 5, added: 4, updated: 0, rejected: 1, error: null });
    expect(job.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(job.items.map((i) => i.iri))).toEqual(new Set(iris));
    const rejected = job.items.filter((i) => i.outcome === "rejected");
    expect(rejected.map((i) => i.iri)).toEqual([iris[3]]);
    expect(rejected[0]!.violations.map((v) => v.property)).toContain("healthdcatap:hdab");
    const added = job.items.filter((i) => i.outcome === "added");
    expect(added).toHaveLength(4);
    for (const item of added) expect((await getJson<{ iri: string }>(`/v1/datasets/${item.id}`)).body.iri).toBe(item.iri);
    expect(await rowCount()).toBe(4);
    expect((await allDocs()).map((d) => d.token).sort()).toEqual((await directory()).map((d) => d.token).sort());
    // the chunk objects are removed with the last chunk
    expect((await env.HARVEST_DOCS.list({ prefix: chunkPrefix(job.id) })).objects).toEqual([]);
    const search = await getJson<SearchResponse>(`/v1/datasets?publisher=nivel&limit=50`);
    expect(search.body.total).toBe(4);

    // the same document again: every conformant dataset updated in place, nothing added
    const again = await harvest(ttl, "text/turtle", "nivel");
    expect(again.status).toBe(202);
    const second = await finished(again.headers.get("location")!);
    expect(second).toMatchObject({ status: "done", processed: 5, added: 0, updated: 4, rejected: 1 });
    expect(await rowCount()).toBe(4);
    expect((await allDocs()).length).toBe(4);
  });

  it("answers a document within one invocation's budget at once, as before (200 with the report)", { timeout: 60_000 }, async () => {
    const res = await harvest(OFFICIAL_EXAMPLE_TTL, "text/turtle", "iknl");
    expect(res.status).toBe(200);
    const report = (await res.json()) as HarvestReport;
    expect(report.imported).toHaveLength(1);
  });

  it("shows a job only to its own publisher (404 otherwise, 401 without a token)", { timeout: 60_000 }, async () => {
    const res = await harvest(harvestDocument(12, 3).ttl, "text/turtle", "nivel");
    expect(res.status).toBe(202);
    const location = res.headers.get("location")!;
    await finished(location);
    expect((await api(location, await publisher("rivm"))).status).toBe(404);
    expect((await api(location, {})).status).toBe(401);
    expect((await api("/v1/harvest/jobs/not-a-uuid", await publisher("nivel"))).status).toBe(400);
  });
});
