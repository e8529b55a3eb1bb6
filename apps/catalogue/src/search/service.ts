/**
 * Search as the API runs it: the isolate keeps the search index, recent full-text hits and recent responses,
 * all keyed by the catalogue version in D1 (see ./version-cache: a write through this isolate is seen at once,
 * another isolate's within a second).
 *
 * When the version moves, the index is brought up to date from the rows changed since its version (see
 * DatasetsRepo.indexChanges); only a large or unknown change reads the whole catalogue again. Every answer is
 * computed from one index version and cached under that version only: full-text hits and result summaries are
 * read from D1 together with the version they belong to, and when that is not the index's version the search is
 * run again at the newer version.
 */
import { LruMap } from "@regie/shared";
import type { DatasetSummary, SearchQuery, SearchResponse } from "@regie/shared/contracts/catalogue";
import type { DatasetsRepo } from "../storage/datasets-repo";
import { cachedVersion, readToken, rememberVersion } from "./version-cache";
import { toHex } from "./bitset";
import { search, textMatch, encodeCursor, filterOf, type SearchPage, type TextMatch } from "./search";
import { SearchIndex } from "./search-index";
import { toMatchExpression } from "./text-query";

let current: SearchIndex | null = null;
/** the refresh under way, numbered so that a caller knows whether it started after the caller saw its version */
let refreshing: { seq: number; promise: Promise<SearchIndex> } | null = null;
let refreshes = 0;
const texts = new LruMap<string, TextMatch>(256);
/** serialised responses */
const responses = new LruMap<string, string>(512);
/** Rounds of "the data moved while this search read it, run it again at the newer version". */
const MAX_ROUNDS = 3;

import { covers } from "./versions";
export { covers };

/** Changed rows up to this many (an eighth of the catalogue, at least 500) are applied; more reads everything. */
export const deltaLimit = (datasets: number) => Math.max(500, datasets >> 3);

/** The catalogue version, from this isolate's short-lived memory or D1. */
export async function currentVersion(repo: DatasetsRepo): Promise<string> {
  const cached = cachedVersion();
  if (cached !== null) return cached;
  const token = readToken();
  const v = await repo.version();
  rememberVersion(v, Date.now(), token);
  return v;
}

/** The index at the catalogue's version now: the current one with the changes since, or a full build. */
async function refresh(repo: DatasetsRepo): Promise<SearchIndex> {
  const base = current;
  let next: SearchIndex | null = null;
  if (base) {
    const delta = await repo.indexChanges(base.version, deltaLimit(base.count));
    if (delta) next = delta.version === base.version ? base : base.withChanges(delta.version, delta.rows, delta.deleted);
  }
  if (!next) {
    const { version, rows } = await repo.indexRows();
    next = new SearchIndex(version, rows);
  }
  if (next !== current) {
    // answers cached for older versions are never asked for again
    texts.clear();
    responses.clear();
    current = next;
  }
  return next;
}

/** An index holding at least catalogue version `version` (default: the version now). */
export async function searchIndex(repo: DatasetsRepo, version?: string): Promise<SearchIndex> {
  const wanted = version ?? (await currentVersion(repo));
  const seen = refreshes;
  for (;;) {
    if (current && covers(current.version, wanted)) return current;
    if (!refreshing) {
      const seq = ++refreshes;
      refreshing = {
        seq,
        promise: refresh(repo).finally(() => {
          if (refreshing?.seq === seq) refreshing = null;
        }),
      };
    }
    const r = refreshing;
    const index = await r.promise;
    // A refresh that started after `wanted` was read has read D1 since; an earlier one may be older than `wanted`.
    if (r.seq > seen || covers(index.version, wanted)) return index;
  }
}

export interface RunOptions {
  offset: number;
  limit: number;
  lang?: "en" | "nl";
  /** read the page's summaries with the full-text hits when that can be done in the same round trip */
  summaries?: boolean;
}

const sameOrds = (a: number[], b: number[]) => a.length === b.length && a.every((o, i) => o === b[i]);

/**
 * Runs a search: the page of ordinals, total and facets, and the version of the index it was computed from; and,
 * when they could be read in the same round trip as the full-text hits, the page's summaries with their version.
 */
export async function runSearch(
  repo: DatasetsRepo,
  query: SearchQuery,
  opts: RunOptions,
  version?: string,
): Promise<{ page: SearchPage; version: string; summaries?: { version: string; items: DatasetSummary[] } }> {
  const match = toMatchExpression(query.q);
  let wanted = version;
  for (let round = 1; ; round++) {
    const index = await searchIndex(repo, wanted);
    let text: TextMatch | null = null;
    let read: { version: string; ords: number[]; items: DatasetSummary[] } | undefined;
    if (match) {
      const key = `${index.version}|${match}`;
      text = texts.get(key) ?? null;
      if (!text) {
        // In relevance order the page is the first hits that pass the other filters, so SQL can pick it (and read
        // its summaries) in the same statement as the hits, given those filters as a bitset.
        const relevance = (query.sort ?? "relevance") === "relevance";
        const hits = await repo.rankedText(
          match,
          opts.summaries && relevance ? { filter: toHex(filterOf(index, query)), offset: opts.offset, limit: opts.limit } : undefined,
        );
        if (hits.version !== index.version && round < MAX_ROUNDS) {
          wanted = hits.version;
          continue;
        }
        text = textMatch(index, hits.ords);
        if (hits.version === index.version) texts.set(key, text);
        if (hits.page) read = { version: hits.version, ...hits.page };
      }
    } else if (query.q && query.q.trim()) {
      // text without any searchable word matches nothing
      text = textMatch(index, []);
    }
    const page = search(index, query, text, opts);
    // used only when SQL picked exactly this page (anything else reads the summaries again)
    const summaries = read && sameOrds(read.ords, page.ords) ? { version: read.version, items: read.items } : undefined;
    return { page, version: index.version, summaries };
  }
}

/** GET /v1/datasets: the response, served from the isolate's cache while the catalogue is unchanged. */
export async function searchDatasets(repo: DatasetsRepo, query: SearchQuery, opts: RunOptions): Promise<string> {
  const keyOf = (version: string) => `${version}|${opts.offset}|${opts.limit}|${opts.lang ?? ""}|${JSON.stringify(query)}`;
  let wanted = await currentVersion(repo);
  for (let round = 1; ; round++) {
    const hit = responses.get(keyOf(wanted));
    if (hit) return hit;
    const { page, version, summaries: read } = await runSearch(repo, query, { ...opts, summaries: true }, wanted);
    // an empty page needs no summaries (and so no D1 read)
    const summaries = read ?? (page.ords.length ? await repo.summariesAt(page.ords) : { version, items: [] });
    const response: SearchResponse = {
      total: page.total,
      items: summaries.items,
      facets: page.facets,
      nextCursor: page.nextOffset === null ? null : encodeCursor(page.nextOffset),
    };
    const body = JSON.stringify(response);
    if (summaries.version === version) {
      responses.set(keyOf(version), body);
      return body;
    }
    // The catalogue moved between the index and the summaries: only under a stream of writes is the last
    // round's answer given as it is (and not cached).
    if (round >= MAX_ROUNDS) return body;
    wanted = summaries.version;
  }
}

/**
 * Any read whose answer depends only on the catalogue and `key` (e.g. a CKAN search URL), cached like searches.
 * `produce` gets the version of the index it should use; its answer is cached only if that index was still the
 * current one when it finished.
 */
export async function cachedRead(repo: DatasetsRepo, key: string, produce: (version: string) => Promise<string>): Promise<string> {
  const index = await searchIndex(repo, await currentVersion(repo));
  const k = `${index.version}|read|${key}`;
  const hit = responses.get(k);
  if (hit) return hit;
  const body = await produce(index.version);
  if (current === index) responses.set(k, body);
  return body;
}
