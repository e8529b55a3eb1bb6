// Catalogue search at 5,000 and 50,000 datasets: full text + 2 facets, facets only, CKAN package_search
// (these rotate ~60 queries, so they mostly measure the catalogue's per-version response cache), an uncached
// mix in which every request is a query the catalogue has not answered before, and write-then-search: how
// long after a publish or an update the new data is found, and what searches cost while the in-isolate index
// is rebuilt. p50/p95/p99 and req/s, and how latency grows from the small to the large catalogue.
import { performance } from "node:perf_hooks";
import { URLSearchParams } from "node:url";
import type { DatasetInput } from "@regie/shared/contracts/catalogue";
import { minimalDataset } from "@regie/shared/testing/datasets";
import { mulberry32 } from "@regie/shared/util/prng";
import { stem, toMatchExpression, words } from "../../apps/catalogue/src/search/text-query";
import type { Log } from "../../scripts/stack";
import { expectOk, measure, QUICK, routeExists, type LoadRequest, type Measurement } from "../lib/load";
import { urls, type Mint } from "../lib/stack";

const SIZES = (process.env.BENCH_DATASETS ?? (QUICK ? "1000,5000" : "5000,50000")).split(",").map(Number);
const CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 4);
/** Writes per kind (publish, update) and size in write-then-search. */
const WRITE_REPEATS = Number(process.env.BENCH_WRITE_REPEATS ?? (QUICK ? 3 : 5));
/** Pages of 100 datasets read to build the uncached queries from. */
const SAMPLE_PAGES = QUICK ? 6 : 20;
const MIXES = ["fullText", "uncached", "facetsOnly", "ckan"] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function round(v: number, d?: number): number;
function round(v: number | null | undefined, d?: number): number | null;
function round(v: number | null | undefined, d = 2): number | null {
  return v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d;
}

/** The parts of a search answer (GET /v1/datasets) the scenario reads. */
interface SearchItem {
  id: string;
  title?: Record<string, string>;
  keyword?: string[];
  theme?: string[];
  healthCategory?: string[];
}
interface SearchPage {
  total: number;
  items?: SearchItem[];
  facets?: Record<string, { value: string }[]>;
}

async function total(base: string): Promise<number> {
  const out = await expectOk<SearchPage>(`${base}/v1/datasets?limit=1`);
  return out.total;
}

/** Grows the catalogue to `count` datasets with the catalogue's own development generator. */
async function seedTo(base: string, count: number, log: Log) {
  const t0 = performance.now();
  // Grow in steps of 5,000 so no single request runs into the HTTP client's 300 s header timeout.
  for (let step = Math.min(count, (await total(base)) + 5_000); ; step = Math.min(count, step + 5_000)) {
    const res = await fetch(`${base}/dev/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: step }) });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST /dev/seed {"count":${step}} answered ${res.status}: ${text.slice(0, 300)}`);
    if (step >= count) break;
  }
  const n = await total(base);
  const seconds = (performance.now() - t0) / 1000;
  log(`  catalogue holds ${n} datasets (seeded in ${seconds.toFixed(1)} s)`);
  return { datasets: n, seconds: Math.round(seconds * 10) / 10 };
}

/** Query words and facet values taken from the catalogue itself, so the queries hit real data. */
async function vocabulary(base: string) {
  const out = await expectOk<SearchPage>(`${base}/v1/datasets?limit=50`);
  const facet = (name: string) => (out.facets?.[name] ?? []).map((f) => f.value);
  const counts = new Map<string, number>();
  for (const item of out.items ?? []) {
    for (const text of [...Object.values(item.title ?? {}), ...(item.keyword ?? [])]) {
      for (const w of String(text)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u))
        if (w.length >= 5) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return {
    words: ranked.slice(0, 30).length ? ranked.slice(0, 30) : ["diabetes"],
    themes: facet("theme").slice(0, 5),
    healthCategories: facet("healthCategory").slice(0, 8),
    accessRights: facet("accessRights").slice(0, 3),
    publishers: facet("publisher").slice(0, 5),
  };
}

function rotating(paths: readonly string[]): LoadRequest[] {
  let i = 0;
  return [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];
}

function queries(v: Awaited<ReturnType<typeof vocabulary>>) {
  const pick = (list: readonly string[], i: number) => list[i % Math.max(1, list.length)]!;
  const fullText: string[] = [];
  const facetsOnly: string[] = [];
  const ckan: string[] = [];
  for (let i = 0; i < 60; i++) {
    const w = pick(v.words, i);
    const p = new URLSearchParams({ q: w, limit: "20" });
    if (v.themes.length) p.append("theme", pick(v.themes, i));
    if (v.healthCategories.length) p.append("healthCategory", pick(v.healthCategories, i * 7));
    fullText.push(`/v1/datasets?${p}`);
    const f = new URLSearchParams({ limit: "20" });
    if (v.healthCategories.length) f.append("healthCategory", pick(v.healthCategories, i));
    if (v.accessRights.length) f.append("accessRights", pick(v.accessRights, i));
    facetsOnly.push(`/v1/datasets?${f}`);
    ckan.push(`/api/3/action/package_search?${new URLSearchParams({ q: w, rows: "20", "facet.field": '["tags","organization"]' })}`);
  }
  return { fullText, facetsOnly, ckan };
}

// ------------------------------------------------------------------------------------------ uncached queries
// The catalogue answers GET /v1/datasets from two per-isolate caches (apps/catalogue/src/search/service.ts):
// responses keyed by `version|offset|limit|lang|JSON(query)`, and full-text hits keyed by
// `version|<FTS5 MATCH expression>`. A request misses both only if its MATCH expression is new, so every
// uncached query below has a set of word stems no other request of the run has used: the stems and the MATCH
// expression are the catalogue's own (apps/catalogue/src/search/text-query.ts).

/** A sample of datasets spread over the whole catalogue (pages of 100 at evenly spaced offsets). */
async function sampleDatasets(base: string, datasets: number): Promise<SearchItem[]> {
  const cursor = (o: number) => Buffer.from(JSON.stringify({ o })).toString("base64url");
  const out: SearchItem[] = [];
  for (let p = 0; p < SAMPLE_PAGES; p++) {
    const offset = Math.floor((p * Math.max(0, datasets - 100)) / Math.max(1, SAMPLE_PAGES - 1));
    const page = await expectOk<SearchPage>(`${base}/v1/datasets?limit=100&sort=title${offset ? `&cursor=${cursor(offset)}` : ""}`);
    out.push(...(page.items ?? []));
  }
  return out;
}

/**
 * Queries of 2 words (then, once those run out, 3) from one dataset's titles and keywords, with that dataset's
 * theme and one of its health categories as facets, so each has at least one hit and runs FTS + facets like the
 * full-text mix. Distinct MATCH expressions only (and none of one word, which the cached full-text mix uses),
 * interleaved over the datasets. `used` holds the expressions issued so far in this catalogue version.
 */
function uncachedQueries(items: SearchItem[], used: Set<string | null>) {
  const random = mulberry32(7);
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const perItem: { item: SearchItem; combos: string[][] }[] = [];
  for (const item of items) {
    if ((item.keyword ?? []).includes("benchmark")) continue; // write-then-search's own probes
    const byStem = new Map<string, string>();
    for (const text of [...Object.values(item.title ?? {}), ...(item.keyword ?? [])]) {
      for (const w of words(text)) if ((w.length >= 4 || /^\d{4}$/.test(w)) && !byStem.has(stem(w))) byStem.set(stem(w), w);
    }
    const ws = [...byStem.values()].slice(0, 8);
    const pairs: string[][] = [];
    const triples: string[][] = [];
    for (let a = 0; a < ws.length; a++) {
      for (let b = a + 1; b < ws.length; b++) {
        pairs.push([ws[a]!, ws[b]!]);
        for (let c = b + 1; c < ws.length; c++) triples.push([ws[a]!, ws[b]!, ws[c]!]);
      }
    }
    perItem.push({ item, combos: [...shuffle(pairs), ...shuffle(triples)] });
  }
  const paths: { path: string; words: number }[] = [];
  for (let round = 0; perItem.some((x) => round < x.combos.length); round++) {
    for (const { item, combos } of perItem) {
      const combo = combos[round];
      if (!combo) continue;
      const q = combo.join(" ");
      const expr = toMatchExpression(q);
      if (!expr || used.has(expr)) continue;
      used.add(expr);
      const p = new URLSearchParams({ q, limit: "20" });
      if (item.theme?.length) p.append("theme", item.theme[(round + 1) % item.theme.length]!);
      if (item.healthCategory?.length) p.append("healthCategory", item.healthCategory[round % item.healthCategory.length]!);
      paths.push({ path: `/v1/datasets?${p}`, words: combo.length });
    }
  }
  // all pairs of all datasets first (broader queries), then triples
  const pairs = paths.filter((x) => x.words === 2).map((x) => x.path);
  return { paths: [...pairs, ...paths.filter((x) => x.words === 3).map((x) => x.path)], pairs: pairs.length };
}

/** Hands out each path once; past the end it wraps around and counts the repeats (reported, never hidden). */
function once(paths: readonly string[]) {
  const state = { issued: 0 };
  const requests: LoadRequest[] = [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[state.issued++ % paths.length] }) }];
  return { requests, state };
}

// ------------------------------------------------------------------------------------------ write, then search

export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

const stats = (xs: readonly (number | null)[]): Spread | null => {
  const s = xs.filter((x): x is number => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return { min: round(s[0]!), median: round(s[Math.floor((s.length - 1) / 2)]!), max: round(s.at(-1)!), n: s.length };
};

async function timedGet(url: string): Promise<{ ms: number; body: SearchPage }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as SearchPage };
}

/** The catalogue tests' minimal dataset, with a marker word in its titles that no other dataset has. */
function probeDataset(marker: string, identifier: string): DatasetInput {
  return minimalDataset({
    identifier,
    title: { en: `Benchmark probe ${marker} heart failure registry`, nl: `Benchmarkproef ${marker} hartfalen register` },
    description: {
      en: "A dataset published by npm run bench to time write-then-search.",
      nl: "Een dataset van npm run bench om schrijven-dan-zoeken te meten.",
    },
    keyword: [{ value: "benchmark", lang: "en" }],
    provenance: [{ label: { en: "Made by the benchmark" } }],
  });
}

async function publishDataset(base: string, auth: string, input: DatasetInput): Promise<{ id: string }> {
  const res = await fetch(`${base}/v1/datasets`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id: string };
}

/**
 * One write (publish a new dataset, or update the previous one with a new title) and then: the first search for
 * the word only the new version contains, repeated every 25 ms until the dataset is in the answer, and at the
 * same moment `CONNECTIONS` other searches (popular queries of the full-text mix, which would be cache hits had the
 * catalogue not changed) as bystanders.
 */
type WriteKind = "publish" | "update" | "publishDuringRebuild";

async function writeThenSearchOnce(
  base: string,
  auth: string,
  { kind, marker, previous, bystanders }: { kind: WriteKind; marker: string; previous: { id: string; identifier: string } | null; bystanders: string[] },
) {
  const publish = kind !== "update";
  const id = previous?.id;
  const input = probeDataset(marker, previous?.identifier ?? `BENCH-${marker}`);
  // "publishDuringRebuild": first another write and a search that starts the index rebuild it causes; the timed
  // publish is sent while that search is still waiting (`sentWhileRebuilding` says whether it still was).
  let trigger: { state: { done: boolean }; search: Promise<{ ms: number; found: boolean }> } | null = null;
  if (kind === "publishDuringRebuild") {
    const otherMarker = marker.replace(/n(\d+)q$/, "t$1q"); // not a prefix of the marker, nor the other way round
    const other = await publishDataset(base, auth, probeDataset(otherMarker, `BENCH-${otherMarker}`));
    const state = { done: false };
    const search = timedGet(`${base}/v1/datasets?${new URLSearchParams({ q: otherMarker, limit: "5" })}`).then((r) => {
      state.done = true;
      return { ...r, found: (r.body.items ?? []).some((x) => x.id === other.id) };
    });
    trigger = { state, search };
    await sleep(10);
  }
  const sentWhileRebuilding = trigger ? !trigger.state.done : undefined;
  const t0 = performance.now();
  const res = await fetch(publish ? `${base}/v1/datasets` : `${base}/v1/datasets/${encodeURIComponent(id ?? "")}`, {
    method: publish ? "POST" : "PUT",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  const written = performance.now();
  if (res.status !== (publish ? 201 : 200)) throw new Error(`${kind} answered ${res.status}: ${text.slice(0, 300)}`);
  const doc = JSON.parse(text) as { id: string };
  const others = bystanders.map((path) => timedGet(`${base}${path}`));
  const probeUrl = `${base}/v1/datasets?${new URLSearchParams({ q: marker, limit: "5" })}`;
  let first: { ms: number } | null = null;
  let polls = 0;
  let visible: number | null = null;
  while (performance.now() - written < 60_000) {
    const r = await timedGet(probeUrl);
    polls++;
    first ??= r;
    if ((r.body.items ?? []).some((x) => x.id === doc.id)) {
      visible = performance.now();
      break;
    }
    await sleep(25);
  }
  const during = await Promise.all(others);
  const triggered = trigger ? await trigger.search : null;
  if (triggered && !triggered.found) throw new Error("publishDuringRebuild: the search that started the rebuild did not find its own dataset");
  return {
    kind,
    ...(triggered ? { sentWhileRebuilding, rebuildSearchMs: round(triggered.ms) } : {}),
    id: doc.id,
    writeMs: round(written - t0),
    firstSearchMs: round(first?.ms),
    firstSearchFound: polls === 1 && visible !== null,
    visibleSeconds: visible === null ? null : round((visible - written) / 1000, 3),
    polls,
    bystanderMs: during.map((d) => round(d.ms)),
    doc: { id: doc.id, identifier: input.identifier },
  };
}

interface WriteRun extends Omit<Awaited<ReturnType<typeof writeThenSearchOnce>>, "doc"> {
  doc?: { id: string; identifier: string };
}

export interface WriteStats {
  writeMs: Spread | null;
  firstSearchMs: Spread | null;
  visibleSeconds: Spread | null;
  neverVisible: number;
  sentWhileRebuilding?: number;
  bystanderMs: Spread | null;
  runs: WriteRun[];
}

async function writeThenSearch(base: string, mint: Mint, bystanderPaths: string[], log: Log) {
  const auth = `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`;
  const tag = Math.random()
    .toString(36)
    .slice(2, 8)
    .replace(/[^a-z0-9]/g, "x");
  const out: { repeats: number; concurrentSearches: number } & Partial<Record<WriteKind, WriteStats>> = {
    repeats: WRITE_REPEATS,
    concurrentSearches: CONNECTIONS,
  };
  let previous: { id: string; identifier: string } | null = null;
  let n = 0;
  for (const kind of ["publish", "update", "publishDuringRebuild"] as const) {
    const runs: WriteRun[] = [];
    for (let i = 0; i < WRITE_REPEATS; i++) {
      // letters and digits only, ending in "q" so no stem suffix is cut off and no marker is a prefix of another
      const marker = `probe${tag}n${n++}q`;
      const bystanders = Array.from({ length: CONNECTIONS }, (_, j) => bystanderPaths[(n * CONNECTIONS + j) % bystanderPaths.length]!);
      const r: WriteRun = await writeThenSearchOnce(base, auth, { kind, marker, previous: kind === "update" ? previous : null, bystanders });
      if (kind === "publish") previous = r.doc ?? null;
      delete r.doc;
      runs.push(r);
      await sleep(300);
    }
    const k: WriteStats = (out[kind] = {
      writeMs: stats(runs.map((r) => r.writeMs)),
      firstSearchMs: stats(runs.map((r) => r.firstSearchMs)),
      visibleSeconds: stats(runs.map((r) => r.visibleSeconds)),
      neverVisible: runs.filter((r) => r.visibleSeconds === null).length,
      ...(kind === "publishDuringRebuild" ? { sentWhileRebuilding: runs.filter((r) => r.sentWhileRebuilding).length } : {}),
      bystanderMs: stats(runs.flatMap((r) => r.bystanderMs)),
      runs,
    });
    log(
      `    ${kind}: write ${k.writeMs?.median} ms, visible after ${k.visibleSeconds?.median ?? "–"} s (median), first search ${k.firstSearchMs?.median} ms, concurrent searches ${k.bystanderMs?.median} ms (median)`,
    );
  }
  return out;
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
      level.writeThenSearch = await writeThenSearch(base, mint, q.fullText, log);
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
