// Crashes and redeliveries in the middle of a pushed harvest job (messages driven by hand, the queue recorded):
// a chunk whose write fails writes nothing and is done by the retry; a chunk run twice (a duplicate delivery) writes it
// once; a crash after a chunk's write and before the next message is repaired by the redelivery. At the end
// every dataset is stored once, whole, with one outcome row, and the job's counts add up.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { nowIso, readHarvestDocument } from "../src/datasets/service";
import { chunkKey, chunkPrefix, getChunk, writeChunks } from "../src/harvest-push/chunks";
import { consumeHarvestMessage } from "../src/harvest-push/consume";
import { HarvestPushRepo } from "../src/harvest-push/repo";
import { harvestStep } from "../src/harvest-push/step";
import { datasetsRepo } from "../src/storage/repos";
import { allDocs, directory, failingBatch, harvestDocument, rowCount } from "./helpers";

type Sent = { job: string }[];
/** The worker's environment with the queue recorded (and, optionally, the catalogue D1 or the send failing). */
function envWith(sent: Sent, over: { db?: D1Database; sendFails?: boolean } = {}): Env {
  const queue = { send: async (m: { job: string }) => (over.sendFails ? Promise.reject(new Error("queue unavailable")) : void sent.push(m)) };
  return { ...env, DB: over.db ?? env.DB, HARVEST_QUEUE: queue as unknown as Queue } as Env;
}

/** A running job over the document's chunks of 2 datasets, as POST /v1/harvest leaves it. */
async function jobFor(ttl: string, total: number) {
  const id = crypto.randomUUID();
  await writeChunks(env.HARVEST_DOCS, id, (await readHarvestDocument(ttl, "text/turtle", "hcrash_")).quads, 2);
  await new HarvestPushRepo(env.DB).create({
    id,
    publisherId: "cbs",
    status: "running",
    mediaType: "text/turtle",
    prefix: "hcrash_",
    total,
    processed: 0,
    added: 0,
    updated: 0,
    rejected: 0,
    createdAt: nowIso(),
    finishedAt: null,
    error: null,
  });
  return id;
}

describe("a pushed harvest job under crashes and redeliveries", () => {
  it("never duplicates nor half-writes a dataset", { timeout: 120_000 }, async () => {
    const { ttl } = harvestDocument(21, 7, [5]);
    const job = await jobFor(ttl, 7);
    const jobs = new HarvestPushRepo(env.DB);
    const sent: Sent = [];

    // chunk 1 (datasets 0–1), then the next message
    await consumeHarvestMessage(envWith(sent), { job });
    expect((await jobs.get(job))!.processed).toBe(2);
    expect(sent).toEqual([{ job }]);
    expect(await rowCount()).toBe(2);

    // chunk 2's write fails (batch 1 reads the directory, batch 2 is the commit): nothing of it is stored
    const docsBefore = await allDocs();
    await expect(consumeHarvestMessage(envWith(sent, { db: failingBatch(env.DB, 2) }), { job })).rejects.toThrow(/injected/);
    expect((await jobs.get(job))!.processed).toBe(2);
    expect(await rowCount()).toBe(2);
    expect(await allDocs()).toEqual(docsBefore);
    expect(sent).toHaveLength(1);

    // the retry writes it; a second run of the same chunk (a duplicate delivery that read the job before the first
    // run's write) fails on the outcome rows' key and writes nothing
    const stale = (await jobs.get(job))!;
    const chunk = (await getChunk(env.HARVEST_DOCS, job, stale.processed))!;
    expect(await harvestStep(env.DB, datasetsRepo(env), stale, chunk.text, chunk.count)).toBe("written");
    const docsAfterTwo = await allDocs();
    expect(await harvestStep(env.DB, datasetsRepo(env), stale, chunk.text, chunk.count)).toBe("raced");
    // one outcome row per position so far, none twice
    expect((await jobs.items(job)).map((i) => i.position)).toEqual([0, 1, 2, 3]);
    expect((await jobs.get(job))!.processed).toBe(4);
    expect(await rowCount()).toBe(4);
    expect(await allDocs()).toEqual(docsAfterTwo);

    // a crash after a chunk's write, before its next message: the redelivery carries on from the job's progress
    const at = (await jobs.get(job))!.processed;
    await expect(consumeHarvestMessage(envWith(sent, { sendFails: true }), { job })).rejects.toThrow(/queue unavailable/);
    expect(at).toBe(4);
    expect((await jobs.get(job))!.processed).toBe(6);
    for (let i = 0; i < 5 && (await jobs.get(job))!.status === "running"; i++) await consumeHarvestMessage(envWith(sent), { job });

    const done = (await jobs.get(job))!;
    expect(done).toMatchObject({ status: "done", total: 7, processed: 7, added: 6, updated: 0, rejected: 1 });
    const items = await jobs.items(job);
    expect(items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(items.filter((i) => i.outcome === "added")).toHaveLength(6);
    expect(await rowCount()).toBe(6);
    // each dataset exactly one document, each document referenced
    expect((await allDocs()).map((d) => d.token).sort()).toEqual((await directory()).map((d) => d.token).sort());
    expect(new Set((await directory()).map((d) => d.id)).size).toBe(6);
    // a late redelivery of a finished job does nothing
    const sentBefore = sent.length;
    await consumeHarvestMessage(envWith(sent), { job });
    expect(sent).toHaveLength(sentBefore);
    expect(await rowCount()).toBe(6);
    // the chunk objects went with the job's end
    expect((await env.HARVEST_DOCS.list({ prefix: chunkPrefix(job) })).objects).toEqual([]);
  });

  it("drops a message that names no job, and fails a job whose chunk is gone (removing the others)", { timeout: 60_000 }, async () => {
    await consumeHarvestMessage(envWith([]), { nonsense: true });
    const { ttl } = harvestDocument(22, 5);
    const job = await jobFor(ttl, 5);
    const sent: Sent = [];
    await consumeHarvestMessage(envWith(sent), { job });
    expect(sent).toEqual([{ job }]);
    await env.HARVEST_DOCS.delete(chunkKey(job, 2));
    await consumeHarvestMessage(envWith(sent), { job });
    expect(sent).toHaveLength(1);
    expect(await new HarvestPushRepo(env.DB).get(job)).toMatchObject({
      status: "failed",
      processed: 2,
      error: "the stored chunk of datasets from position 2 is gone",
    });
    expect((await env.HARVEST_DOCS.list({ prefix: chunkPrefix(job) })).objects).toEqual([]);
    // a late message for the failed job does nothing
    await consumeHarvestMessage(envWith(sent), { job });
    expect((await new HarvestPushRepo(env.DB).get(job))!.processed).toBe(2);
  });
});
