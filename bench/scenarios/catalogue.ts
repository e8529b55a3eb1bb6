// Catalogue search at 5,000 and 50,000 datasets: full text + 2 facets, facets only, CKAN package_search
// (these rotate ~60 queries, so they mostly measure the catalogue's per-version response cache), an uncached
// mix in which every request is a query the catalogue has not answered before, and write-then-search: how
// long after a publish or an update the new data is found, and what searches cost while the in-isolate index
// is rebuilt. p50/p95/p99 and req/s, and how latency grows from the small to the large catalogue.
import { URLSearchParams } from "node:url";
import { toMatchExpression } from "@regie/catalogue/search/text-query";
import type { Log } from "../../scripts/stack";
import { expectOk, measure, QUICK, routeExists, type Measurement } from "../lib/load";
import { stats } from "../lib/numbers";
import { urls, type Mint } from "../lib/stack";
import { queries, rotating, total, vocabulary, type SearchPage } from "./catalogue/mixes";
import { growCatalogue } from "./catalogue/seed";
import { once, sampleDatasets, uncachedQueries } from "./catalogue/uncached";
import { writeThenSearch } from "./catalogue/write-then-search";

const SIZES = (process.env.BENCH_DATASETS ?? (QUICK ? "1000,5000" : "5000,50000")).split(",").map(Number);
const CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 4);
/** Writes per kind (publish, update) and size in write-then-search. */
const WRITE_REPEATS = Number(process.env.BENCH_WRITE_REPEATS ?? (QUICK ? 3 : 5));
const MIXES = ["fullText", "uncached", "facetsOnly", "ckan"] as const;

/** Grows the catalogue to `count` datasets with the catalogue's own development generator. */
async function seedTo(base: string, count: number, log: Log) {
  const { seconds } = await growCatalogue(base, count, log, { from: await total(base) });
  const n = await total(base);
  log(`  catalogue holds ${n} datasets (seeded in ${seconds.toFixed(1)} s)`);
  return { datasets: n, seconds };
}

// ------------------------------------------------------------------------------------------ the scenario

/** One catalogue size: the seed, sample queries and each mix's measurement. */
export interface CatalogueLevel {
  datasets: number;
  seedSeconds: number;
  sampleQueries: Record<string, string | undefined>;
  fullText?: Measurement;
  uncached?: Measurement & {
    distinctQueries: number;
    issued: number;
    repeated: number;
    threeWordIssued: number;
    checkedTotals: { min: number; median: number | undefined; max: number };
  };
  facetsOnly?: Measurement;
  ckan?: Measurement | { available: false };
  writeThenSearch?: Awaited<ReturnType<typeof writeThenSearch>>;
}

export async function run({ log, mint }: { log: Log; mint?: Mint }) {
  const base = urls().catalogue;
  if (!(await routeExists(`${base}/v1/datasets`))) return { available: false as const, reason: "GET /v1/datasets does not exist yet" };
  if (!(await routeExists(`${base}/dev/seed`, { method: "POST" }))) return { available: false as const, reason: "POST /dev/seed does not exist" };
  const hasCkan = await routeExists(`${base}/api/3/action/package_search`);
  const levels: CatalogueLevel[] = [];
  for (const size of SIZES) {
    log(`· catalogue: growing to ${size.toLocaleString("en")} datasets`);
    const seeded = await seedTo(base, size, log);
    if (seeded.datasets < size * 0.95)
      return { available: false as const, reason: `the development seed stopped at ${seeded.datasets} datasets (asked for ${size})`, levels };
    const v = await vocabulary(base);
    const q = queries(v);
    for (const path of [q.fullText[0], q.facetsOnly[0]]) {
      const out = await expectOk<SearchPage>(`${base}${path}`);
      if (typeof out.total !== "number" || !out.facets) throw new Error(`search answered an unexpected shape for ${path}`);
    }
    // The version does not change until write-then-search below, so one `used` set covers the whole read part.
    const used = new Set(q.fullText.map((p) => toMatchExpression(new URLSearchParams(p.split("?")[1]).get("q") ?? undefined)));
    const { paths: uncached, pairs } = uncachedQueries(await sampleDatasets(base, seeded.datasets), used);
    // Check the first few (then drop them, as they are now cached): each must answer with at least one hit.
    const checked = uncached.splice(0, 10);
    const totals: number[] = [];
    for (const path of checked) totals.push((await expectOk<SearchPage>(`${base}${path}`)).total);
    if (totals.some((t) => !(t >= 1)))
      throw new Error(`an uncached query found nothing (totals ${totals.join(", ")}); the query builder no longer matches the data`);
    const level: CatalogueLevel = {
      datasets: seeded.datasets,
      seedSeconds: seeded.seconds,
      sampleQueries: { fullText: q.fullText[0], uncached: uncached[0], facetsOnly: q.facetsOnly[0], ckan: q.ckan[0] },
    };
    log(`  full text + 2 facets (${CONNECTIONS} connections)`);
    level.fullText = await measure({ url: base, connections: CONNECTIONS, requests: rotating(q.fullText) });
    log(`  uncached full text + 2 facets (${uncached.length.toLocaleString("en")} distinct queries available)`);
    const u = once(uncached);
    level.uncached = {
      ...(await measure({ url: base, connections: CONNECTIONS, requests: u.requests })),
      distinctQueries: uncached.length,
      issued: u.state.issued,
      repeated: Math.max(0, u.state.issued - uncached.length),
      threeWordIssued: Math.max(0, Math.min(u.state.issued, uncached.length) - (pairs - checked.length)),
      checkedTotals: { min: Math.min(...totals), median: stats(totals)?.median, max: Math.max(...totals) },
    };
    if (level.uncached.repeated) log(`  ! the uncached mix ran out of distinct queries: ${level.uncached.repeated} requests repeated one`);
    log(`  facets only`);
    level.facetsOnly = await measure({ url: base, connections: CONNECTIONS, requests: rotating(q.facetsOnly) });
    if (hasCkan) {
      log(`  CKAN package_search`);
      level.ckan = await measure({ url: base, connections: CONNECTIONS, requests: rotating(q.ckan) });
    } else level.ckan = { available: false };
    if (mint) {
      log(`  write, then search (${WRITE_REPEATS} publishes, updates and publishes during a rebuild, ${CONNECTIONS} concurrent searches each)`);
      level.writeThenSearch = await writeThenSearch(base, mint, q.fullText, log, { repeats: WRITE_REPEATS, connections: CONNECTIONS });
    }
    levels.push(level);
  }
  const small = levels[0];
  const large = levels[levels.length - 1];
  const p95 = (level: CatalogueLevel | undefined, k: (typeof MIXES)[number]) => {
    const x = level?.[k];
    return x && "p95" in x ? x : undefined;
  };
  const growth: Partial<Record<(typeof MIXES)[number], number>> = {};
  for (const k of MIXES) {
    const [s, l] = [p95(small, k)?.p95, p95(large, k)?.p95];
    if (s && l) growth[k] = Math.round((l / s) * 100) / 100;
  }
  const kinds = Object.values(growth);
  const p95ok = MIXES.every((k) => {
    const x = p95(large, k);
    return !x?.p95 || (x.p95 < 50 && x.non2xx === 0);
  });
  return {
    available: true as const,
    connections: CONNECTIONS,
    levels,
    growthP95: growth,
    target: {
      description: `p95 < 50 ms at ${large?.datasets?.toLocaleString("en")} datasets and growth < 3x from ${small?.datasets?.toLocaleString("en")}, every mix including uncached`,
      met: levels.length >= 2 ? p95ok && kinds.every((g) => g < 3) : null,
    },
  };
}
