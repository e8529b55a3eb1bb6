// A pushed document is split at push into chunk objects (src/harvest-push/chunks.ts), one per
// HARVEST_INVOCATION_DATASETS datasets (2 here): each chunk maps to exactly the datasets of the whole document's
// slice (same values, same blank-node labels), in every input syntax and across the edges a document can have
// (shared blank nodes, links between datasets, a data service, catalogue). A job over the chunks writes what one
// invocation writes; its objects are removed when it ends, done or failed, and when writing them fails at push.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestPushJob, HarvestReport } from "@regie/shared/contracts/catalogue";
import { harvestPrefix, harvestQuads, readHarvestDocument } from "../src/datasets/service";
import { chunkKey, chunkPrefix, getChunk, readChunk, writeChunks } from "../src/harvest-push/chunks";
import { harvestQueue, MAX_ATTEMPTS } from "../src/harvest-push/consume";
import { HarvestPushRepo } from "../src/harvest-push/repo";
import { datasetSlice } from "../src/rdf/from-rdf";
import type { RdfMediaType } from "../src/rdf/parse";
import { toRdfXml } from "../src/rdf/rdfxml";
import { datasetsRepo } from "../src/storage/repos";
import { parseTurtle, toJsonLd } from "../src/rdf/serialise";
import { api, getJson, harvest, publisher } from "../test/helpers";
import { harvestDocument } from "./helpers";

// links a document can have beyond the generated datasets: a catalogue, a data service reached from a distribution
// and (hostile) as a publisher node, a dataset as another's creator node, a shared blank-node agent, nested and
// anonymous blank nodes, statements the model does not cover, a blank-node dataset
const EDGES = `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <https://edges.example.org/> .
ex:cat a dcat:Catalog ; dct:title "Catalogue"@en ; dcat:dataset ex:t1, ex:t2, ex:t3 .
ex:svc a dcat:DataService ; dct:title "Service"@en ; dct:publisher _:shared ; ex:note "a service note" ;
  foaf:name <https://edges.example.org/not-a-name> .
ex:t1 a dcat:Dataset ; dct:title "T1"@en, "T1"@nl ; foaf:name "T1 as an agent"@en, <https://edges.example.org/no-name> ; dct:publisher _:shared ; dct:relation ex:t3 ; dct:isPartOf ex:cat ;
  dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://edges.example.org/a> ; dcat:accessService ex:svc ;
    ex:deep [ ex:deeper "kept" ] ] ;
  ex:unknown [ ex:nested "kept too" ] .
ex:t2 a dcat:Dataset ; dct:title "T2"@en ; dct:publisher ex:svc ; dct:creator ex:t1 ; dct:identifier "t2", "t2b" .
ex:t3 a dcat:Dataset, ex:Other ; dct:title "T3"@en ; dct:publisher _:shared ; dcat:keyword "a"@en, "b"@en .
_:shared a foaf:Agent ; foaf:name "Shared"@en .
_:t4 a dcat:Dataset ; dct:title "A blank-node dataset"@en ; dcat:distribution [ dcat:accessURL <https://edges.example.org/b> ] .
`;

async function documentIn(type: RdfMediaType): Promise<string> {
  const turtle = `${harvestDocument(41, 5, [1]).ttl}\n${EDGES}`;
  if (type === "text/turtle") return turtle;
  const quads = parseTurtle(turtle);
  return type === "application/ld+json" ? toJsonLd(quads) : toRdfXml(quads);
}

const objectsOf = async (job: string) => (await env.HARVEST_DOCS.list({ prefix: chunkPrefix(job) })).objects.map((o) => o.key);

async function finished(location: string, who: string): Promise<HarvestPushJob> {
  const auth = await publisher(who);
  for (const until = Date.now() + 90_000; Date.now() < until;) {
    const job = (await (await api(location, auth)).json()) as HarvestPushJob;
    if (job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the job did not finish");
}

describe("a pushed document split into chunks", () => {
  for (const type of ["text/turtle", "application/ld+json", "application/rdf+xml"] as const) {
    it(`maps each chunk to the same datasets as the whole document's slice (${type})`, { timeout: 60_000 }, async () => {
      const body = await documentIn(type);
      const { quads, total } = await readHarvestDocument(body, type, harvestPrefix());
      expect(total).toBe(9);
      for (const size of [1, 2, 4]) {
        const job = crypto.randomUUID();
        expect(await writeChunks(env.HARVEST_DOCS, job, quads, size)).toBe(Math.ceil(total / size));
        let mapped = 0;
        for (let from = 0; from < total; from += size) {
          const chunk = (await getChunk(env.HARVEST_DOCS, job, from))!;
          expect(chunk.count).toBe(Math.min(size, total - from));
          const whole = datasetSlice(quads, from, from + chunk.count).datasets;
          const own = readChunk(chunk.text);
          expect(own.length).toBeLessThan(quads.length);
          expect(datasetSlice(own, 0, chunk.count).datasets).toEqual(whole);
          mapped += chunk.count;
        }
        expect(mapped).toBe(total);
        // blank-node labels as the push's parse gave them (they are written into the mapped datasets)
        expect(datasetSlice(quads, 0, total).datasets.filter((d) => d.iri.startsWith(`_:`))).toHaveLength(1);
        expect(await objectsOf(job)).toHaveLength(Math.ceil(total / size));
      }
    });
  }

  it("writes what one invocation writes, and removes its chunks at the end", { timeout: 120_000 }, async () => {
    const { ttl } = harvestDocument(43, 7, [2, 5]);
    const res = await harvest(ttl, "text/turtle", "nivel");
    expect(res.status).toBe(202);
    const location = res.headers.get("location")!;
    const started = (await res.json()) as HarvestPushJob;
    // four chunk objects (2 + 2 + 2 + 1 datasets), none of them the whole document
    const keys = await objectsOf(started.id);
    expect(keys.sort()).toEqual([0, 2, 4, 6].map((n) => chunkKey(started.id, n)).sort());
    const job = await finished(location, "nivel");
    expect(await objectsOf(started.id)).toEqual([]);
    expect(await env.HARVEST_DOCS.head(`harvest/${started.id}`)).toBeNull();
    const ids = job.items.filter((i) => i.id).map((i) => i.id!);
    const byJob = await Promise.all(ids.map(async (id) => (await getJson<Record<string, unknown>>(`/v1/datasets/${id}`)).body));

    // the same document in one invocation (its datasets now exist, so each conformant one is updated in place), read
    // with the job's blank-node prefix (each push has a fresh one, which the datasets' blank-node labels carry)
    const { prefix } = (await new HarvestPushRepo(env.DB).get(started.id))!;
    const { quads, total } = await readHarvestDocument(ttl, "text/turtle", prefix);
    const report: HarvestReport = await harvestQuads(datasetsRepo(env), quads, total, "nivel");
    expect(job).toMatchObject({ status: "done", total: 7, processed: 7, added: report.imported.length, updated: 0, rejected: report.rejected.length });
    expect(job.items.filter((i) => i.outcome === "added").map(({ iri, id, warnings }) => ({ iri, id, warnings }))).toEqual(
      report.imported.map(({ iri, id, warnings }) => ({ iri, id, warnings: warnings ?? [] })),
    );
    expect(job.items.filter((i) => i.outcome === "rejected").map(({ iri, violations }) => ({ iri, violations }))).toEqual(
      report.rejected.map(({ iri, violations }) => ({ iri, violations })),
    );
    const byOne = await Promise.all(ids.map(async (id) => (await getJson<Record<string, unknown>>(`/v1/datasets/${id}`)).body));
    const sameBut = (d: Record<string, unknown>) => ({ ...d, revision: undefined });
    expect(byJob.map(sameBut)).toEqual(byOne.map(sameBut));
    expect(byOne.map((d) => d.revision)).toEqual(byJob.map((d) => (d.revision as number) + 1));
  });

  it("removes the chunks written so far when writing one fails at push", { timeout: 60_000 }, async () => {
    const job = crypto.randomUUID();
    const { quads } = await readHarvestDocument(harvestDocument(46, 5).ttl, "text/turtle", "hput_");
    let puts = 0;
    const failing = new Proxy(env.HARVEST_DOCS, {
      get(target, prop) {
        if (prop === "put") return (...a: Parameters<R2Bucket["put"]>) => (++puts === 3 ? Promise.reject(new Error("R2 unavailable")) : target.put(...a));
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await expect(writeChunks(failing, job, quads, 2)).rejects.toThrow(/R2 unavailable/);
    expect(puts).toBe(3);
    expect(await objectsOf(job)).toEqual([]);
  });

  it("fails a job whose chunk keeps failing on the last attempt, and removes its chunks", { timeout: 60_000 }, async () => {
    // a job over stored chunks whose first says it holds more datasets than it does
    const job = crypto.randomUUID();
    const { quads } = await readHarvestDocument(harvestDocument(45, 3).ttl, "text/turtle", "hbad_");
    await writeChunks(env.HARVEST_DOCS, job, quads, 2);
    const first = (await getChunk(env.HARVEST_DOCS, job, 0))!;
    await env.HARVEST_DOCS.put(chunkKey(job, 0), first.text, { customMetadata: { from: "0", count: "3" } });
    const jobs = new HarvestPushRepo(env.DB);
    const [mediaType, prefix, createdAt, finishedAt] = ["text/turtle", "hbad_", new Date().toISOString(), null] as const;
    await jobs.create({
      id: job,
      publisherId: "nivel",
      status: "running",
      mediaType,
      prefix,
      total: 3,
      processed: 0,
      added: 0,
      updated: 0,
      rejected: 0,
      createdAt,
      finishedAt,
      error: null,
    });
    const outcome: string[] = [];
    const batch = (attempts: number) =>
      ({ messages: [{ body: { job }, attempts, ack: () => outcome.push("ack"), retry: () => outcome.push("retry") }] }) as unknown as MessageBatch<unknown>;
    await harvestQueue(batch(1), env);
    expect(outcome).toEqual(["retry"]);
    expect(await objectsOf(job)).toHaveLength(2);
    await harvestQueue(batch(MAX_ATTEMPTS), env);
    expect(outcome).toEqual(["retry", "ack"]);
    expect(await jobs.get(job)).toMatchObject({ status: "failed", processed: 0, error: expect.stringMatching(/holds 2 datasets, 3 expected/) });
    expect(await objectsOf(job)).toEqual([]);
  });
});
