// Catalogue scale mode (BENCH_ONLY=catalogueScale; BENCH_SCALE_DATASETS, default 100,000, 500,000 for the issue's
// figure): a catalogue generated with realistic facet variety (500 publishers, 5 Zipf keywords from 5,000 per
// dataset); the shards' first build from D1; uncached full text + 2 facets (every query new) at 1 and 4
// connections; broad queries (a word in every dataset); a CKAN harvester paging rows=1000 through the whole
// catalogue; catalog.ttl first vs deep page; the first search after a write; harvest of the largest accepted
// document; the shards' own figures, the catalogue's workerd RSS and isolate heap; the 2,000,000 projection; and the
// same queries against a PostgreSQL peer loaded with the same catalogue (BENCH_PEER=off skips it). Figures, not
// pass/fail tests. The peer is loaded while Regie seeds, and measured after Regie, never at the same time.
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { minimalDataset } from "@regie/shared/testing/datasets";
import type { ShardInfo } from "@regie/catalogue/search/shard/info";
import type { Log } from "../../scripts/stack";
import { portsFor } from "../../scripts/stack";
import { slowGet } from "../lib/http";
import { heapReading, isolateHeap } from "../lib/inspector";
import { QUICK } from "../lib/load";
import { memory, PORT_BASE, urls, type BenchStack, type Mint } from "../lib/stack";
import { startPeer } from "../peers/postgres/peer";
import { growCatalogue } from "./catalogue/seed";
import { ckanWalk } from "./scale/ckan";
import { harvestLargest } from "./scale/harvest";
import { comparePeer, measureSide } from "./scale/peer";
import { projection } from "./scale/projection";
import { broadQueries, timed, uncachedQueries } from "./scale/queries";

const DATASETS = Number(process.env.BENCH_SCALE_DATASETS ?? (QUICK ? 20_000 : 100_000));
const QUERIES = QUICK ? 60 : 300;
/**
 * Whether to read the live heap too (a forced full collection, which only a heap snapshot gives in workerd). Every
 * message of the snapshot passes through wrangler dev's inspector proxy, which copies each one into its debug log:
 * at 500,000 datasets (a heap of several hundred MB) that exhausted the wrangler process and took the catalogue
 * down. Default: up to 200,000 datasets; BENCH_HEAP_LIVE=on|off overrides.
 */
const HEAP_LIVE = process.env.BENCH_HEAP_LIVE ? process.env.BENCH_HEAP_LIVE === "on" : DATASETS <= 200_000;
/** The shards' own figures (a shard still building answers when it is done: no header timeout). */
async function shardInfo(base: string): Promise<ShardInfo[]> {
  const r = await slowGet(`${base}/dev/search-shards`);
  if (r.status !== 200) throw new Error(`/dev/search-shards: ${r.status} ${r.text.slice(0, 200)}`);
  return JSON.parse(r.text) as ShardInfo[];
}
const mb = (b: number | undefined | null) => `${Math.round((b ?? 0) / 1e6)} MB`;

export async function run({ log, mint, stack }: { log: Log; mint?: Mint; stack: BenchStack }) {
  const base = urls().catalogue;
  const inspectorPort = portsFor(PORT_BASE).catalogue + 1000;
  const probe = { memory: () => memory(stack.children).catalogue, heap: () => isolateHeap(inspectorPort) };
  // the heap as found, then after a forced full collection (what is live; it changes what is found after it)
  const heaps = async () => {
    const { used, live } = await heapReading(inspectorPort, { collectGarbage: HEAP_LIVE });
    return { heap: used, heapLive: live };
  };
  const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
  const peerLoading =
    process.env.BENCH_PEER === "off"
      ? Promise.resolve({ unavailable: "BENCH_PEER=off" })
      : startPeer(DATASETS, log).catch((e: unknown) => ({ unavailable: String(e) }));

  // no search before the seed has ended: the first search then builds the shards from D1 (the figure wanted)
  const seed = await growCatalogue(base, DATASETS, log, { variety: "realistic" });
  const t1 = performance.now();
  const first = await slowGet(`${base}/v1/datasets?limit=1`, { timeoutMs: Number(process.env.BENCH_FIRST_SEARCH_TIMEOUT ?? 600) * 1000 });
  if (first.status !== 200) throw new Error(`first search: ${first.status} ${first.text.slice(0, 200)}`);
  const firstSearchMs = Math.round(performance.now() - t1);
  const datasets = (JSON.parse(first.text) as { total: number }).total;
  const shardsAfterBuild = await shardInfo(base);
  const afterBuild = { memory: probe.memory(), ...(await heaps()), loadAverage: load() };
  log(
    `  scale: ${datasets} datasets seeded in ${seed.seconds} s; first search (the shards build from D1) ${(firstSearchMs / 1000).toFixed(1)} s; ` +
      `builds ${shardsAfterBuild.map((s) => `${s.lastBuild?.rows ?? "?"} rows in ${((s.lastBuild?.ms ?? 0) / 1000).toFixed(1)} s`).join(", ")}; RSS ${mb(afterBuild.memory?.rssBytes)}, heap ${mb(afterBuild.heap?.usedBytes)} (${afterBuild.heapLive ? `${mb(afterBuild.heapLive.usedBytes)} after a full GC` : "live heap not read"})`,
  );

  const peer = await peerLoading; // loaded while Regie seeded; measured only after Regie
  const paths = { one: uncachedQueries(QUERIES, 1), four: uncachedQueries(4000, 2), broad: broadQueries(QUICK ? 20 : 60) };
  const regie = await measureSide(base, paths);
  log(`  uncached text + 2 facets, 1 connection: p50 ${regie.uncached1.p50} / p95 ${regie.uncached1.p95} / p99 ${regie.uncached1.p99} ms`);
  log(
    `  uncached text + 2 facets, 4 connections: p50 ${regie.uncached4.p50} / p95 ${regie.uncached4.p95} / p99 ${regie.uncached4.p99} ms, ${regie.uncached4.reqPerSec} req/s, non-2xx ${regie.uncached4.non2xx}`,
  );
  const broadTotal = (JSON.parse((await timed(`${base}/v1/datasets?q=gegevens&limit=1`)).text) as { total: number }).total;
  log(`  broad q=gegevens (${broadTotal} hits): p50 ${regie.broad.p50} / p95 ${regie.broad.p95} / p99 ${regie.broad.p99} ms`);
  const afterQueries = { memory: probe.memory(), ...(await heaps()), loadAverage: load() };

  const ckan = await ckanWalk(
    base,
    datasets,
    log,
    { ...probe, live: async () => (HEAP_LIVE ? (await heapReading(inspectorPort)).live : null) },
    Number(process.env.BENCH_CKAN_PAGES ?? Infinity),
  );

  const ttlFirst = await timed(`${base}/catalog.ttl?pageSize=100`);
  const lastPage = Math.ceil(datasets / 100) - 1;
  const ttlDeep = await timed(`${base}/catalog.ttl?pageSize=100&page=${lastPage}`);
  const next = /hydra:next <([^>]+)>/.exec(ttlDeep.text)?.[1]?.replace(/^https?:\/\/[^/]+/, base);
  const ttlNext = next ? await timed(next) : null;
  log(
    `  catalog.ttl: page 1 ${Math.round(ttlFirst.ms)} ms, page ${lastPage} by number ${Math.round(ttlDeep.ms)} ms, its hydra:next (keyset) ${ttlNext ? Math.round(ttlNext.ms) : "–"} ms`,
  );

  let afterWrite: { publishMs: number; searchMs: number; found: number } | null = null;
  let harvest: Awaited<ReturnType<typeof harvestLargest>> | null = null;
  if (mint) {
    const auth = `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`;
    const marker = `schaalproef${Date.now().toString(36)}`;
    const input = minimalDataset({ identifier: `SCALE-${marker}`, title: { nl: `Schaalproef ${marker}`, en: `Scale probe ${marker}` } });
    const w = await timed(`${base}/v1/datasets`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify(input),
    });
    const s = await timed(`${base}/v1/datasets?q=${marker}`);
    afterWrite = { publishMs: Math.round(w.ms), searchMs: Math.round(s.ms), found: (JSON.parse(s.text) as { total: number }).total };
    log(`  publish ${afterWrite.publishMs} ms (${w.status}), first search after it ${afterWrite.searchMs} ms (found: ${afterWrite.found})`);
    // while the job runs: the live heap too where the run reads it (a forced collection each sample)
    const liveProbe = { ...probe, live: async () => (HEAP_LIVE ? (await heapReading(inspectorPort)).live : null) };
    harvest = await harvestLargest(base, mint, log, liveProbe);
  }

  const shards = await shardInfo(base);
  const proj = projection(shards, { p50: regie.uncached1.p50, p95: regie.uncached1.p95 });
  log(`  shards: ${shards.map((s) => `${s.rows} rows / ${mb(s.bytes)} structures / ${mb(s.sqliteBytes)} SQLite`).join(", ")}`);
  log(
    `  projection: a 125,000-row shard ≈ ${mb(proj.shardBytes)} (+ ≤ 16.8 MB text cache), merging 16 answers p50 ${proj.merge.p50} / p95 ${proj.merge.p95} ms`,
  );

  let postgres: Awaited<ReturnType<typeof comparePeer>> | { unavailable: string };
  if ("unavailable" in peer) {
    log(`  peer: skipped (${peer.unavailable})`);
    postgres = peer;
  } else {
    try {
      postgres = await comparePeer(peer, regie, paths, log);
    } finally {
      await peer.stop();
    }
  }
  const { totals: _t, ...regieFigures } = regie;
  void _t;
  return {
    available: true as const,
    datasets,
    seeded: { datasets, seedSeconds: seed.seconds, firstSearchAfterSeedMs: firstSearchMs },
    shardsAfterBuild,
    afterBuild,
    afterQueries,
    ...regieFigures,
    broadHits: broadTotal,
    ckan,
    catalogTtl: { firstMs: Math.round(ttlFirst.ms), deepByNumberMs: Math.round(ttlDeep.ms), deepByNextMs: ttlNext ? Math.round(ttlNext.ms) : null },
    afterWrite,
    harvest,
    shards,
    projection: proj,
    postgres,
    memory: probe.memory(),
    heap: await probe.heap(),
    loadAverage: load(),
  };
}
