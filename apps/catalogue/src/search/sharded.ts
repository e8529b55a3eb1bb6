/**
 * Search as the API runs it: scatter-gather over the index shards (./shard/index-shard.ts). For a text query
 * ranked by relevance, round 1 sums the shards' bm25 statistics; round 2 asks every shard for its total, facet
 * counts and first `take` hits after the cursor's key; the coordinator sums and merges (./shard/merge.ts) and, only
 * when a shard left out a shown facet value, asks that shard for it (round 3). The answer is the one a single index
 * over the whole catalogue gives (test/search-sharded.property.test.ts). Memory here is the shards' answers
 * (≤ take items and ≤ facetLimit values per facet per shard) and the caches, bounded by bytes.
 */
import { LruMap } from "@regie/shared";
import type { FacetCount, FacetField, SearchQuery, SearchResponse } from "@regie/shared/contracts/catalogue";
import type { DatasetsRepo } from "../storage/datasets-repo";
import { encodePageCursor } from "./cursor";
import { selections } from "./search";
import { currentVersion } from "./service";
import { sumStats, type TextStats } from "./shard/bm25";
import type { IndexShard } from "./shard/index-shard";
import { mergeFacets, mergeItems, withRefined } from "./shard/merge";
import type { After, ShardAnswer, ShardQuery, SortKind } from "./shard/query";
import { toMatchExpression } from "./text-query";

export interface SearchEnv {
  DB: D1Database;
  SEARCH_SHARDS: DurableObjectNamespace<IndexShard>;
  SEARCH_SHARD_COUNT: string;
  /** values per facet each shard reports before the rest is summarised (tests lower it to exercise refinement) */
  SEARCH_FACET_LIMIT?: string;
}

const intOr = (raw: string | undefined, def: number, max: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : def;
};
export const shardCount = (env: SearchEnv) => intOr(env.SEARCH_SHARD_COUNT, 4, 1024);
const facetLimit = (env: SearchEnv) => intOr(env.SEARCH_FACET_LIMIT, 1000, 100_000);

function stubs(env: SearchEnv) {
  const n = shardCount(env);
  return Array.from({ length: n }, (_, k) => ({ shard: k, count: n, stub: env.SEARCH_SHARDS.get(env.SEARCH_SHARDS.idFromName(`${n}:${k}`)) }));
}

const MB = 1024 * 1024;
/** serialised answers (a CKAN rows=1000 answer is ≈1 MiB), by bytes: 16 MiB in all, 4 MiB at most each */
const responses = new LruMap<string, string>(4096, { weigh: (s, k) => (s.length + k.length) * 2, maxWeight: 16 * MB, maxEntryWeight: 4 * MB });
/** catalogue-wide bm25 statistics per (version, words) */
const statsCache = new LruMap<string, TextStats>(1024, { weigh: (s, k) => k.length * 2 + s.hits.length * 8 + 64, maxWeight: 1 * MB });
/** CKAN `start` positions -> the item before them (keyset under offset paging) */
const positions = new LruMap<string, After>(4096, {
  weigh: (a, k) => k.length * 2 + 64 + (typeof a.key === "string" ? a.key.length * 2 : 8),
  maxWeight: 2 * MB,
});
const MAX_ROUNDS = 3;

export interface ShardedPage {
  total: number;
  ords: number[];
  facets: Record<FacetField, FacetCount[]>;
  nextOffset: number | null;
  /** the last item of this page (for the next page's cursor) */
  last: (After & { sort: SortKind }) | null;
  /** the version every shard answered at, or null when they differ (a write landed between them) */
  version: string | null;
  /** the largest shard's in-memory structures, in bytes */
  shardBytes: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
  /** keyset: the item before this page, when its sort is the query's */
  after?: (After & { sort: SortKind }) | null;
  lang?: "en" | "nl";
}

export function effectiveSort(query: SearchQuery, match: string | null): SortKind {
  const sort = query.sort ?? "relevance";
  return sort === "relevance" && match ? "relevance" : sort === "title" || sort === "quality" ? sort : "modified";
}

/** One search over every shard at catalogue version `version` or later. */
export async function runSharded(env: SearchEnv, query: SearchQuery, page: PageRequest, version: string): Promise<ShardedPage> {
  const match = toMatchExpression(query.q);
  const text = match ?? (query.q && query.q.trim() ? "none" : null);
  const sort = effectiveSort(query, match);
  const sel = selections(query);
  const after = page.after && page.after.sort === sort ? page.after : null;
  const skip = after ? 0 : page.offset;
  const shardQuery: ShardQuery = {
    selections: sel,
    ranges: {
      minAge: query.minAge,
      maxAge: query.maxAge,
      temporalStart: query.temporalStart,
      temporalEnd: query.temporalEnd,
      minIndividuals: query.minIndividuals,
    },
    sort,
    after: after ? { key: after.key, ord: after.ord } : null,
    take: skip + page.limit,
    facetLimit: facetLimit(env),
  };
  const all = stubs(env);
  let stats: TextStats | null = null;
  if (match && sort === "relevance") {
    const key = `${version}|${match}`;
    stats = statsCache.get(key) ?? null;
    if (!stats) {
      const parts = await Promise.all(all.map((s) => s.stub.stats({ shard: s.shard, count: s.count, version, match })));
      stats = sumStats(parts);
      if (parts.every((p) => p.version === version)) statsCache.set(key, stats);
    }
  }
  // RPC typing flattens tuples: the answers are what IndexShard.query returns
  const ask = async (s: (typeof all)[number], q: ShardQuery) =>
    (await s.stub.query({ shard: s.shard, count: s.count, version, match: text, stats, query: q })) as unknown as {
      version: string;
      answer: ShardAnswer;
      bytes: number;
    };
  const first = await Promise.all(all.map((s) => ask(s, shardQuery)));
  let answers: ShardAnswer[] = first.map((r) => r.answer);
  const lang = page.lang ?? "en";
  let merged = mergeFacets(answers, sel, lang);
  if (merged.refine.size) {
    const refined = new Map<number, ShardAnswer>();
    await Promise.all([...merged.refine].map(async ([i, exact]) => refined.set(i, (await ask(all[i]!, { ...shardQuery, take: 0, exact })).answer)));
    answers = withRefined(answers, refined);
    merged = mergeFacets(answers, sel, lang);
  }
  const items = mergeItems(answers, sort, skip, page.limit);
  const total = answers.reduce((n, a) => n + a.total, 0);
  const versions = new Set(first.map((r) => r.version));
  const lastItem = items[items.length - 1];
  const next = page.offset + page.limit;
  return {
    total,
    ords: items.map((i) => i[0]),
    facets: merged.facets,
    nextOffset: next < total ? next : null,
    last: lastItem ? { sort, key: lastItem[1], ord: lastItem[0] } : null,
    version: versions.size === 1 ? [...versions][0]! : null,
    shardBytes: Math.max(...first.map((r) => r.bytes)),
  };
}

/** GET /v1/datasets: the response, cached by bytes per catalogue version. */
export async function searchDatasets(env: SearchEnv, repo: DatasetsRepo, query: SearchQuery, page: PageRequest): Promise<string> {
  const keyOf = (version: string) =>
    `${version}|${page.offset}|${page.limit}|${page.lang ?? ""}|${JSON.stringify(page.after ?? null)}|${JSON.stringify(query)}`;
  let wanted = await currentVersion(repo);
  for (let round = 1; ; round++) {
    const hit = responses.get(keyOf(wanted));
    if (hit) return hit;
    const result = await runSharded(env, query, page, wanted);
    const summaries = result.ords.length ? await repo.summariesAt(result.ords) : { version: result.version ?? wanted, items: [] };
    const response: SearchResponse = {
      total: result.total,
      items: summaries.items,
      facets: result.facets,
      nextCursor: result.nextOffset === null ? null : encodePageCursor({ offset: result.nextOffset, after: result.last ?? undefined }),
    };
    const body = JSON.stringify(response);
    if (result.version !== null && summaries.version === result.version) {
      responses.set(keyOf(result.version), body);
      if (result.version !== wanted) responses.set(keyOf(wanted), body);
      return body;
    }
    // a write landed between the shards or before the summaries: run again at the newer version
    if (round >= MAX_ROUNDS) return body;
    wanted = summaries.version;
  }
}

/**
 * CKAN package_search and other offset-paged reads: cached like searches; `start` continues from the item before
 * it when an earlier page of the same query ended there (a harvester paging through), so deep pages cost what the
 * first does.
 */
export async function cachedOffsetRead(
  env: SearchEnv,
  repo: DatasetsRepo,
  key: string,
  query: SearchQuery,
  page: { offset: number; limit: number },
  produce: (result: ShardedPage) => Promise<{ body: string; version: string }>,
): Promise<string> {
  const version = await currentVersion(repo);
  const k = `${version}|read|${key}|${page.offset}|${page.limit}`;
  const hit = responses.get(k);
  if (hit) return hit;
  const posKey = (v: string, offset: number) => `${v}|${JSON.stringify(query)}|${offset}`;
  const after = page.offset > 0 ? (positions.get(posKey(version, page.offset)) ?? null) : null;
  const result = await runSharded(env, query, { offset: page.offset, limit: page.limit, after: after as PageRequest["after"] }, version);
  if (result.version !== null && result.last) positions.set(posKey(result.version, page.offset + result.ords.length), result.last);
  const { body, version: read } = await produce(result);
  if (result.version !== null && read === result.version) responses.set(k, body);
  return body;
}

/** Every publisher with its dataset count and name, summed over the shards. */
export async function publishers(env: SearchEnv, repo: DatasetsRepo): Promise<{ id: string; name: string | undefined; count: number }[]> {
  const version = await currentVersion(repo);
  const parts = (await Promise.all(stubs(env).map((s) => s.stub.publishers({ shard: s.shard, count: s.count, version })))) as unknown as {
    values: [string, number, string | undefined][];
  }[];
  const sum = new Map<string, { name: string | undefined; count: number }>();
  for (const p of parts)
    for (const [id, count, name] of p.values) {
      const e = sum.get(id);
      if (e) {
        e.count += count;
        e.name ??= name;
      } else sum.set(id, { name, count });
    }
  return [...sum].map(([id, e]) => ({ id, ...e })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Per shard: rows, in-memory bytes and version (development: bench scale mode). */
export async function shardInfo(env: SearchEnv, repo: DatasetsRepo) {
  const version = await currentVersion(repo);
  return Promise.all(stubs(env).map((s) => s.stub.info({ shard: s.shard, count: s.count, version })));
}
