// A CKAN harvester paging with rows=1000 through the whole catalogue (following `start`, as ckanext-harvest does),
// every page timed, with the catalogue's workerd RSS and isolate heap sampled every 50 pages (as found, and live
// after a forced full collection where the run reads it: BENCH_HEAP_LIVE); and a jump straight to the last page.
import type { Log } from "../../../scripts/stack";
import type { HeapUsage } from "../../lib/inspector";
import { spread } from "../../lib/numbers";
import type { WorkerMemory } from "../../lib/stack";
import { timed } from "./queries";

export async function ckanWalk(
  base: string,
  datasets: number,
  log: Log,
  probe: { memory(): WorkerMemory | undefined; heap(): Promise<HeapUsage | null>; live?(): Promise<HeapUsage | null> },
  maxPages = Infinity,
) {
  const ms: number[] = [];
  let seen = 0,
    maxRss = 0,
    maxHeap = 0,
    maxLive = 0,
    largestAnswer = 0;
  for (let start = 0; ms.length < maxPages; start += 1000) {
    const t = await timed(`${base}/api/3/action/package_search?rows=1000&start=${start}`);
    if (t.status !== 200) throw new Error(`CKAN start=${start}: ${t.status} ${t.text.slice(0, 200)}`);
    ms.push(t.ms);
    largestAnswer = Math.max(largestAnswer, t.text.length);
    const n = (JSON.parse(t.text) as { result: { results: unknown[] } }).result.results.length;
    seen += n;
    if (ms.length % 50 === 1) {
      maxRss = Math.max(maxRss, probe.memory()?.rssBytes ?? 0);
      maxHeap = Math.max(maxHeap, (await probe.heap())?.usedBytes ?? 0);
      // after a forced full collection (where the run reads it): what the paging keeps, not the garbage it left
      maxLive = Math.max(maxLive, (await probe.live?.())?.usedBytes ?? 0);
    }
    if (n < 1000) break;
  }
  const jump = await timed(`${base}/api/3/action/package_search?rows=1000&start=${Math.max(0, datasets - 1000)}`);
  const out = {
    pages: ms.length,
    datasetsSeen: seen,
    ...spread(ms),
    firstMs: Math.round(ms[0] ?? 0),
    lastMs: Math.round(ms.at(-1) ?? 0),
    jumpToLastMs: Math.round(jump.ms),
    largestAnswerBytes: largestAnswer,
    maxRssBytes: maxRss,
    maxHeapUsedBytes: maxHeap,
    maxLiveHeapUsedBytes: maxLive || null,
  };
  log(
    `  CKAN rows=1000 through the catalogue: ${out.pages} pages, ${seen} datasets; p50 ${out.p50} / p95 ${out.p95} / max ${out.max} ms (first ${out.firstMs}, last ${out.lastMs}); a jump to the last page ${out.jumpToLastMs} ms; RSS ≤ ${Math.round(maxRss / 1e6)} MB, heap ≤ ${Math.round(maxHeap / 1e6)} MB as found${maxLive ? `, ≤ ${Math.round(maxLive / 1e6)} MB live` : ""} (Worker and all shards in one local isolate)`,
  );
  return out;
}
