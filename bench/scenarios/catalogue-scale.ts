// Catalogue scale mode (BENCH_ONLY=catalogueScale; BENCH_SCALE_DATASETS, default 100,000, 500,000 for the issue's
// figure): a catalogue generated with realistic facet variety (500 publishers, 5 Zipf keywords from 5,000 per
// dataset), then uncached full text + 2 facets (every query new) at 1 and 4 connections, broad queries (a word in
// every dataset), CKAN rows=1000 paging (first vs deep pages, following start), catalog.ttl first vs deep page
// (hydra:next keyset vs page number), the first search after a write, harvest of the largest accepted document,
// the shards' own size and memory, and the catalogue's workerd RSS; and a projection to 2,000,000 datasets from
// one shard's measured size and the merge cost measured in Node. Figures, not pass/fail tests.
import { performance } from "node:perf_hooks";
import { mulberry32 } from "@regie/shared/util/prng";
import { minimalDataset } from "@regie/shared/testing/datasets";
import type { Log } from "../../scripts/stack";
import { mergeFacets, mergeItems } from "../../apps/catalogue/src/search/shard/merge";
import type { ShardAnswer } from "../../apps/catalogue/src/search/shard/query";
import { generateDataset } from "../../apps/catalogue/src/generator/generate";
import { keywordOfRank, zipfRank } from "../../apps/catalogue/src/generator/variety";
import { datasetToQuads } from "../../apps/catalogue/src/rdf/to-rdf";
import { toTurtle } from "../../apps/catalogue/src/rdf/serialise";
import { slowGet } from "../lib/http";
import { expectOk, measure, QUICK, type LoadRequest } from "../lib/load";
import { memory, urls, type BenchStack, type Mint } from "../lib/stack";

const DATASETS = Number(process.env.BENCH_SCALE_DATASETS ?? (QUICK ? 20_000 : 100_000));
const QUERIES = QUICK ? 60 : 300;
const FULL_SHARD = 125_000;
const TARGET = 2_000_000;

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};
const spread = (xs: number[]) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), max: percentile(xs, 100) });

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  return { ms: performance.now() - t0, status: res.status, text };
}

async function seed(base: string, log: Log) {
  const t0 = performance.now();
  // no search before the seed has ended: the shards' first search then builds them from D1 (the figure wanted)
  for (let step = Math.min(DATASETS, 5_000); ; step = Math.min(DATASETS, step + 5_000)) {
    // the seed grows the catalogue to a count, so a request cut off by a reload of the worker is simply sent again
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${base}/dev/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: step, variety: "realistic" }) });
      const text = await res.text();
      if (res.ok) break;
      if (attempt >= 5 || !/restarted/i.test(text)) throw new Error(`seed ${step}: ${res.status} ${text.slice(0, 200)}`);
      log(`  seed ${step}: the worker restarted (${attempt}); again`);
      await new Promise((r) => setTimeout(r, 5000));
    }
    if (step >= DATASETS) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const first = await slowGet(`${base}/v1/datasets?limit=1`);
  if (first.status !== 200) throw new Error(`first search: ${first.status} ${first.text.slice(0, 200)}`);
  const firstSearchMs = performance.now() - t1;
  const n = (JSON.parse(first.text) as { total: number }).total;
  log(`  scale: ${n} datasets seeded in ${seconds.toFixed(0)} s; first search (shards build from D1) ${(firstSearchMs / 1000).toFixed(1)} s`);
  return { datasets: n, seedSeconds: Math.round(seconds), firstSearchAfterSeedMs: Math.round(firstSearchMs) };
}

/** New queries each time: a title word, a Zipf keyword as second word, a theme and a health category. */
function uncachedQueries(n: number, seedNo: number): string[] {
  const r = mulberry32(seedNo);
  const words = ["oncologie", "diabetes", "register", "cohort", "hartfalen", "dementie", "astma", "griep", "obesitas", "zwangerschap", "utrecht", "rotterdam", "survey", "biobank", "claims"];
  const cats = ["EHRS", "RQSH", "MRMR", "PHDR", "HRAD", "EHCT", "DIOH"];
  const out = new Set<string>();
  while (out.size < n) {
    const q = `${words[Math.floor(r() * words.length)]} ${keywordOfRank(zipfRank(r())).slice(0, 6)}`;
    out.add(`/v1/datasets?q=${encodeURIComponent(q)}&theme=HEAL&healthCategory=${cats[Math.floor(r() * cats.length)]}&limit=${10 + (out.size % 7)}`);
  }
  return [...out];
}

/** The merge cost at 2,000,000 datasets: 16 shards' answers with full facet lists, merged in Node. */
function mergeProjection(shards = 16, values = 1000) {
  const fields = ["theme", "healthCategory", "publisher", "accessRights", "keyword", "format", "language"] as const;
  const r = mulberry32(9);
  const answers: ShardAnswer[] = Array.from({ length: shards }, () => ({
    total: 100_000,
    items: Array.from({ length: 100 }, (_, i): [number, number] => [Math.floor(r() * 2e6), -10 + i * 0.01]),
    facets: Object.fromEntries(fields.map((f) => [f, { values: Array.from({ length: f === "keyword" || f === "publisher" ? values : 20 }, (_, i): [string, number, string | undefined] => [`${f}-${i}`, Math.floor(r() * 1000), undefined]), more: 0 }])) as ShardAnswer["facets"],
  }));
  const times: number[] = [];
  for (let i = 0; i < 110; i++) {
    const t0 = performance.now();
    mergeFacets(answers, {}, "en");
    mergeItems(answers, "relevance", 0, 100);
    if (i >= 10) times.push(performance.now() - t0); // the first 10: warm-up (JIT)
  }
  return { shards, valuesPerFacet: values, ...spread(times), answerBytes: JSON.stringify(answers[0]).length };
}

function largestHarvestDocument(): { turtle: string; datasets: number } {
  const parts: string[] = [];
  let bytes = 0, n = 0;
  for (; bytes < 7.9 * 1024 * 1024 && n < 2000; n++) {
    const { publisherId: _p, ...input } = generateDataset(4242, n, undefined, "realistic");
    void _p;
    const ttl = toTurtle(datasetToQuads({ ...input, id: `h-${n}`, iri: `https://harvest.example.org/ds/${n}`, publisherId: "rivm", modified: input.modified!, revision: 1 }));
    bytes += ttl.length;
    parts.push(ttl);
  }
  return { turtle: parts.join("\n"), datasets: n };
}

export async function run({ log, mint, stack }: { log: Log; mint?: Mint; stack: BenchStack }) {
  const base = urls().catalogue;
  const catalogueMemory = () => memory(stack.children).catalogue;
  const seeded = await seed(base, log);
  const shardsAfterBuild = await expectOk<{ shard: number; rows: number; bytes: number; textCacheBytes: number }[]>(`${base}/dev/search-shards`);

  // uncached full text + 2 facets, one connection: every query new
  const oneConn: number[] = [];
  for (const path of uncachedQueries(QUERIES, 1)) {
    const t = await timed(`${base}${path}`);
    if (t.status !== 200) throw new Error(`${path}: ${t.status} ${t.text.slice(0, 200)}`);
    oneConn.push(t.ms);
  }
  log(`  uncached text + 2 facets, 1 connection: p50 ${percentile(oneConn, 50)} / p95 ${percentile(oneConn, 95)} / p99 ${percentile(oneConn, 99)} ms`);
  const fourConn = await measure({ url: base, connections: 4, requests: uncachedQueries(4000, 2).map((path): LoadRequest => ({ method: "GET", path })) });
  log(`  uncached text + 2 facets, 4 connections: p50 ${fourConn.p50} / p95 ${fourConn.p95} / p99 ${fourConn.p99} ms, ${fourConn.reqPerSec} req/s, non-2xx ${fourConn.non2xx}`);

  // broad: a word in every dataset, each with another publisher (so not cached)
  const broad: number[] = [];
  let broadTotal = 0;
  for (let i = 0; i < (QUICK ? 20 : 60); i++) {
    const t = await timed(`${base}/v1/datasets?q=gegevens&limit=20${i % 2 ? `&publisher=org-${String(1 + i).padStart(3, "0")}` : `&keyword=${keywordOfRank(i)}`}`);
    if (t.status !== 200) throw new Error(`broad: ${t.status} ${t.text.slice(0, 200)}`);
    broad.push(t.ms);
  }
  broadTotal = (JSON.parse((await timed(`${base}/v1/datasets?q=gegevens&limit=1`)).text) as { total: number }).total;
  log(`  broad q=gegevens (${broadTotal} hits): p50 ${percentile(broad, 50)} / p95 ${percentile(broad, 95)} / p99 ${percentile(broad, 99)} ms`);

  // CKAN rows=1000 paging through the start of the catalogue, and a deep page
  const ckanPages: number[] = [];
  const pages = Math.min(QUICK ? 5 : 20, Math.floor(DATASETS / 1000));
  for (let p = 0; p < pages; p++) {
    const t = await timed(`${base}/api/3/action/package_search?q=hdab&rows=1000&start=${p * 1000}`);
    if (t.status !== 200) throw new Error(`ckan page ${p}: ${t.status}`);
    ckanPages.push(t.ms);
  }
  const ckanDeepJump = await timed(`${base}/api/3/action/package_search?q=hdab&rows=1000&start=${DATASETS - 1000}`);
  log(`  CKAN rows=1000: first page ${Math.round(ckanPages[0]!)} ms, page ${pages} ${Math.round(ckanPages[pages - 1]!)} ms (following start), a jump to start=${DATASETS - 1000}: ${Math.round(ckanDeepJump.ms)} ms; RSS now ${Math.round((catalogueMemory()?.rssBytes ?? 0) / 1e6)} MB`);

  // catalog.ttl: first page, a deep page by number, and the page after it through hydra:next (keyset)
  const ttlFirst = await timed(`${base}/catalog.ttl?pageSize=100`);
  const lastPage = Math.ceil(DATASETS / 100) - 1;
  const ttlDeep = await timed(`${base}/catalog.ttl?pageSize=100&page=${lastPage}`);
  const next = /hydra:next <([^>]+)>/.exec(ttlDeep.text)?.[1]?.replace(/^https?:\/\/[^/]+/, base);
  const ttlNext = next ? await timed(next) : null;
  log(`  catalog.ttl: page 1 ${Math.round(ttlFirst.ms)} ms, page ${lastPage} by number ${Math.round(ttlDeep.ms)} ms, its hydra:next (keyset) ${ttlNext ? Math.round(ttlNext.ms) : "–"} ms`);

  // first search after a write
  let afterWrite: { publishMs: number; searchMs: number } | null = null;
  if (mint) {
    const auth = `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`;
    const marker = `schaalproef${Date.now().toString(36)}`;
    const input = minimalDataset({ identifier: `SCALE-${marker}`, title: { nl: `Schaalproef ${marker}`, en: `Scale probe ${marker}` } });
    const w = await timed(`${base}/v1/datasets`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(input) });
    const s = await timed(`${base}/v1/datasets?q=${marker}`);
    afterWrite = { publishMs: Math.round(w.ms), searchMs: Math.round(s.ms) };
    log(`  publish ${afterWrite.publishMs} ms (${w.status}), first search after it ${afterWrite.searchMs} ms (found: ${(JSON.parse(s.text) as { total: number }).total})`);
  }

  // harvest of the largest accepted document (just under the 8 MiB body limit)
  let harvest: Record<string, unknown> | null = null;
  if (mint) {
    const doc = largestHarvestDocument();
    const before = catalogueMemory();
    const t = await timed(`${base}/v1/harvest`, { method: "POST", headers: { authorization: `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`, "content-type": "text/turtle" }, body: doc.turtle });
    const after = catalogueMemory();
    const report = t.status === 200 ? (JSON.parse(t.text) as { imported: unknown[]; rejected: unknown[] }) : null;
    harvest = { bytes: doc.turtle.length, datasets: doc.datasets, status: t.status, ms: Math.round(t.ms), imported: report?.imported.length ?? null, rejected: report?.rejected.length ?? null, rssBeforeBytes: before?.rssBytes, rssAfterBytes: after?.rssBytes, peakRssBytes: after?.peakRssBytes, error: report ? undefined : t.text.slice(0, 300) };
    log(`  harvest ${(doc.turtle.length / 1048576).toFixed(1)} MiB, ${doc.datasets} datasets: ${t.status} in ${Math.round(t.ms)} ms; workerd RSS ${Math.round((before?.rssBytes ?? 0) / 1e6)} -> ${Math.round((after?.rssBytes ?? 0) / 1e6)} MB`);
  }

  const shards = await expectOk<{ shard: number; rows: number; bytes: number; textCacheBytes: number }[]>(`${base}/dev/search-shards`);
  const perRow = Math.max(...shards.map((s) => s.bytes / Math.max(1, s.rows)));
  const merge = mergeProjection();
  const projection = {
    method: "2,000,000 datasets = 16 shards of 125,000: a shard's in-memory structures = measured bytes per row × 125,000 (+ its 16 MiB text cache at most); a query = the slowest shard's time (they run in parallel, one per object) + the merge of 16 answers measured in Node",
    shardRows: FULL_SHARD,
    shardBytes: Math.round(perRow * FULL_SHARD),
    shardBytesWithTextCache: Math.round(perRow * FULL_SHARD + 16 * 1048576),
    shards: TARGET / FULL_SHARD,
    measuredShardRows: Math.max(...shards.map((s) => s.rows)),
    merge,
  };
  log(`  shards: ${shards.map((s) => `${s.rows} rows / ${(s.bytes / 1e6).toFixed(1)} MB`).join(", ")}; projection: a 125,000-row shard ≈ ${(projection.shardBytes / 1e6).toFixed(1)} MB (+ ≤ 16.8 MB text cache); merging 16 answers p50 ${merge.p50} / p95 ${merge.p95} ms`);
  return { available: true as const, datasets: DATASETS, seeded, shardsAfterBuild, uncached1: spread(oneConn), uncached4: fourConn, broad: { hits: broadTotal, ...spread(broad) }, ckan: { pages: ckanPages.map(Math.round), deepJumpMs: Math.round(ckanDeepJump.ms) }, catalogTtl: { firstMs: Math.round(ttlFirst.ms), deepByNumberMs: Math.round(ttlDeep.ms), deepByNextMs: ttlNext ? Math.round(ttlNext.ms) : null }, afterWrite, harvest, shards, projection, memory: catalogueMemory() };
}
