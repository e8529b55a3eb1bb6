// Harvest of the largest accepted document: generated datasets as Turtle up to just under the 8 MiB body limit,
// POSTed once to /v1/harvest (202: a job over the harvest queue, one chunk per message), then the job polled until
// it ends, with the catalogue's workerd RSS and isolate heap (as found) sampled before, at the POST and while the
// queue consumer writes the chunks.
import { performance } from "node:perf_hooks";
import { HarvestPushJob } from "@regie/shared/contracts/catalogue";
import { generateDataset } from "@regie/catalogue/generator/generate";
import { datasetToQuads } from "@regie/catalogue/rdf/to-rdf";
import { toTurtle } from "@regie/catalogue/rdf/serialise";
import type { Log } from "../../../scripts/stack";
import type { HeapUsage } from "../../lib/inspector";
import type { Mint, WorkerMemory } from "../../lib/stack";
import { slowGet } from "../../lib/http";
import { timed } from "./queries";

export function largestHarvestDocument(): { turtle: string; datasets: number } {
  const parts: string[] = [];
  let bytes = 0,
    n = 0;
  for (; bytes < 7.9 * 1024 * 1024 && n < 2000; n++) {
    const { publisherId: _p, ...input } = generateDataset(4242, n, undefined, "realistic");
    void _p;
    const ttl = toTurtle(
      datasetToQuads({ ...input, id: `h-${n}`, iri: `https://harvest.example.org/ds/${n}`, publisherId: "rivm", modified: input.modified!, revision: 1 }),
    );
    bytes += ttl.length;
    parts.push(ttl);
  }
  return { turtle: parts.join("\n"), datasets: n };
}

export async function harvestLargest(base: string, mint: Mint, log: Log, probe: Probe) {
  const doc = largestHarvestDocument();
  const before = probe.memory();
  const heapBefore = await probe.heap();
  const t = await timed(`${base}/v1/harvest`, {
    method: "POST",
    headers: { authorization: `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`, "content-type": "text/turtle" },
    body: doc.turtle,
  });
  const after = probe.memory();
  const heapAfter = await probe.heap();
  const report = t.status === 200 ? (JSON.parse(t.text) as { imported: unknown[]; rejected: unknown[] }) : null;
  const job = t.status === 202 ? await followJob(base, HarvestPushJob.parse(JSON.parse(t.text)).id, mint, probe) : null;
  if (job)
    log(
      `  harvest job: ${job.status} after ${(job.ms / 1000).toFixed(1)} s (${job.added} added, ${job.updated} updated, ${job.rejected} rejected of ${job.total}); ` +
        `while it ran workerd RSS ≤ ${Math.round(job.maxRssBytes / 1e6)} MB, isolate heap ≤ ${Math.round(job.maxHeapUsedBytes / 1e6)} MB as found` +
        `${job.maxHeapLiveBytes ? `, ≤ ${Math.round(job.maxHeapLiveBytes / 1e6)} MB live` : ""} (${job.samples} samples; Worker and all shards in one local isolate)`,
    );
  log(
    `  harvest ${(doc.turtle.length / 1048576).toFixed(1)} MiB, ${doc.datasets} datasets: ${t.status} in ${Math.round(t.ms)} ms; workerd RSS ${Math.round((before?.rssBytes ?? 0) / 1e6)} -> ${Math.round((after?.rssBytes ?? 0) / 1e6)} MB, isolate heap ${Math.round((heapBefore?.usedBytes ?? 0) / 1e6)} -> ${Math.round((heapAfter?.usedBytes ?? 0) / 1e6)} MB`,
  );
  return {
    bytes: doc.turtle.length,
    datasets: doc.datasets,
    status: t.status,
    ms: Math.round(t.ms),
    imported: report?.imported.length ?? null,
    rejected: report?.rejected.length ?? null,
    rssBeforeBytes: before?.rssBytes,
    rssAfterBytes: after?.rssBytes,
    peakRssBytes: after?.peakRssBytes,
    heapBefore,
    heapAfter,
    job,
    error: report ? undefined : t.text.slice(0, 300),
  };
}

/** Polls the pushed job every second until it is no longer running (10 minutes at most), sampling memory each time. */
type Probe = { memory(): WorkerMemory | undefined; heap(): Promise<HeapUsage | null>; live?(): Promise<HeapUsage | null> };

async function followJob(base: string, id: string, mint: Mint, probe: Probe) {
  const auth = `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`;
  const t0 = performance.now();
  let maxRss = 0,
    maxHeap = 0,
    maxLive = 0,
    samples = 0;
  for (;;) {
    // a lone request while the queue consumer writes: slowGet pokes /health so wrangler's proxy hands the answer on
    const r = await slowGet(`${base}/v1/harvest/jobs/${id}`, { headers: { authorization: auth }, timeoutMs: 120_000, pokeMs: 2_000 });
    if (r.status !== 200) throw new Error(`harvest job ${id}: ${r.status} ${r.text.slice(0, 200)}`);
    const job = HarvestPushJob.parse(JSON.parse(r.text));
    maxRss = Math.max(maxRss, probe.memory()?.rssBytes ?? 0);
    maxHeap = Math.max(maxHeap, (await probe.heap())?.usedBytes ?? 0);
    maxLive = Math.max(maxLive, (await probe.live?.())?.usedBytes ?? 0);
    samples++;
    const ms = Math.round(performance.now() - t0);
    if (job.status !== "running" || ms > 600_000) {
      const { status, total, processed, added, updated, rejected } = job;
      return {
        status,
        total,
        processed,
        added,
        updated,
        rejected,
        ms,
        maxRssBytes: maxRss,
        maxHeapUsedBytes: maxHeap,
        maxHeapLiveBytes: maxLive || null,
        samples,
      };
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
